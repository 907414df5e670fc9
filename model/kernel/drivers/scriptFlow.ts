/**
 * What one hook of a driver script must satisfy as a whole, checked on its control flow: every goto
 * names a label of the hook, a test comes after what it tests, a loop takes and drops no reference
 * (so no script grows a counter without bound), and the driver's lock is balanced — released only
 * where held, held or not alike on every path that meets, and never held when the hook returns.
 */
import { quoteValue } from '../../safeText.js';
import { join, type Reader } from '../JsonReader.js';
import {
  statementSpec,
  statementText,
  type DriverScript,
  type ScriptStatement,
  type StatementOp,
} from './DriverScript.js';

/** One statement of the hook laid out in order, branches inline, with where control goes after it. */
interface Instr {
  readonly s: ScriptStatement;
  /** The index after an `if`'s branch: where control goes when the test fails. */
  skip: number;
}

/** Statements that change a reference count: none may stand in a loop. */
const COUNTING: ReadonlySet<StatementOp> = new Set([
  'mmgrab',
  'atomic_inc_mm_count',
  'mmdrop',
  'bug_on_mmdrop',
  'mmget_not_zero',
  'mmput',
  'module_put',
  'mmu_notifier_put',
]);

/** The statement or test `s` runs, if any. */
function opOf(s: ScriptStatement): StatementOp | undefined {
  return s.type === 'op' ? s.op : s.type === 'if' ? s.cond : undefined;
}

function flatten(list: readonly ScriptStatement[], out: Instr[]): Instr[] {
  for (const s of list) {
    const i = out.push({ s, skip: -1 }) - 1;
    if (s.type === 'if') {
      flatten(s.body, out);
      out[i]!.skip = out.length;
    }
  }
  return out;
}

/** Checks hook `hook`'s statements `list` of `script`; `field` is the script's `hooks`. */
export function checkHookFlow(
  r: Reader,
  script: DriverScript,
  field: string,
  list: readonly ScriptStatement[],
  hookField: string,
): void {
  const code = flatten(list, []);
  const at = (s: ScriptStatement) => join(field, s.at);
  const labels = new Map<string, number>();
  code.forEach(({ s }, i) => {
    if (s.type !== 'label') return;
    if (labels.has(s.name)) r.fail(at(s), `label ${quoteValue(s.name)} is defined twice in this hook`);
    labels.set(s.name, i);
  });
  const target = (s: ScriptStatement & { type: 'goto' }) => {
    const t = labels.get(s.label);
    if (t === undefined)
      r.fail(
        join(at(s), 'goto'),
        `no label ${quoteValue(s.label)} in this hook${labels.size ? ` (its labels: ${[...labels.keys()].join(', ')})` : ''}`,
      );
    return t;
  };
  code.forEach(({ s }, i) => {
    const op = opOf(s);
    if (op === undefined) return;
    const before = statementSpec(op).after;
    if (before && !code.slice(0, i).some(({ s: p }) => opOf(p) === before))
      r.fail(at(s), `${op} tests what ${before} began: put ${before} before it in this hook`);
    if (s.type === 'if' && op === 'hmm_range_fault') {
      if (s.negated) r.fail(join(at(s), 'if'), 'write the -EBUSY test as "hmm_range_fault", without "!"');
      const last = s.body[s.body.length - 1]!;
      if (last.type !== 'goto' && last.type !== 'return')
        r.fail(
          join(at(s), 'then'),
          'when hmm_range_fault returns -EBUSY it has read nothing: the branch must end with a goto (retry) or "return"',
        );
    }
  });
  // Loops: a goto back to a label closes one; nothing in it may count references.
  code.forEach(({ s }, j) => {
    if (s.type !== 'goto') return;
    const i = target(s);
    if (i > j) return;
    for (const { s: inner } of code.slice(i, j + 1)) {
      const op = opOf(inner);
      if (op && COUNTING.has(op))
        r.fail(
          at(inner),
          `${op} changes a reference count inside the loop back to label ${quoteValue(s.label)}: take or drop references outside loops`,
        );
    }
  });
  checkLockBalance(r, script, code, at, target, hookField);
}

/** The driver's lock along every path of the hook (a forward data-flow over `code`). */
function checkLockBalance(
  r: Reader,
  script: DriverScript,
  code: readonly Instr[],
  at: (s: ScriptStatement) => string,
  target: (s: ScriptStatement & { type: 'goto' }) => number,
  hookField: string,
): void {
  const lock = statementText(script, 'lock');
  const held: (boolean | undefined)[] = new Array(code.length + 1).fill(undefined);
  const work: number[] = [0];
  held[0] = false;
  const flow = (to: number, h: boolean, from: ScriptStatement | undefined) => {
    if (to === code.length && h)
      r.fail(from ? at(from) : hookField, `the hook returns with ${lock} still held: release it on every way out`);
    if (held[to] === undefined) {
      held[to] = h;
      work.push(to);
    } else if (held[to] !== h && to < code.length)
      r.fail(
        at(code[to]!.s),
        `${lock} is held on one path to this statement and not on another: take and release it on the same paths`,
      );
  };
  while (work.length > 0) {
    const i = work.pop()!;
    if (i === code.length) continue;
    const { s, skip } = code[i]!;
    let h = held[i]!;
    if (s.type === 'op' && s.op === 'lock') h = true;
    if (s.type === 'op' && s.op === 'unlock') {
      if (!h) r.fail(at(s), `${statementText(script, 'unlock')} where the hook does not hold the lock`);
      h = false;
    }
    if (s.type === 'goto') flow(target(s), h, s);
    else if (s.type === 'return') flow(code.length, h, s);
    else {
      flow(i + 1, h, s);
      if (s.type === 'if') flow(skip, h, s);
    }
  }
}
