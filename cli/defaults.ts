/** Defaults of the check command that depend on the machine: workers and the memory bound. */
import { availableParallelism, totalmem } from 'node:os';

/** One worker per CPU. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Three quarters of the memory this process may use (the cgroup limit when there is one), so a
 * run ends as "incomplete: memory" before the operating system kills it.
 */
export function defaultMaxMemoryBytes(): number {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const limit = constrained && constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
  return Math.floor(limit * 0.75);
}
