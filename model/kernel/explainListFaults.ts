/**
 * The set-up steps of the faults of the notifier list: an unlink through a NULL or poisoned pprev
 * (`no-null-deref`), a second `->release` (`release-at-most-once`), and a page freed while a
 * listener that left the list still maps it (`release-before-pages-freed`). They read each node's
 * `pprev`, `releases` and `secondary` fields and the walks of the list.
 */
import type { RenderedStep } from '../RenderedStep.js';
import type { StepReference } from './StepReference.js';
import type { TraceFields } from './TraceFields.js';

const OFF_THE_LIST = new Set(['NULL', 'LIST_POISON2']);

/** The unlink call a step makes. */
function unlinkCall(s: RenderedStep): string {
  return /hlist_del_init_rcu/.test(s.code)
    ? 'hlist_del_init_rcu'
    : /hlist_del_rcu/.test(s.code)
      ? 'hlist_del_rcu'
      : s.code;
}

/** The last step before `before` that took listener `l` off the list: its pprev became NULL or LIST_POISON2. */
function unlinkOf(t: TraceFields, l: string, before: number): RenderedStep | undefined {
  return t.lastChange(before, (c) => c.field === `listener${l}.pprev` && OFF_THE_LIST.has(String(c.to)));
}

/** The failing thread's own hlist_unhashed() test of listener `l`, with the pprev it saw. */
function hashedTest(t: TraceFields, last: RenderedStep, l: string, then: string): StepReference | undefined {
  const test = t.lastStepOf(last.thread, last.step, (s) => /hlist_unhashed/.test(s.code));
  if (!test) return undefined;
  const pprev = String(t.valueAt(`listener${l}.pprev`, test.step - 1));
  const locked =
    t.valueAt('nmm.lock', test.step - 1) === `held by ${last.thread}`
      ? 'under the notifier list lock'
      : 'without the notifier list lock';
  const saw = pprev === 'NULL' ? 'unhashed (pprev NULL)' : `hashed (pprev ${pprev}, not NULL)`;
  // The result comes before "here": the trace's short form of a note ends there.
  return {
    step: test.step,
    note: `${last.thread} saw listener${l} ${saw} in its hlist_unhashed(&mn->hlist) test here, made ${locked}, so it went on to ${then}`,
  };
}

/** `no-null-deref`: the test that saw the node hashed and the other path's unlink that set its pprev to NULL (or poisoned it). */
export function nullDerefReferences(t: TraceFields, last: RenderedStep, l: string): StepReference[] {
  const refs: StepReference[] = [];
  const test = hashedTest(t, last, l, `unlink it with ${unlinkCall(last)} at step ${last.step}`);
  if (test) refs.push(test);
  const unlinked = unlinkOf(t, l, last.step);
  if (unlinked) {
    const change = unlinked.changes.find((c) => c.field === `listener${l}.pprev`);
    const race =
      test && unlinked.step > test.step && unlinked.thread !== last.thread
        ? `, after ${last.thread}'s test at step ${test.step} and before its ${unlinkCall(last)}`
        : '';
    const pprev = `pprev ${String(change?.from)} → ${String(change?.to)}`;
    refs.push({
      step: unlinked.step,
      note: `${unlinked.thread} unlinked listener${l} with ${unlinkCall(unlinked)} here (in ${unlinked.fn})${race}: ${pprev}, so the node is off the list`,
    });
  }
  return refs;
}

/** `release-at-most-once`: the first `->release` on listener `l`, and the test that let the failing thread call it again. */
export function secondReleaseReferences(t: TraceFields, last: RenderedStep, l: string): StepReference[] {
  const refs: StepReference[] = [];
  const first = t.lastChange(last.step, (c) => c.field === `listener${l}.releases`);
  if (first)
    refs.push({ step: first.step, note: `${first.thread} called ->release on listener${l} here (in ${first.fn})` });
  const unlinked = first && unlinkOf(t, l, last.step);
  const notYet =
    first && (!unlinked || unlinked.step < first.step)
      ? `; ${first.thread} had called ->release at step ${first.step} but not yet unlinked the node`
      : '';
  const test = hashedTest(t, last, l, `call ->release${notYet}`);
  if (test && (!first || test.step > first.step || notYet)) refs.push(test);
  return refs;
}

/** The method a walk of the list in `fn` calls on each listener it finds. */
function walkMethod(fn: string): string {
  const m = /^__mmu_notifier_(\w+)$/.exec(fn)?.[1];
  return m ? `->${m}` : 'methods';
}

/** `release-before-pages-freed`: where listener `l` left the list before its `->release`, and the failing thread's walk that missed it. */
export function pagesFreedReferences(
  t: TraceFields,
  last: RenderedStep,
  l: string,
  stillMaps: boolean,
): StepReference[] {
  const refs: StepReference[] = [];
  const unlinked = unlinkOf(t, l, last.step);
  if (unlinked) {
    const released = Number(t.valueAt(`listener${l}.releases`, unlinked.step) ?? 0) > 0;
    const still =
      t.valueAt(`listener${l}.secondary`, unlinked.step) === 'maps the page'
        ? ', while its secondary MMU still mapped the page'
        : '';
    const before = released ? '' : ' before its ->release';
    refs.push({
      step: unlinked.step,
      note: `${unlinked.thread} unlinked listener${l} from the notifier list${before} here (with ${unlinkCall(unlinked)} in ${unlinked.fn})${still}: no later walk of the list finds it`,
    });
  }
  const walk = t.lastStepOf(last.thread, last.step, (s) => /hlist_for_each_entry_rcu/.test(s.code));
  if (walk && (!unlinked || walk.step > unlinked.step)) {
    const list = String(t.valueAt('list', walk.step - 1));
    const found = list === 'empty' ? 'empty' : `holding only ${list}`;
    const gone = unlinked ? `: listener${l} had left it at step ${unlinked.step}` : `: listener${l} was not on it`;
    refs.push({
      step: walk.step,
      note: `${last.thread} found the notifier list ${found} when it walked it here (in ${walk.fn})${gone}, so its ${walkMethod(walk.fn)} was not called${stillMaps ? ' and its secondary MMU kept the page mapped' : ''}`,
    });
  }
  return refs;
}
