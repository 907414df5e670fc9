/**
 * What a checkpoint says about the run it belongs to (its manifest, docs/checkpoints.md): the
 * mmucheck version, the scenario (as named, its file, the SHA-256 and text of that file), the
 * overrides and state bounds of the command line, the command that reproduces the run, and a
 * digest of the model built from all that. `resume` rebuilds the model from it and refuses a
 * checkpoint whose scenario file, version or model no longer match.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { InputError } from '../../model/InputError.js';
import { IntBuffer } from '../../model/IntBuffer.js';
import type { Model } from '../../model/Model.js';
import { bundledScenarioDir } from '../../model/kernel/loadScenario.js';
import { readInputFile } from '../../model/inputFile.js';
import type { ScenarioOverrides } from '../applyOverrides.js';
import { MMUCHECK_VERSION } from '../version.js';

/** The scenario a run checks: as it was named, the file read, and that file's text and SHA-256. */
export interface ScenarioIdentity {
  readonly arg: string;
  readonly file: string;
  readonly sha256: string;
  readonly text: string;
}

/** The bounds of a run that decide its answer, carried over to a resume unless it gives its own. */
export interface ManifestBounds {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** False when the run stored every state (--no-symmetry): its checkpoints hold no representatives. */
  readonly symmetry?: false;
}

/** A checkpoint's manifest. */
export interface RunManifest {
  readonly mmucheck: string;
  readonly scenario: ScenarioIdentity;
  readonly overrides: ScenarioOverrides;
  readonly bounds: ManifestBounds;
  readonly modelDigest: string;
}

/** The scenario `arg` names (a bundled name or a file), read as `loadScenario` reads it. */
export function scenarioIdentity(arg: string): ScenarioIdentity {
  const bundled = !(arg.includes('/') || arg.endsWith('.json'));
  const file = bundled ? join(bundledScenarioDir(), `${arg}.json`) : resolve(arg);
  const text = readInputFile(file, 'scenario');
  return { arg, file, text, sha256: sha256(text) };
}

/** The manifest of a run of `model`, built from `scenario` with `overrides`, within `bounds`. */
export function runManifest(
  scenario: ScenarioIdentity,
  overrides: ScenarioOverrides,
  bounds: ManifestBounds,
  model: Model<unknown, unknown>,
): RunManifest {
  return { mmucheck: MMUCHECK_VERSION, scenario, overrides, bounds, modelDigest: modelDigest(model) };
}

/**
 * A digest of what the search starts from and checks: the encodings of the initial states and the
 * properties' ids. A model built differently from the same scenario (another build of mmucheck
 * with the same version number) shows up here.
 */
export function modelDigest(model: Model<unknown, unknown>): string {
  const hash = createHash('sha256');
  const buffer = new IntBuffer();
  for (const state of model.initStates()) {
    buffer.clear();
    model.encode!(state, buffer);
    hash.update(new Uint8Array(buffer.data.buffer, 0, 4 * buffer.length));
    hash.update('|');
  }
  hash.update(JSON.stringify(model.properties().map((p) => p.id)));
  return hash.digest('hex');
}

/** The manifest read from a checkpoint file, its shape checked (the digest has checked its bytes). */
export function manifestOf(value: unknown, file: string): RunManifest {
  const m = value as Partial<RunManifest> | null;
  const ok =
    typeof m === 'object' &&
    m !== null &&
    typeof m.mmucheck === 'string' &&
    typeof m.modelDigest === 'string' &&
    typeof m.scenario?.arg === 'string' &&
    typeof m.scenario.file === 'string' &&
    typeof m.scenario.sha256 === 'string' &&
    typeof m.scenario.text === 'string' &&
    typeof m.overrides === 'object' &&
    m.overrides !== null &&
    typeof m.bounds === 'object' &&
    m.bounds !== null;
  if (!ok)
    throw new InputError(
      'is not a checkpoint of a scenario run (its manifest lacks the scenario, version or model)',
      file,
    );
  return m as RunManifest;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
