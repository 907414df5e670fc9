/**
 * One change to the model's program, to see whether a statement is needed: the statement deleted,
 * or moved before another statement of its procedure (the seed patch's own fix was such a move of
 * `srcu_read_unlock`). A mutation names its statement by procedure and position in the procedure's
 * body as the scenario builds it, and is written as an id — `__mmu_notifier_release#8=delete`,
 * `__mmu_notifier_release#8=before#6` — that a scenario's `mutant` field and `check --mutant` take.
 */

export type Mutation =
  | { readonly kind: 'delete'; readonly proc: string; readonly at: number }
  /** Move the statement at `at` to just before the item at `before` (the body's length: to the end). */
  | { readonly kind: 'move'; readonly proc: string; readonly at: number; readonly before: number };

const ID = /^([^#=\s]{1,80})#(\d{1,4})=(?:delete|before#(\d{1,4}))$/;

/** The id of `m`. */
export function mutationId(m: Mutation): string {
  return `${m.proc}#${m.at}=${m.kind === 'delete' ? 'delete' : `before#${m.before}`}`;
}

/** The mutation `id` names, or undefined when it is not a mutation id. */
export function parseMutationId(id: string): Mutation | undefined {
  const match = ID.exec(id);
  if (!match) return undefined;
  const [, proc, at, before] = match;
  return before === undefined
    ? { kind: 'delete', proc: proc!, at: Number(at) }
    : { kind: 'move', proc: proc!, at: Number(at), before: Number(before) };
}

/** What a mutation id looks like, for messages. */
export const MUTATION_ID_FORM =
  '<procedure>#<n>=delete or <procedure>#<n>=before#<m>, as `mmucheck necessity` prints it';
