/**
 * Turns one hook of a driver script into a procedure body: each statement becomes what its world
 * compiles it to (classicStatements.ts, interval/mirrorStatements.ts), and the control flow —
 * labels, tests, a branch's closing goto or return — becomes labels and jumps. A branch that is a
 * lone goto or return is folded into its test's step, and a closing goto or return joins the step
 * before it, as the C's `if (…) goto again;` and `unlock(); continue;` are one step of the machine.
 */
import { label } from '../../program/Step.js';
import type { KBody, KContext, KStep } from '../procs/common.js';
import { kstep } from '../procs/common.js';
import type { DriverHook, DriverScript, ScriptStatement, StatementOp } from './DriverScript.js';

/** How a test is taken: its deciding step, and the steps that run after it when it fails. */
export interface CompiledTest {
  /** The deciding step's function (the hook's, or the kernel function the test runs in). */
  readonly fn: string;
  /** The C of the test, as `if (…)` shows it. */
  readonly c: string;
  /** The kernel's own statement for the deciding step, shown instead of the driver's `if`. */
  readonly kernelCode?: string;
  /** The test's value, computed by the deciding step (which may change state, as mmget_not_zero does). */
  readonly decide: (x: KContext) => boolean;
  /** Steps that run after the deciding step when the test fails (hmm_range_fault's page walk). */
  readonly after: KBody;
}

/** What a world compiles its statements and tests to. */
export interface StatementCompiler {
  /** The body of statement `op` (with the script's own C `c`) in function `fn`; `unique` names its labels apart. */
  statement(op: StatementOp, fn: string, c: string | undefined, unique: string): KBody;
  test(op: StatementOp, fn: string): CompiledTest;
}

/** The body of `hook` of `script` (empty when the driver does not implement it). */
export function compileHook(script: DriverScript, hook: DriverHook, world: StatementCompiler): KBody {
  const fn = script.functions[hook] ?? `${script.name}_${hook}`;
  let fresh = 0;
  const leave = (s: ScriptStatement) =>
    s.type === 'goto' ? (x: KContext) => x.goto(`label:${s.label}`) : (x: KContext) => x.ret();
  const leaveText = (s: ScriptStatement) => (s.type === 'goto' ? `goto ${s.label};` : 'return;');

  function list(statements: readonly ScriptStatement[]): KBody {
    return statements.flatMap((s): KBody => {
      switch (s.type) {
        case 'op':
          return world.statement(s.op, fn, s.c, `s${fresh++}:`);
        case 'label':
          return [label(`label:${s.name}`)];
        case 'if':
          return conditional(s);
        case 'goto':
        case 'return':
          return [kstep(fn, leaveText(s), { run: leave(s) })];
      }
    });
  }

  function conditional(s: ScriptStatement & { type: 'if' }): KBody {
    const t = world.test(s.cond, fn);
    const last = s.body[s.body.length - 1]!;
    const exit = last.type === 'goto' || last.type === 'return' ? last : undefined;
    const rest = exit ? s.body.slice(0, -1) : s.body;
    const c = `if (${s.negated ? '!' : ''}${t.c})`;
    const taken = (x: KContext) => t.decide(x) !== s.negated;
    if (exit && rest.length === 0) {
      const go = leave(exit);
      return [
        kstep(t.fn, t.kernelCode ?? `${c} ${leaveText(exit)}`, { run: (x) => (taken(x) ? go(x) : undefined) }),
        ...t.after,
      ];
    }
    const skip = `skip${fresh++}`;
    const branch = list(rest);
    if (exit) joinExit(branch, exit);
    return [
      kstep(t.fn, t.kernelCode ?? c, { run: (x) => (taken(x) ? undefined : x.goto(skip)) }),
      ...branch,
      label(skip),
      ...t.after,
    ];
  }

  /** Ends `branch` with `exit`: inside its last step when that is a step of the driver's, else as a step of its own. */
  function joinExit(branch: KBody, exit: ScriptStatement): void {
    const tail = branch[branch.length - 1];
    const go = leave(exit);
    if (tail?.type === 'step' && tail.fn === fn) {
      const run = tail.run;
      branch[branch.length - 1] = {
        ...tail,
        code: `${tail.code} ${leaveText(exit)}`,
        run: (x) => {
          run?.(x);
          go(x);
        },
      } satisfies KStep;
    } else branch.push(kstep(fn, leaveText(exit), { run: go }));
  }

  return list(script.hooks[hook] ?? []);
}
