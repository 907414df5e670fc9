/**
 * The one run of `check` and `explain`, for a kernel scenario and a model file alike: the search
 * bounds, the guard that can stop the search, the search, the report (or the narration) and the
 * exit code. What differs between the two kinds of run is the source's (RunSource.ts).
 */
import { continuedOutcome } from '../../checker/continuedOutcome.js';
import type { Outcome } from '../../checker/Outcome.js';
import { resolveOptions } from '../../checker/resolveOptions.js';
import { withContinuation } from '../report/continuedView.js';
import { continueSearch } from './continueSearch.js';
import { EXIT, exitCodeOf } from '../exitCodes.js';
import { formatReport, writeExtraReports, type ReportFlags } from '../formats/formatReport.js';
import { GraphModelError } from '../formats/GraphModelError.js';
import { writeReportFile } from '../formats/reportFile.js';
import { guardSearch } from '../guardSearch.js';
import type { Io } from '../Io.js';
import { makeProgress } from '../progress.js';
import { palette } from '../render/colour.js';
import type { RunView } from '../report/RunView.js';
import { searchOptions, type BoundFlags } from '../searchOptions.js';
import type { RunMode, RunSource } from './RunSource.js';
import { CoverageTally } from '../../checker/StatementCoverage.js';
import { coverageOf, requireCoverable } from './runCoverage.js';
import { InputError } from '../../model/InputError.js';

/** The flags of `check` and `explain` that the run itself reads. */
export interface RunFlags extends BoundFlags, ReportFlags {
  /** Exit by the scenario file's expected verdict (checked by the source: only a scenario has one). */
  readonly expected?: boolean;
  readonly quiet?: boolean;
  /** `check --continue`: search on after the first violation and report every violated property. */
  readonly continue?: boolean;
  /** `check --coverage`: count how many transitions executed each statement, and report it. */
  readonly coverage?: boolean;
}

/**
 * With --expected, for CI jobs that keep known bugs as regression scenarios: a violation the file
 * expects passes, an unexpected verdict fails; incomplete runs and model errors keep their codes.
 */
function expectationExitCode(run: RunView): number {
  const kind = run.outcome.kind;
  if (kind === 'incomplete' || kind === 'modelError') return exitCodeOf(kind);
  return run.expectation?.matches === true ? EXIT.ok : EXIT.violation;
}

/** Checks `source`, writes its report (to stdout or the --out file), and returns the exit code. */
export async function runSource(source: RunSource, flags: RunFlags, io: Io, mode: RunMode): Promise<number> {
  const progress = makeProgress(io, flags.quiet === true);
  const tally = flags.coverage === true ? new CoverageTally() : undefined;
  if (tally) requireCoverable(source.model);
  // Each search of --continue would add its counts to the same tally: coverage of one search only.
  if (tally && flags.continue === true)
    throw new InputError(
      'cannot be combined with --continue, whose searches would each add to the counts',
      undefined,
      '--coverage',
    );
  const options = { ...searchOptions(flags, io, progress), ...(tally ? { coverage: tally } : {}) };
  const colour = flags.color !== false && flags.out === undefined && io.stdoutIsTty && !process.env['NO_COLOR'];
  const render = (view: RunView, graph: boolean) =>
    mode === 'explain'
      ? source.explain(view, resolveOptions(options), palette(colour))
      : formatReport(view, { ...flags, graph }, io);
  const viewOf = (outcome: Outcome<unknown, unknown>, gathered = true) =>
    withContinuation(coverageOf(source, tally, outcome, gathered), source.view);
  // The runs of --continue so far: a run stopped from outside still reports what they found.
  const ended: Outcome<unknown, unknown>[] = [];
  // A stopped run's report is sent to the guard with every progress report: never a state graph
  // (--graph), which would explore the whole space again each time.
  const guarded = guardSearch(io, options, flags.out, (reason, stats) =>
    render(viewOf(continuedOutcome([...ended, { kind: 'incomplete', reason, stats }]), false), false),
  );
  const searched =
    flags.continue === true
      ? await continueSearch(source, guarded.options, (end) => ended.push(end))
      : await source.search(guarded.options);
  guarded.done();
  progress.done();
  let view = viewOf(await source.settle(searched));
  let report: string;
  try {
    report = render(view, flags.graph === true);
  } catch (error) {
    // A model method that throws while --graph draws states the check did not need is a model error all the same.
    if (!(error instanceof GraphModelError)) throw error;
    view = viewOf(error.outcome(view.outcome.stats));
    report = render(view, false);
  }
  if (flags.out === undefined) io.out(report);
  else writeReportFile(flags.out, report);
  if (mode === 'check') writeExtraReports(view, flags, io);
  return flags.expected === true ? expectationExitCode(view) : exitCodeOf(view.outcome.kind);
}
