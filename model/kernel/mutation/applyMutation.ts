/**
 * Applies a mutation to the procedures of a model: the statement (a step, a call or a choice)
 * deleted, or moved to just before another item of its procedure — after the labels that precede
 * that item, so that every path reaching the item now passes the moved statement, as a line moved
 * in the C would. Labels stay where they are. A mutation that names no statement is refused.
 */
import type { ProcDef } from '../../program/Proc.js';
import type { BodyItem } from '../../program/Step.js';
import { InputError } from '../../InputError.js';
import { mutationId, type Mutation } from './Mutation.js';

/** Whether a body item is a statement a mutation may delete or move (labels are places, not statements). */
export function isStatement(item: { readonly type: string }): boolean {
  return item.type === 'step' || item.type === 'call' || item.type === 'choice';
}

function refuse(m: Mutation, why: string): never {
  throw new InputError(`${mutationId(m)}: ${why}`, undefined, 'mutant');
}

/** `procs` with `m` applied (a new list; the procedures it does not touch are the same objects). */
export function applyMutation<G>(procs: readonly ProcDef<G>[], m: Mutation): ProcDef<G>[] {
  const i = procs.findIndex((p) => p.name === m.proc);
  if (i < 0) refuse(m, `this scenario's model has no procedure ${m.proc}`);
  const proc = procs[i]!;
  const body = proc.body;
  const item = body[m.at];
  if (item === undefined || !isStatement(item))
    refuse(m, `${m.proc} has no statement at position ${m.at} (it has ${body.length} items)`);
  let mutated: BodyItem<G>[];
  if (m.kind === 'delete') mutated = body.filter((_x, j) => j !== m.at);
  else {
    if (m.before === m.at || m.before === m.at + 1)
      refuse(m, 'moving a statement before itself or its successor changes nothing');
    const target = body[m.before];
    if (m.before > body.length || (target !== undefined && !isStatement(target)))
      refuse(m, `${m.proc} has no statement at position ${m.before} to move it before`);
    mutated = [];
    body.forEach((x, j) => {
      if (j === m.before) mutated.push(item);
      if (j !== m.at) mutated.push(x);
    });
    if (m.before === body.length) mutated.push(item);
  }
  const out = [...procs];
  out[i] = { ...proc, body: mutated };
  return out;
}
