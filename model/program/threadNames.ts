/** Thread names tell threads apart in traces, reports, columns and replayed ITF traces, so they must be unique. */
import type { ThreadSpec } from './ThreadSpec.js';

/** Throws when two of `threads` share a name, naming it and both thread indices. */
export function requireUniqueThreadNames(threads: readonly Pick<ThreadSpec, 'name'>[]): void {
  const first = new Map<string, number>();
  threads.forEach((t, tid) => {
    const earlier = first.get(t.name);
    if (earlier !== undefined) {
      throw new Error(
        `two threads are named "${t.name}" (threads ${earlier} and ${tid}): thread names must be unique, as traces, reports and replay tell threads apart by name`,
      );
    }
    first.set(t.name, tid);
  });
}
