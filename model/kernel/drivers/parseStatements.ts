/**
 * Reads one hook's statement list from a driver script: statements of the vocabulary (a name, or
 * `{"do": name, "c": "…"}` to spell a driver's own statement its own way), labels, conditionals
 * (`{"if": test, "then": […]}`, whose branch may end with `{"goto": label}` or `"return"`) and
 * bounded repetitions (`{"repeat": n, "body": […]}`, unrolled here). What each statement is allowed
 * to be is checked here, statement by statement; what the hook as a whole must satisfy (labels,
 * locks, loops) is checked by scriptFlow.ts.
 */
import { expectedOneOf } from '../../InputError.js';
import { quoteValue } from '../../safeText.js';
import { join, type Json, type Reader } from '../JsonReader.js';
import {
  STATEMENTS,
  statementSpec,
  type DriverHook,
  type DriverWorld,
  type ScriptStatement,
  type StatementOp,
} from './DriverScript.js';

/** Statements a hook may hold at most, counting those in branches and each repetition. */
export const MAX_STATEMENTS = 48;
/** The most times a `repeat` may run its body. */
export const MAX_REPEAT = 4;

const OPS = Object.keys(STATEMENTS) as StatementOp[];
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
/** A driver's own C for a statement: one line, printable, bounded. */
const C_TEXT = /^[\x20-\x7e]{1,120}$/;

/** Where the statements being read stand. */
interface HookContext {
  readonly r: Reader;
  readonly world: DriverWorld;
  readonly hook: DriverHook;
  /** The field of the hook's list, e.g. `listeners[0].driver.hooks.release`. */
  readonly field: string;
  /** Statements read so far, for the MAX_STATEMENTS bound. */
  count: number;
}

/** What a script says about `world`'s subscription, for an op of the other world. */
function otherWorld(op: StatementOp, world: DriverWorld): string {
  return world === 'classic'
    ? `${op} is an interval call, and this driver serves a classic mmu_notifier subscription (an interval driver is a mirror's "driver")`
    : `${op} belongs to a classic mmu_notifier listener, and this driver serves an interval subscription (a mirror)`;
}

/** An op name at `at`, known, of this world and allowed in this hook. */
function opName(ctx: HookContext, v: Json, at: string, use: 'statement' | 'condition'): StatementOp {
  const { r, world, hook } = ctx;
  const raw = r.string(v, at);
  const name = use === 'condition' && raw.startsWith('!') ? raw.slice(1) : raw;
  if (!(OPS as string[]).includes(name))
    r.fail(
      at,
      `unknown ${use === 'condition' ? 'test' : 'statement'} ${quoteValue(name)}; ${expectedOneOf(name, OPS)}`,
    );
  const op = name as StatementOp;
  const spec = statementSpec(op);
  if (!spec.worlds.includes(world)) r.fail(at, otherWorld(op, world));
  if (spec.use !== use)
    r.fail(
      at,
      use === 'statement'
        ? `${op} is a test: write it as {"if": ${quoteValue(op)}, "then": [...]}`
        : `${op} is a statement, not a test; the tests are ${OPS.filter((o) => statementSpec(o).use === 'condition' && statementSpec(o).worlds.includes(world)).join(', ')}`,
    );
  if (spec.hooks && !spec.hooks.includes(hook))
    r.fail(at, `${op} may stand only in ${spec.hooks.map((h) => `"${h}"`).join(', ')}, not in "${hook}"`);
  return op;
}

function counted(ctx: HookContext, at: string): void {
  ctx.count++;
  if (ctx.count > MAX_STATEMENTS)
    ctx.r.fail(at, `a hook may hold at most ${MAX_STATEMENTS} statements, counting branches and repetitions`);
}

/** The statements of list `v` at field `at` (`rel`: the same place, from the script's `hooks`). */
function statementList(
  ctx: HookContext,
  v: Json,
  at: string,
  rel: string,
  where: 'hook' | 'branch' | 'repeat',
): ScriptStatement[] {
  const { r } = ctx;
  const items = r.array(v, at, where === 'branch' ? 1 : 0, MAX_STATEMENTS);
  const out: ScriptStatement[] = [];
  items.forEach((item, i) => {
    const a = join(at, i);
    const rl = join(rel, i);
    const last = i === items.length - 1;
    if (item === 'return') {
      if (where !== 'branch' || !last)
        r.fail(a, '"return" may only end the branch of an "if" (a hook returns at its end by itself)');
      counted(ctx, a);
      out.push({ type: 'return', at: rl });
      return;
    }
    if (typeof item === 'string') {
      counted(ctx, a);
      out.push({ type: 'op', op: opName(ctx, item, a, 'statement'), at: rl });
      return;
    }
    const o = r.object(item, a, ['do', 'c', 'label', 'if', 'then', 'goto', 'repeat', 'body']);
    const keys = Object.keys(o).sort().join(',');
    counted(ctx, a);
    if ('do' in o) {
      if (keys !== 'do' && keys !== 'c,do') r.fail(a, 'a statement is {"do": name} or {"do": name, "c": "its C"}');
      const op = opName(ctx, o['do'], join(a, 'do'), 'statement');
      if (o['c'] === undefined) {
        out.push({ type: 'op', op, at: rl });
        return;
      }
      if (!statementSpec(op).own)
        r.fail(
          join(a, 'c'),
          `${op} is the kernel's, and a trace shows the kernel's C for it; only the driver's own statements (${OPS.filter((x) => statementSpec(x).own).join(', ')}) take "c"`,
        );
      const c = r.string(o['c'], join(a, 'c'));
      if (!C_TEXT.test(c)) r.fail(join(a, 'c'), 'expected one line of printable ASCII, at most 120 characters');
      out.push({ type: 'op', op, c, at: rl });
      return;
    }
    if ('label' in o) {
      if (keys !== 'label') r.fail(a, 'a label is {"label": name} alone');
      if (where !== 'hook')
        r.fail(a, 'a label stands in the hook itself, not in a branch or a repetition (a goto goes back to it)');
      const name = r.string(o['label'], join(a, 'label'));
      if (!LABEL.test(name)) r.fail(join(a, 'label'), `${quoteValue(name)} is not a label (a C identifier)`);
      out.push({ type: 'label', name, at: rl });
      return;
    }
    if ('goto' in o) {
      if (keys !== 'goto') r.fail(a, 'a goto is {"goto": label} alone');
      if (where !== 'branch' || !last)
        r.fail(a, 'a goto may only end the branch of an "if" (so that every loop goes through a test)');
      out.push({ type: 'goto', label: r.string(o['goto'], join(a, 'goto')), at: rl });
      return;
    }
    if ('if' in o) {
      if (keys !== 'if,then') r.fail(a, 'a conditional is {"if": test, "then": [statements]}');
      const raw = r.string(o['if'], join(a, 'if'));
      const cond = opName(ctx, raw, join(a, 'if'), 'condition');
      const negated = raw.startsWith('!');
      const body = statementList(ctx, o['then'], join(a, 'then'), join(rl, 'then'), 'branch');
      out.push({ type: 'if', cond, negated, body, at: rl });
      return;
    }
    if ('repeat' in o) {
      if (keys !== 'body,repeat') r.fail(a, 'a repetition is {"repeat": times, "body": [statements]}');
      const times = r.int(o['repeat'], join(a, 'repeat'), 1, MAX_REPEAT);
      const body = statementList(ctx, o['body'], join(a, 'body'), join(rl, 'body'), 'repeat');
      for (let k = 0; k < times; k++) {
        if (k > 0) for (const _ of body) counted(ctx, a);
        out.push(...body);
      }
      return;
    }
    r.fail(a, 'expected a statement name, {"do": …}, {"label": …}, {"if": …, "then": …} or {"repeat": …, "body": …}');
  });
  return out;
}

/** The statements of hook `hook` of a `world` driver, from `v` at `field`. */
export function hookStatements(
  r: Reader,
  v: Json,
  field: string,
  world: DriverWorld,
  hook: DriverHook,
): ScriptStatement[] {
  return statementList({ r, world, hook, field, count: 0 }, v, field, hook, 'hook');
}
