/**
 * `mmucheck replay <trace-file>`: replays a trace saved with `check --format itf` on the model of
 * its scenario, or of its model file, and prints it. Exit 0 when it replays (the report says whether it ends in a
 * violation); 2 for a file that is not such a trace, or a trace the model does not reproduce
 * ("trace does not match the model at step N: …").
 */
import type { Command } from 'commander';
import { readItfTraceFile } from '../formats/readItfTrace.js';
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
    .option('--no-color', 'no colour even on a terminal')
    .action(async (file: string, flags: { columns?: boolean; color: boolean }) => {
      const saved = readItfTraceFile(file);
      const p = palette(flags.color && io.stdoutIsTty && !process.env['NO_COLOR']);
      if (saved.origin.kind === 'modelFile') {
        if (flags.columns === true)
          throw new InputError(
            'applies to traces of kernel scenarios only, not of a model file',
            undefined,
            '--columns',
          );
        const loaded = await loadTraceModel(saved);
        io.out(modelReplayReport(file, replayModelFileTrace(saved, loaded), p));
      } else {
        const replayed = replaySavedTrace(saved);
        io.out(replayReport(file, replayed, { columns: flags.columns === true, width: terminalWidth(io) }, p));
      }
      setExit(EXIT.ok);
    });
}
