/** The column view's width: the terminal's when there is one, 120 otherwise. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../../cli/Io.js';
import { terminalWidth } from '../../../cli/render/terminalWidth.js';

const io = (tty: boolean): Io => ({ out: () => {}, err: () => {}, stdoutIsTty: tty, stderrIsTty: false });
const saved = process.env['COLUMNS'];

afterEach(() => {
  if (saved === undefined) delete process.env['COLUMNS'];
  else process.env['COLUMNS'] = saved;
});

describe('terminalWidth', () => {
  it('is 120 when stdout is not a terminal, whatever COLUMNS says', () => {
    process.env['COLUMNS'] = '90';
    expect(terminalWidth(io(false))).toBe(120);
  });

  it.skipIf(process.stdout.columns !== undefined)(
    'falls back on COLUMNS on a terminal whose stream has no size (a program thread)',
    () => {
      process.env['COLUMNS'] = '90';
      expect(terminalWidth(io(true))).toBe(90);
      process.env['COLUMNS'] = 'wide';
      expect(terminalWidth(io(true))).toBe(120);
    },
  );
});
