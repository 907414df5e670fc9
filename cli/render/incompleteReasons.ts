/** Why a run ended before a verdict, as reports say it. */
import type { IncompleteReason } from '../../checker/Outcome.js';

/** One phrase per incomplete reason. */
export const INCOMPLETE_REASONS: Readonly<Record<IncompleteReason, string>> = {
  maxStates: 'the --max-states bound was reached',
  maxDepth: 'the --max-depth bound was reached with states left to expand',
  timeout: 'the --timeout ran out',
  memory: 'the memory bound was reached',
  interrupted: 'the run was interrupted',
  walks: 'the simulation ran out of walks',
  boundary: "runs that still owe a liveness property leave the model's boundary, so whether they pay is unknown",
};
