/** A report that could not be written: the CLI ends with exit code 5, never with the verdict's code. */

/** The report (or other output) was lost: `--out` could not be written, or stdout was closed or full. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** The reason an output error gives, in words, from a failed write's error code. */
export function outputFailureReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EPIPE':
      return 'the reader closed the pipe (EPIPE)';
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    case 'EDQUOT':
      return 'disk quota exceeded (EDQUOT)';
    case 'EBADF':
      return 'the file descriptor is closed (EBADF)';
    case 'ENOENT':
      return 'no such directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENXIO':
      return 'is a FIFO with no reader (ENXIO)';
    default:
      return (e as Error).message ?? String(e);
  }
}
