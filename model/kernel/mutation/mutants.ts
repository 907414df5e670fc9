/**
 * The mutants that matter for a scenario's model: every statement of its versioned kernel functions
 * (docs/kernel-model.md: the functions whose text changed between versions) and of its drivers'
 * hooks, deleted; and every release of a lock or an SRCU read-side section moved earlier or later,
 * before each other statement of its procedure (or to its end).
 */
import type { ProcDef } from '../../program/Proc.js';
import type { BodyItem } from '../../program/Step.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { INTERVAL_VERSIONED_FUNCTIONS, VERSIONED_FUNCTIONS } from '../Scenario.js';
import { isStatement } from './applyMutation.js';
import { mutationId, type Mutation } from './Mutation.js';

/** One mutant, as a row of the necessity table names it. */
export interface Mutant {
  readonly mutation: Mutation;
  readonly id: string;
  /** The C function the statement belongs to. */
  readonly fn: string;
  /** The statement's C. */
  readonly statement: string;
  /** What the mutation does to it: `deleted`, `moved earlier, before …`, `moved later, to the end of …`. */
  readonly change: string;
}

const VERSIONED: ReadonlySet<string> = new Set([...VERSIONED_FUNCTIONS, ...INTERVAL_VERSIONED_FUNCTIONS]);

/** The names of the procedures the scenario's drivers' hooks compile to. */
function driverProcs(env: KernelEnv, procs: readonly ProcDef<KernelMem>[]): Set<string> {
  const names = new Set([...env.scripts, ...env.mirrorScripts].map((s) => s.name));
  return new Set(
    procs.map((p) => p.name).filter((n) => [...names].some((d) => n.startsWith(`${d}->`) || n.startsWith(`${d}:`))),
  );
}

/** The C of a statement. */
export function statementCode<G>(item: BodyItem<G>): string {
  if (item.type === 'step') return item.code;
  if (item.type === 'choice') return [...new Set(item.alternatives.map((a) => a.code))].join(' / ');
  if (item.type === 'call') return `${typeof item.proc === 'string' ? item.proc : 'a procedure chosen at run time'}(…)`;
  return '';
}

/** The C function of a statement of `proc`: a step's own, else its procedure's first step's, else the procedure's name. */
function functionOf<G>(proc: ProcDef<G>, item: BodyItem<G>): string {
  if (item.type === 'step') return item.fn;
  if (item.type === 'choice' && item.alternatives[0]) return item.alternatives[0].fn;
  const first = proc.body.find((x) => x.type === 'step');
  return first?.type === 'step' ? first.fn : proc.name;
}

/** Releases worth moving: a lock's unlock, an SRCU read-side section's end. */
function isRelease<G>(item: BodyItem<G>): boolean {
  return item.type === 'step' && (item.kind === 'release' || item.kind === 'srcu-unlock');
}

/** How `m` changes its statement, in words. */
export function describeChange<G>(proc: ProcDef<G>, m: Mutation): string {
  if (m.kind === 'delete') return 'deleted';
  const direction = m.before < m.at ? 'earlier' : 'later';
  const target = proc.body[m.before];
  return target
    ? `moved ${direction}, before ${statementCode(target)}`
    : `moved ${direction}, to the end of ${functionOf(proc, proc.body[m.at]!)}`;
}

/** The mutants of the scenario's model, whose procedures are `procs` (restricted to function `only`, when given). */
export function mutantsOf(env: KernelEnv, procs: readonly ProcDef<KernelMem>[], only?: string): Mutant[] {
  const drivers = driverProcs(env, procs);
  const out: Mutant[] = [];
  for (const proc of procs) {
    if (!VERSIONED.has(proc.name) && !drivers.has(proc.name)) continue;
    const statements = proc.body.map((x, j) => (isStatement(x) ? j : -1)).filter((j) => j >= 0);
    for (const at of statements) {
      const item = proc.body[at]!;
      const fn = functionOf(proc, item);
      if (only !== undefined && fn !== only) continue;
      const mutations: Mutation[] = [{ kind: 'delete', proc: proc.name, at }];
      if (isRelease(item)) {
        const targets = [...statements, proc.body.length].filter((j) => j !== at && j !== at + 1);
        // Nearest first: earlier positions from the closest back, then later ones from the closest on.
        const earlier = targets.filter((j) => j < at).reverse();
        const later = targets.filter((j) => j > at);
        for (const before of [...earlier, ...later]) mutations.push({ kind: 'move', proc: proc.name, at, before });
      }
      for (const mutation of mutations)
        out.push({
          mutation,
          id: mutationId(mutation),
          fn,
          statement: statementCode(item),
          change: describeChange(proc, mutation),
        });
    }
  }
  return out;
}

/** The scenario's mutation in words (`srcu_read_unlock(&srcu, id) in __mmu_notifier_release, moved earlier, before …`). */
export function describeMutation(procs: readonly ProcDef<KernelMem>[], m: Mutation): string {
  const proc = procs.find((p) => p.name === m.proc);
  const item = proc?.body[m.at];
  if (!proc || !item) return mutationId(m);
  return `${statementCode(item)} in ${functionOf(proc, item)}, ${describeChange(proc, m)}`;
}
