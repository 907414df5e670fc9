/**
 * `mmucheck replay <trace-file>`: replays a trace saved with `check --format itf` on the model of
 * its scenario, or of its model file, and prints it. Exit 0 when it replays (the report says whether it ends in a
 * violation); 2 for a file that is not such a trace, or a trace the model does not reproduce
 * ("trace does not match the model at step N: …").
 */
import type { Command } from 'commander';
import { readItfTraceFile, type SavedTrace } from '../formats/readItfTrace.js';
import { intOption } from '../parseOptions.js';
import type { Palette } from '../render/colour.js';
import { replaySavedTrace } from '../formats/replaySavedTrace.js';
import { palette } from '../render/colour.js';
import { replayReport } from '../render/replayReport.js';
import { terminalWidth } from '../render/terminalWidth.js';
import { InputError } from '../../model/InputError.js';
import { loadTraceModel, replayModelFileTrace } from '../userModel/replayModelFileTrace.js';
import { modelReplayReport } from '../userModel/modelReplayReport.js';
import { EXIT } from '../exitCodes.js';
import type { Io } from '../Io.js';

/** Adds the `replay` command. */
export function addReplayCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('replay')
    .description('replay a trace saved with check --format itf on the model, step by step, and print it')
    .argument('<trace-file>', 'an ITF trace written by mmucheck check --format itf')
    .option('--columns', 'one column per thread')
    .option(
      '--trace <n>',
      'of a file of several traces (check --continue --format itf): replay only the n-th (default: every one)',
      intOption(1, 1_000_000),
    )
    .option('--no-color', 'no colour even on a terminal')
    .action(async (file: string, flags: { columns?: boolean; color: boolean; trace?: number }) => {
      const traces = readItfTraceFile(file);
      if (flags.trace !== undefined && flags.trace > traces.length)
        throw new InputError(
          `${file} holds ${traces.length === 1 ? 'one trace' : `${traces.length} traces`}; expected 1 to ${traces.length}`,
          undefined,
          '--trace',
        );
      const chosen = flags.trace === undefined ? traces : [traces[flags.trace - 1]!];
      const p = palette(flags.color && io.stdoutIsTty && !process.env['NO_COLOR']);
      // Every trace is replayed before any is printed: a file with one trace the model does not reproduce is refused whole.
      const reports: string[] = [];
      for (const saved of chosen) reports.push(await replayOne(saved, flags, io, p));
      io.out(reports.join('\n'));
      setExit(EXIT.ok);
    });
}

/** The report of one saved trace, replayed on its model. */
async function replayOne(saved: SavedTrace, flags: { columns?: boolean }, io: Io, p: Palette): Promise<string> {
  if (saved.origin.kind === 'modelFile') {
    if (flags.columns === true)
      throw new InputError('applies to traces of kernel scenarios only, not of a model file', undefined, '--columns');
    const loaded = await loadTraceModel(saved);
    return modelReplayReport(saved.file, replayModelFileTrace(saved, loaded), p);
  }
  const replayed = replaySavedTrace(saved);
  return replayReport(saved.file, replayed, { columns: flags.columns === true, width: terminalWidth(io) }, p);
}
