/** The caller's stop callback read as an incomplete reason, in one place for every search. */
import type { CheckOptions } from './CheckOptions.js';
import type { IncompleteReason } from './Outcome.js';

/** Why the caller asks the run to stop now, or undefined when it may go on. */
export function stopRequest(options: CheckOptions): IncompleteReason | undefined {
  const answer = options.shouldStop?.();
  if (answer === undefined || answer === false) return undefined;
  return answer === true ? 'interrupted' : answer;
}
