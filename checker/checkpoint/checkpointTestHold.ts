/**
 * A hook for the tests that kill a run while it writes a checkpoint: with
 * MMUCHECK_CHECKPOINT_HOLD=N:PHASE in the environment, the N-th checkpoint write of the process
 * stops for good at PHASE (`before` anything is written, `middle` of the temporary file, `after`
 * the rename), once it has said so on stderr, for the test to SIGKILL the process there. Unset, it
 * costs one look at the environment per write.
 */
import { writeSync } from 'node:fs';

/** Where in a checkpoint write the hook can hold it. */
export type HoldPhase = 'before' | 'middle' | 'after';

let writes = 0;

/** The hold of this write, if the environment asks for one; undefined otherwise. */
export function holdForTest(): { at(phase: HoldPhase): void } | undefined {
  const asked = process.env['MMUCHECK_CHECKPOINT_HOLD'];
  if (asked === undefined) return undefined;
  const [n, phase] = asked.split(':');
  const write = ++writes;
  if (Number(n) !== write) return undefined;
  return {
    at(now) {
      if (now !== phase) return;
      writeSync(2, `mmucheck: checkpoint hold: write ${write}, ${now}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  };
}
