/** Runs the mmucheck program in-process with captured output, as a user would run it from the repository root. */
import { createProgram } from '../../cli/createProgram.js';

/** What one run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `mmucheck <args>` and captures stdout, stderr and the exit code. */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io = {
    out: (t: string) => void (out += t),
    err: (t: string) => void (err += t),
    stdoutIsTty: false,
    stderrIsTty: false,
  };
  const code = await createProgram(io).run(args);
  return { code, out, err };
}

/** The report with its only run-dependent numbers (seconds and states per second) replaced by placeholders. */
export function steadyReport(text: string): string {
  return text.replace(/\d+\.\d\d s \([\d,]+ states\/s\)/g, 'N.NN s (N states/s)');
}
