/**
 * `mmucheck explain` when no property fails: what exactly was proven — the properties, the threads
 * and versions they were proven for, how many states and transitions the search covered, the
 * bounds, and how strong the claim is (the fingerprint-collision probability, the model's limits).
 */
import type { CheckOptions } from '../../checker/CheckOptions.js';
import type { Stats } from '../../checker/Stats.js';
import { PROPERTY_CATALOG } from '../../properties/catalog.js';
import { checkedIds, type RunView } from '../report/RunView.js';
import type { Palette } from './colour.js';
import { paragraph } from './narrateViolation.js';
import { count } from './plural.js';
import { escapeText as t } from '../../model/safeText.js';

const n = (x: number) => x.toLocaleString('en-US');

/** A duration in the largest whole unit that fits: 24 h, 5 min, 30 s, 500 ms. */
export function showDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** The bounds of a search, in words. */
export function boundsText(options: CheckOptions): string {
  return `at most ${n(options.maxStates)} distinct states, depth ${n(options.maxDepth)}, timeout ${showDuration(options.timeoutMs)}`;
}

/** What an exhaustive search covered, in words. */
export function coverage(stats: Stats): string {
  return (
    `The search reached ${count(stats.distinct, 'distinct state')} through ${count(stats.generated, 'generated transition')}, up to ${count(stats.depth, 'step')} deep. ` +
    'Each transition is one atomic step of one thread, and every enabled step of every reached state was taken, so every interleaving of the threads is covered; ' +
    'a state that several interleavings reach is explored once.' +
    (stats.symmetry === undefined ? '' : ` ${symmetryCoverage(stats.symmetry)}`)
  );
}

/** What a pass covers under symmetry reduction, in words. */
function symmetryCoverage(groups: readonly string[]): string {
  return (
    `With symmetry reduction (interchangeable: ${groups.map(t).join('; ')}), a state that differs from a stored one only by renaming interchangeable parts, ` +
    'with every place that names them (locks, SRCU sections, queue entries), is not stored again: the count is of states up to that renaming. ' +
    'The properties do not tell such states apart, so the pass covers every reachable state all the same (--no-symmetry stores and counts every one).'
  );
}

/** How strong a proof by fingerprints is, in words. */
export function strength(stats: Stats): string {
  return (
    `States are stored as 64-bit fingerprints: the probability that a collision hid a state is about ${stats.collisionProbability.toExponential(1)} ` +
    '(the optimistic estimate distinct × (generated − distinct) / 2^64).'
  );
}

const LIMITS =
  'The proof is for the model: sequential consistency only (no weak memory ordering), SRCU at the level of its contract, listeners registered before teardown starts, one page followed, ' +
  'and only the threads, listeners and versions above. Scale it with --readers and --reclaimers, or change versions with --kernel.';

/** What a pass covered, its bounds, and how strong it is: the closing sections of a proven summary. */
export function coverageAndStrength(stats: Stats, options: CheckOptions, limits: string): string[] {
  return [
    '',
    'Coverage:',
    ...paragraph(coverage(stats), '  '),
    ...paragraph(`Bounds: ${boundsText(options)}; none was reached, so the search is exhaustive.`, '  '),
    '',
    'How strong this is:',
    ...paragraph(strength(stats), '  '),
    ...paragraph(limits, '  '),
  ];
}

/** The account of a run that stopped at a bound before a verdict. */
export function incompleteSummary(stats: Stats, reason: string, options: CheckOptions, p: Palette): string[] {
  return [
    p.warn(`NOTHING IS PROVEN: the run stopped (${reason}) before covering every state.`),
    '',
    ...paragraph(
      `The search reached ${count(stats.distinct, 'distinct state')} through ${count(stats.generated, 'generated transition')}, up to ${count(stats.depth, 'step')} deep, ` +
        `and no property failed on them; but a bound (${boundsText(options)}) stopped it, so states where a property fails may remain unexplored.`,
      '  ',
    ),
  ];
}

/** The account of a run that proved every property (or stopped before a verdict). */
export function provenSummary(run: RunView, options: CheckOptions, p: Palette): string[] {
  const o = run.outcome;
  const props = checkedIds(run);
  if (o.kind === 'incomplete') return incompleteSummary(o.stats, o.reason, options, p);
  const width = Math.max(...props.map((id) => id.length));
  return [
    p.good(
      props.length === 1
        ? 'THE 1 PROPERTY HOLDS on every reachable state of this scenario.'
        : `ALL ${props.length} PROPERTIES HOLD on every reachable state of this scenario.`,
    ),
    '',
    'What was proven (each property holds in every state that any interleaving of the threads above reaches):',
    ...props.map((id) => `  ${id.padEnd(width)}  ${PROPERTY_CATALOG.find((x) => x.id === id)?.name ?? ''}`),
    ...coverageAndStrength(o.stats, options, LIMITS),
  ];
}
