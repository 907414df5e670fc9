/**
 * The words every format uses for a lasso (a counterexample that runs forever): where its loop
 * starts and where the last step leads back to. `cycleStart` is the index of the state the loop
 * begins at: 0 the initial state, i the state after step i (see checker/Trace.ts).
 */

/** Said before the first step of the loop, step cycleStart + 1. */
export const LOOP_STARTS = 'loop: the steps below repeat forever';

/** Said at the state (or the step) where the loop begins, in formats that mark it there. */
export const LOOP_START_HERE = 'loop starts here';

/** The state the loop starts at, in words: `the initial state` or `the state after step 3`. */
export function loopState(cycleStart: number): string {
  return cycleStart === 0 ? 'the initial state' : `the state after step ${cycleStart}`;
}

/** Said after the last step of the loop. */
export function loopBack(cycleStart: number): string {
  return `back to ${loopState(cycleStart)}`;
}

/** A lasso's two parts in words: `a stem of 1 step and a loop of 5 steps`. */
export function lassoShape(cycleStart: number, steps: number): string {
  const n = (k: number) => `${k} step${k === 1 ? '' : 's'}`;
  return `a stem of ${n(cycleStart)} and a loop of ${n(steps - cycleStart)}`;
}
