/**
 * The main thread's stdout and stderr: a failed stdout write turns any exit code into 5 (the
 * report could not be written) with one line on stderr; a failed stderr write changes nothing.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exitCodes.js';
import { OutputChannels } from '../../cli/outputChannels.js';

/** A stream that keeps what it is given, or fails every write with `code`. */
function sink(failWith?: string): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (failWith === undefined) {
        stream.text += chunk.toString();
        return done();
      }
      done(Object.assign(new Error(`write ${failWith}`), { code: failWith }));
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('OutputChannels', () => {
  it('passes the exit code through when every write succeeded', async () => {
    const [out, err] = [sink(), sink()];
    const channels = new OutputChannels(out, err);
    channels.write('out', 'VIOLATED\n');
    channels.write('err', 'progress\n');
    expect(await channels.exitCode(EXIT.violation, false)).toBe(EXIT.violation);
    expect([out.text, err.text]).toEqual(['VIOLATED\n', 'progress\n']);
  });

  it.each([EXIT.ok, EXIT.violation, EXIT.incomplete, EXIT.modelError])(
    'turns exit %i into 5 when stdout failed (EPIPE), with one line on stderr',
    async (code) => {
      const err = sink();
      const channels = new OutputChannels(sink('EPIPE'), err);
      channels.write('out', 'ALL PROPERTIES HOLD\n');
      expect(await channels.exitCode(code, false)).toBe(EXIT.outputFailed);
      expect(err.text).toBe(
        'mmucheck: error: the report could not be written: stdout: the reader closed the pipe (EPIPE)\n',
      );
    },
  );

  it('names ENOSPC, and adds the stack only with --debug', async () => {
    const err = sink();
    const channels = new OutputChannels(sink('ENOSPC'), err);
    channels.write('out', 'report\n');
    expect(await channels.exitCode(EXIT.ok, true)).toBe(EXIT.outputFailed);
    expect(err.text).toMatch(
      /^mmucheck: error: the report could not be written: stdout: no space left on the device \(ENOSPC\)\nError: write ENOSPC\n\s+at /,
    );
  });

  it('keeps the exit code when only stderr failed: the report was written', async () => {
    const out = sink();
    const channels = new OutputChannels(out, sink('EPIPE'));
    channels.write('err', 'progress\n');
    channels.write('out', 'report\n');
    expect(await channels.exitCode(EXIT.violation, false)).toBe(EXIT.violation);
    expect(out.text).toBe('report\n');
  });
});
