/**
 * The sources of runs with checkpoints: `check SCENARIO --checkpoint DIR` (a new run, its first
 * checkpoint written before the search) and `resume DIR` (the run a checkpoint holds, rebuilt from
 * its manifest and checked against it: the same mmucheck version, the same scenario file, the same
 * overrides and the same model; bounds may change where the answer of a run never stopped would not).
 */
import { readCheckpoint, checkpointPath } from '../../checker/checkpoint/checkpointDir.js';
import { InputError } from '../../model/InputError.js';
import { needsStateGraph } from '../../checker/liveness/needsStateGraph.js';
import { OVERRIDE_KEYS, pickOverrides, type ScenarioOverrides } from '../applyOverrides.js';
import type { Io } from '../Io.js';
import type { BoundFlags } from '../searchOptions.js';
import { kernelSource, type ScenarioFlags } from '../run/kernelSource.js';
import type { RunSource } from '../run/RunSource.js';
import { MMUCHECK_VERSION } from '../version.js';
import { DEFAULT_CHECKPOINT_EVERY_MS, DirCheckpoints, prepareCheckpointDir } from './DirCheckpoints.js';
import { manifestOf, modelDigest, runManifest, scenarioIdentity, type RunManifest } from './RunManifest.js';

/** The flags of a run with checkpoints. */
export interface CheckpointFlags extends ScenarioFlags {
  readonly checkpoint?: string;
  /** Milliseconds; 0 writes one at every level boundary. */
  readonly checkpointEvery?: number;
}

/** `check arg --checkpoint DIR`: a new run whose checkpoints go to DIR (which must hold none yet). */
export function checkpointedSource(arg: string, flags: CheckpointFlags, io: Io): RunSource {
  const dir = flags.checkpoint!;
  if (flags.exact === true)
    throw new InputError(
      'cannot be used with --exact: a checkpoint saves fingerprints, not whole states',
      undefined,
      '--checkpoint',
    );
  const scenario = scenarioIdentity(arg);
  const checkpoints = new DirCheckpoints(
    dir,
    flags.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY_MS,
    io,
    flags.quiet === true,
  );
  // The scenario and every other flag are checked before the directory is made.
  const source = kernelSource(arg, flags, 'check', { checkpoints });
  if (needsStateGraph(source.model))
    throw new InputError(
      'does not save the state graph on which the liveness properties are judged: add --no-liveness (safety properties only), or name the properties with --property',
      undefined,
      '--checkpoint',
    );
  prepareCheckpointDir(dir);
  const overrides = pickOverrides(flags, OVERRIDE_KEYS);
  checkpoints.use(runManifest(scenario, overrides, boundsOf(flags), source.model));
  checkpoints.start();
  return source;
}

/** `resume DIR`: the run the checkpoint in DIR holds, going on from it with `flags` (bounds, workers, reports). */
export function resumedSource(
  dir: string,
  flags: CheckpointFlags,
  io: Io,
): { source: RunSource; flags: CheckpointFlags } {
  const file = checkpointPath(dir);
  const loaded = readCheckpoint(dir);
  const manifest = manifestOf(loaded.manifest, file);
  if (manifest.mmucheck !== MMUCHECK_VERSION)
    throw new InputError(
      `was written by mmucheck ${manifest.mmucheck}, and this is mmucheck ${MMUCHECK_VERSION}: a checkpoint is resumed by the version that wrote it`,
      file,
    );
  const scenario = sameScenario(manifest, file);
  requireSameOverrides(flags, manifest.overrides);
  if (flags.symmetry === false && manifest.bounds.symmetry !== false)
    throw new InputError(
      'the run the checkpoint holds stored one state per orbit of interchangeable threads; a resumed run keeps that',
      undefined,
      '--no-symmetry',
    );
  const bounds = { ...manifest.bounds, ...boundsOf(flags) };
  const state = loaded.state;
  if (state && bounds.maxStates !== undefined && bounds.maxStates <= state.level.distinct)
    throw new InputError(
      `${bounds.maxStates} is not above the ${state.level.distinct} states the checkpoint holds (${file})`,
      undefined,
      '--max-states',
    );
  if (state && bounds.maxDepth !== undefined && bounds.maxDepth < state.level.depth)
    throw new InputError(
      `${bounds.maxDepth} is below depth ${state.level.depth}, where the checkpoint (${file}) goes on`,
      undefined,
      '--max-depth',
    );
  const runFlags: CheckpointFlags = { ...flags, ...manifest.overrides, ...bounds };
  const checkpoints = new DirCheckpoints(
    dir,
    flags.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY_MS,
    io,
    flags.quiet === true,
  );
  const loadAs = scenario.bundled ? manifest.scenario.arg : manifest.scenario.file;
  const source = kernelSource(loadAs, runFlags, 'check', {
    checkpoints,
    ...(state ? { resumeFrom: state } : {}),
    commandArg: manifest.scenario.arg,
  });
  if (modelDigest(source.model) !== manifest.modelDigest)
    throw new InputError(
      `holds a run of another model than this mmucheck builds from ${manifest.scenario.arg} (its model digest differs): it cannot be resumed`,
      file,
    );
  checkpoints.use({ ...manifest, bounds });
  return { source, flags: runFlags };
}

/** The scenario of the manifest, read again: its file must be unchanged. */
function sameScenario(manifest: RunManifest, file: string): { bundled: boolean } {
  const { arg } = manifest.scenario;
  const bundled = !(arg.includes('/') || arg.endsWith('.json'));
  const now = scenarioIdentity(bundled ? arg : manifest.scenario.file);
  if (now.sha256 !== manifest.scenario.sha256)
    throw new InputError(
      `has changed since the checkpoint ${file} was written (SHA-256 ${now.sha256.slice(0, 12)}…, was ${manifest.scenario.sha256.slice(0, 12)}…): the run cannot be resumed on another scenario`,
      now.file,
    );
  return { bundled };
}

/** Overrides given again must be the checkpoint's: any other changes the state space. */
export function requireSameOverrides(
  flags: ScenarioOverrides,
  saved: ScenarioOverrides,
  holder = 'the checkpoint',
): void {
  for (const key of OVERRIDE_KEYS) {
    const given = flags[key];
    // --no-liveness is a negated flag: true is its default, which a resume takes from the run.
    if (given === undefined || (key === 'liveness' && given === true)) continue;
    if (JSON.stringify(given) === JSON.stringify(saved[key])) continue;
    const was = saved[key] === undefined ? 'not given' : JSON.stringify(saved[key]);
    throw new InputError(
      `${JSON.stringify(given)} changes the state space of the run ${holder} holds (${was} there); a resumed run keeps the options it was started with`,
      undefined,
      `--${key}`,
    );
  }
}

/** The bounds of the command line that decide a run's answer, as its manifest (or record) keeps them. */
export function boundsOf(flags: BoundFlags): { maxStates?: number; maxDepth?: number; symmetry?: false } {
  return {
    ...(flags.maxStates === undefined ? {} : { maxStates: flags.maxStates }),
    ...(flags.maxDepth === undefined ? {} : { maxDepth: flags.maxDepth }),
    // Whether states were stored as representatives decides what a saved seen set means.
    ...(flags.symmetry === false ? { symmetry: false as const } : {}),
  };
}
