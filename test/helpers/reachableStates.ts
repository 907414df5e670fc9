/** Every reachable state of a small kernel model, by plain depth-first search (states with a fault are not expanded). */
import { buildKernelModel, type KernelModelState } from '../../properties/buildKernelModel.js';
import type { Scenario } from '../../model/kernel/Scenario.js';

/** The reachable states of `scenario`'s model, each once (keyed by its full JSON form). */
export function reachableStates(scenario: Scenario): KernelModelState[] {
  const model = buildKernelModel(scenario);
  const seen = new Set<string>();
  const states: KernelModelState[] = [];
  const stack = [...model.initStates()];
  while (stack.length) {
    const s = stack.pop()!;
    const key = JSON.stringify(s.toJS());
    if (seen.has(key)) continue;
    seen.add(key);
    states.push(s);
    if (s.shared.faults.isEmpty()) for (const a of model.actions(s)) stack.push(model.nextState(s, a));
  }
  return states;
}
