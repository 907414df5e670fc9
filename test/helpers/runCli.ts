/**
 * Runs the mmucheck program in-process with captured output, and the built binary in a child
 * process, so CLI tests can assert exit codes, stdout and stderr the way a user or a CI job sees them.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgram } from '../../cli/createProgram.js';

/** What a run of the program left behind. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** The repository root. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built executable that `npm test` compiles before vitest runs. */
export const BINARY = join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** True when the built executable exists (spawn tests skip without it). */
export function binaryBuilt(): boolean {
  return existsSync(BINARY);
}

/** Runs `mmucheck <args>` in-process; neither output is a terminal, as in CI. */
export async function runCli(args: readonly string[], interrupted?: () => boolean): Promise<CliResult> {
  let out = '';
  let err = '';
  const { run } = createProgram({
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdoutIsTty: false,
    stderrIsTty: false,
    ...(interrupted ? { stopRequested: () => (interrupted() ? ('interrupted' as const) : undefined) } : {}),
  });
  const code = await run(args);
  return { code, out, err };
}

/** Runs the built binary to its end (for short runs). */
export function runBinary(args: readonly string[], options: { uid?: number; gid?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BINARY, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A running binary, with its output so far and a promise of how it ended. */
export interface RunningBinary {
  readonly pid: number;
  signal(name: NodeJS.Signals): void;
  /** What it has written to stdout so far. */
  out(): string;
  /** What it has written to stderr so far. */
  err(): string;
  /** Closes the reading end of its stdout, as `| head -c 1` does once it has read enough. */
  closeStdout(): void;
  /** Resolves when the process has exited, with its exit code (or -1 if killed by a signal) and output. */
  readonly ended: Promise<CliResult & { readonly signal: NodeJS.Signals | null }>;
}

/** Starts the built binary without waiting for it. */
export function startBinary(args: readonly string[], options: SpawnOptions = {}): RunningBinary {
  const child = spawn(process.execPath, [BINARY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ended = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? -1, out, err, signal }));
  });
  return {
    pid: child.pid!,
    signal: (name) => void child.kill(name),
    out: () => out,
    err: () => err,
    closeStdout: () => void child.stdout?.destroy(),
    ended,
  };
}
