/**
 * `mmucheck check ./model.ts`: checks a model file written against the public API (see
 * docs/writing-models.md) with the same checker, reports and exit codes as a scenario.
 */
import { InputError, expectedOneOf } from '../model/InputError.js';
import { escapeText, quoteValue } from '../model/safeText.js';
import type { Property } from '../model/Property.js';
import { propertiesOf } from '../checker/modelContract.js';
import { boundFlags, searchOptions, type BoundFlags } from './searchOptions.js';
import { EXIT } from './exitCodes.js';
import type { Io } from './Io.js';
import { makeProgress } from './progress.js';
import { requireWritableOut, writeReportFile } from './formats/reportFile.js';
import { palette } from './render/colour.js';
import { isModelFile, loadModelFile } from './userModel/loadModelFile.js';
import { checkModelFile, incompleteModelRun, type UserModelRun } from './userModel/UserModelRun.js';
import { itfTrace } from './formats/itfTrace.js';
import { sarifLog } from './formats/sarifLog.js';
import { dotStateGraph } from './formats/dotStateGraph.js';
import { dotTrace } from './formats/dotTrace.js';
import { htmlReport } from './formats/htmlReport.js';
import { modelFileRunView } from './report/modelFileRunView.js';
import { resolveOptions } from '../checker/resolveOptions.js';
import { modelExplainReport } from './userModel/modelExplainReport.js';
import { guardSearch } from './guardSearch.js';
import { userJsonReport } from './userModel/userJsonReport.js';
import { userTextReport } from './userModel/userTextReport.js';

export { isModelFile };

/**
 * The flags of `check` that apply to a model file; the kernel's scenario overrides are refused.
 * A model file runs on one thread (a worker could not rebuild it), so `--workers` changes nothing.
 */
export interface ModelFileFlags extends BoundFlags {
  readonly kernel?: string;
  readonly srcu?: string;
  readonly readers?: number;
  readonly reclaimers?: number;
  readonly property?: readonly string[];
  readonly format?: string;
  /** Write the report to this file instead of stdout. */
  readonly out?: string;
  readonly columns?: boolean;
  readonly graph?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly expected?: boolean;
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
  const format = flags.format ?? 'text';
  if (flags.graph === true && format !== 'dot')
    throw new InputError(`applies to --format dot only, not ${format}`, undefined, '--graph');
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

function reproduceCommand(file: string, flags: ModelFileFlags, mode: ModelFileMode): string {
  return [
    `mmucheck ${mode}`,
    file,
    ...[...new Set(flags.property ?? [])].map((id) => `--property ${id}`),
    ...boundFlags(flags),
  ].join(' ');
}

function exitCodeOf(run: UserModelRun): number {
  return { ok: EXIT.ok, violation: EXIT.violation, incomplete: EXIT.incomplete, modelError: EXIT.modelError }[
    run.outcome.kind
  ];
}

/** The report of `run` in the format `flags` ask for. */
function formatModelFileReport(run: UserModelRun, flags: ModelFileFlags, colour: boolean): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  switch (flags.format) {
    case 'json':
      return json(userJsonReport(run));
    case 'itf':
      return json(itfTrace(modelFileRunView(run)));
    case 'sarif':
      return json(sarifLog(modelFileRunView(run)));
    case 'dot':
      // A model that broke its contract is not explored again for the graph: the trace to the error is drawn.
      return flags.graph === true && run.outcome.kind !== 'modelError'
        ? dotStateGraph(modelFileRunView(run))
        : dotTrace(modelFileRunView(run));
    case 'html':
      return htmlReport(modelFileRunView(run));
    default:
      return userTextReport(run, palette(colour));
  }
}

/** Which command runs the model file: `check` writes a report, `explain` narrates the verdict. */
export type ModelFileMode = 'check' | 'explain';

/** Loads and checks the model file `file`, prints the report, and returns the exit code. */
export async function runModelFile(
  file: string,
  flags: ModelFileFlags,
  io: Io,
  mode: ModelFileMode = 'check',
): Promise<number> {
  requireApplicable(flags);
  if (flags.out !== undefined) requireWritableOut(flags.out);
  io.loadingModelFile?.(file);
  const loaded = await loadModelFile(file);
  const all = validProperties(loaded.model);
  const properties = all === undefined ? undefined : selectProperties(all, flags.property);
  const progress = makeProgress(io, flags.quiet === true);
  const colour = flags.color !== false && flags.out === undefined && io.stdoutIsTty && !process.env['NO_COLOR'];
  const options = searchOptions(flags, io, progress);
  const render = (run: UserModelRun) =>
    mode === 'explain'
      ? modelExplainReport(run, resolveOptions(options), palette(colour))
      : formatModelFileReport(run, flags, colour);
  const command = reproduceCommand(file, flags, mode);
  const guarded = guardSearch(io, options, flags.out, (reason, stats) =>
    render(incompleteModelRun(loaded, properties ?? all ?? [], { kind: 'incomplete', reason, stats }, command)),
  );
  const searched = checkModelFile(loaded, properties, guarded.options, command);
  guarded.done();
  progress.done();
  const stray = await io.strayError?.();
  const run = stray === undefined ? searched : strayErrorRun(searched, stray);
  const report = render(run);
  if (flags.out === undefined) io.out(report);
  else writeReportFile(flags.out, report);
  return exitCodeOf(run);
}

/**
 * The run as a model error: model code failed outside any step (a rejected promise, a throwing
 * timer) during the search, so whatever the search found, the report must not say it holds.
 */
function strayErrorRun(run: UserModelRun, error: string): UserModelRun {
  const message = `model code raised an error outside any step: ${error}`;
  return {
    ...run,
    outcome: { kind: 'modelError', message, stats: run.outcome.stats },
    trace: undefined,
    initial: undefined,
    steps: [],
    witnesses: [],
  };
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

/** Refuses a model file given to a command that takes kernel scenarios only (`explain`, `history`). */
export function requireScenarioArgument(arg: string, command: string): void {
  if (!isModelFile(arg)) return;
  throw new InputError(
    `${command} takes a kernel scenario (a bundled name or a .json file), not a model file; check a model file with: mmucheck check ${arg}`,
    arg,
  );
}
