/** The progress line of a simulation on stderr: walks done, steps per second and distinct states seen. */
import type { SimulationProgress } from '../../checker/simulate/simulate.js';
import { count } from '../render/plural.js';

/** `350 of 1,000 walks done, 70,000 steps (35,000 steps/s), 12,345 distinct states seen, 2 s` */
export function simulationProgressLine(p: SimulationProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(p.steps / seconds) : 0;
  const walks =
    p.planned === undefined
      ? count(p.walks, 'walk')
      : `${p.walks.toLocaleString('en-US')} of ${count(p.planned, 'walk')}`;
  return (
    `${walks} done, ${count(p.steps, 'step')} (${rate.toLocaleString('en-US')} steps/s), ` +
    `${count(p.distinct, 'distinct state')} seen, ${seconds.toFixed(0)} s`
  );
}
