/** The source of a run named on the command line: a model file by its extension, else a kernel scenario. */
import type { Io } from '../Io.js';
import { isModelFile } from '../userModel/loadModelFile.js';
import { kernelSource, type ScenarioFlags } from './kernelSource.js';
import { modelFileSource } from './modelFileSource.js';
import type { RunMode, RunSource } from './RunSource.js';

/** Loads `arg` (a bundled scenario name, a scenario file or a model file) for a run of `mode`. */
export async function sourceOf(arg: string, flags: ScenarioFlags, io: Io, mode: RunMode): Promise<RunSource> {
  return isModelFile(arg) ? await modelFileSource(arg, flags, io, mode) : kernelSource(arg, flags, mode);
}
