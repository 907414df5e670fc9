/** Assertions in the checker's own words; on failure they print the whole outcome, trace included. */
import type {
  IncompleteOutcome,
  IncompleteReason,
  ModelErrorOutcome,
  OkOutcome,
  Outcome,
  ViolationOutcome,
} from '../../checker/Outcome.js';
import type { Trace } from '../../checker/Trace.js';

/** Any outcome, whatever its state and action types. */
type AnyOutcome = Outcome<unknown, unknown>;

/** A value as a reader would write it: Immutable values and primitives by `String`, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'object' && value !== null && value.toString !== Object.prototype.toString) return String(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A trace, one numbered step a line. */
export function describeTrace(trace: Trace<unknown, unknown>): string {
  const lines = [`  0. initial ${show(trace.initial)}`];
  trace.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${show(step.action)} -> ${show(step.state)}`));
  return lines.join('\n');
}

/** An outcome as text, for failure messages. */
export function describeOutcome(outcome: AnyOutcome): string {
  const lines = [`outcome: ${outcome.kind}`, `stats: ${JSON.stringify(outcome.stats)}`];
  if (outcome.kind === 'violation') {
    for (const v of outcome.violations) lines.push(`violated ${v.propertyId}: ${v.message}`);
    lines.push(describeTrace(outcome.trace));
  }
  if (outcome.kind === 'incomplete') lines.push(`reason: ${outcome.reason}`);
  if (outcome.kind === 'modelError') {
    lines.push(`message: ${outcome.message}`, `action: ${show(outcome.action)}`);
    if (outcome.trace !== undefined) lines.push(describeTrace(outcome.trace));
  }
  return lines.join('\n');
}

function fail(expectation: string, outcome: AnyOutcome): never {
  throw new Error(`expected ${expectation}\n${describeOutcome(outcome)}`);
}

/** Asserts that every property held on the whole space. */
export function expectOk(outcome: AnyOutcome): OkOutcome {
  if (outcome.kind !== 'ok') fail('ok', outcome);
  return outcome;
}

/** Asserts a violation whose primary property is `propertyId`, with a trace of `length` steps if given. */
export function expectViolation<S, A>(
  outcome: Outcome<S, A>,
  propertyId: string,
  expected: { readonly length?: number } = {},
): ViolationOutcome<S, A> {
  if (outcome.kind !== 'violation') return fail(`a violation of ${propertyId}`, outcome);
  if (outcome.violations[0]?.propertyId !== propertyId) fail(`${propertyId} as the primary violation`, outcome);
  if (expected.length !== undefined && outcome.trace.steps.length !== expected.length) {
    fail(`a counterexample of ${expected.length} steps`, outcome);
  }
  return outcome;
}

/** Asserts that the run stopped at a bound for `reason` (never a pass). */
export function expectIncomplete(outcome: AnyOutcome, reason: IncompleteReason): IncompleteOutcome {
  if (outcome.kind !== 'incomplete' || outcome.reason !== reason) fail(`incomplete: ${reason}`, outcome);
  return outcome;
}

/** Asserts a model error whose message matches `message`. */
export function expectModelError<S, A>(outcome: Outcome<S, A>, message: RegExp): ModelErrorOutcome<S, A> {
  if (outcome.kind !== 'modelError' || !message.test(outcome.message))
    fail(`a model error matching ${message}`, outcome);
  return outcome;
}

/** Asserts the actions of the outcome's trace (violation or model error), each written as `show` writes it. */
export function expectTraceActions(outcome: AnyOutcome, actions: readonly string[]): void {
  const trace = outcome.kind === 'violation' || outcome.kind === 'modelError' ? outcome.trace : undefined;
  const shown = trace?.steps.map((step) => show(step.action));
  if (shown === undefined || shown.join('|') !== actions.join('|'))
    fail(`a trace with actions ${JSON.stringify(actions)}`, outcome);
}
