/**
 * A model file as a run's source (`mmucheck check ./model.ts`): written against the public API (see
 * docs/writing-models.md), checked with the same checker, reports and exit codes as a scenario.
 */
import { isLiveness } from '../../model/Property.js';
import { check } from '../../checker/check.js';
import { propertiesOf } from '../../checker/modelContract.js';
import { InputError, expectedOneOf } from '../../model/InputError.js';
import type { Property } from '../../model/Property.js';
import { escapeText, quoteValue } from '../../model/safeText.js';
import { requireReportFlags } from '../formats/formatReport.js';
import type { Io } from '../Io.js';
import { modelFileRunView } from '../report/modelFileRunView.js';
import { boundFlags } from '../searchOptions.js';
import { continueFlag } from './continueSearch.js';
import { modelExplainReport } from '../userModel/modelExplainReport.js';
import { loadModelFile } from '../userModel/loadModelFile.js';
import { restricted } from '../userModel/UserModelRun.js';
import type { RunFlags } from './run.js';
import type { RunMode, RunSource } from './RunSource.js';

/**
 * The flags of `check` and `explain` given with a model file; the kernel's scenario overrides are
 * refused. A model file runs on one thread (a worker could not rebuild it), so `--workers` changes nothing.
 */
export interface ModelFileFlags extends RunFlags {
  readonly kernel?: string;
  readonly srcu?: string;
  readonly readers?: number;
  readonly reclaimers?: number;
  readonly property?: readonly string[];
  /** False with `--no-liveness`: the liveness properties are left out. */
  readonly liveness?: boolean;
}

const SCENARIO_ONLY = [
  ['kernel', '--kernel'],
  ['srcu', '--srcu'],
  ['readers', '--readers'],
  ['reclaimers', '--reclaimers'],
  ['columns', '--columns'],
] as const;

function requireApplicable(flags: ModelFileFlags): void {
  if (flags.expected === true)
    throw new InputError(
      'needs a scenario file with an "expect" field; a model file has no expected verdict',
      undefined,
      '--expected',
    );
  for (const [key, flag] of SCENARIO_ONLY) {
    if (flags[key] !== undefined && flags[key] !== false)
      throw new InputError(`applies to kernel scenarios only, not to a model file`, undefined, flag);
  }
  requireReportFlags(flags);
}

/** The properties asked for with --property, in the model's order; undefined (the model's own) when none. */
function selectProperties(
  all: readonly Property<unknown>[],
  ids: readonly string[] | undefined,
): readonly Property<unknown>[] | undefined {
  if (ids === undefined || ids.length === 0) return undefined;
  const known = all.map((p) => p.id);
  for (const id of ids) {
    if (!known.includes(id))
      throw new InputError(
        `the model has no property ${quoteValue(id)}; ${expectedOneOf(
          id,
          known.map((k) => escapeText(k)),
        )}`,
        undefined,
        '--property',
      );
  }
  return all.filter((p) => ids.includes(p.id));
}

/** The model's properties, or undefined when properties() throws or breaks the contract: the check then reports that as a model error. */
function validProperties(model: {
  properties(): readonly Property<unknown>[];
}): readonly Property<unknown>[] | undefined {
  try {
    return propertiesOf(model);
  } catch {
    return undefined;
  }
}

/** Loads the model file `file` for a run of `mode`. */
export async function modelFileSource(file: string, flags: ModelFileFlags, io: Io, mode: RunMode): Promise<RunSource> {
  requireApplicable(flags);
  io.loadingModelFile?.(file);
  const loaded = await loadModelFile(file);
  const all = validProperties(loaded.model);
  const asked = all === undefined ? undefined : selectProperties(all, flags.property);
  const selected = flags.liveness === false && all !== undefined ? (asked ?? all).filter((p) => !isLiveness(p)) : asked;
  const properties = selected ?? all ?? [];
  const command = [
    `mmucheck ${mode}`,
    file,
    ...[...new Set(flags.property ?? [])].map((id) => `--property ${id}`),
    ...(flags.liveness === false ? ['--no-liveness'] : []),
    ...boundFlags(flags),
    ...continueFlag(flags),
  ].join(' ');
  const model = selected === undefined ? loaded.model : restricted(loaded.model, selected);
  return {
    model,
    properties: properties.map((p) => p.id),
    search: async (options, only) =>
      check(
        only === undefined
          ? model
          : restricted(
              loaded.model,
              properties.filter((p) => only.includes(p.id)),
            ),
        options,
      ),
    // Model code that failed outside any step (a rejected promise, a throwing timer) during the
    // search makes the run a model error: whatever the search found, the report must not say it holds.
    settle: async (outcome) => {
      const stray = await io.strayError?.();
      if (stray === undefined) return outcome;
      const message = `model code raised an error outside any step: ${stray}`;
      return { kind: 'modelError', message, stats: outcome.stats };
    },
    view: (outcome) =>
      modelFileRunView({
        loaded,
        properties,
        outcome,
        command,
        ...(flags.fairness === undefined ? {} : { fairness: flags.fairness }),
      }),
    explain: modelExplainReport,
  };
}
