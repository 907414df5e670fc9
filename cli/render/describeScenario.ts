/** The header of a report: what was checked, in one glance. */
import type { KernelModel } from '../../properties/buildKernelModel.js';
import { VERSIONED_FUNCTIONS } from '../../model/kernel/Scenario.js';
import { escapeText } from '../../model/safeText.js';

/** Lines describing the scenario and the model's threads. */
export function describeScenario(model: KernelModel): string[] {
  const s = model.scenario;
  const versions = VERSIONED_FUNCTIONS.map((f) => `${f} ${model.env.version(f)}`).join(', ');
  const threads = model.spec.threads.map((t) => `${t.name}${t.cpu === undefined ? '' : ` [cpu${t.cpu}]`}`).join(', ');
  const listeners = s.listeners.map((l, i) => `L${i} ${l.behaviour}${l.maps ? ' (maps the page)' : ''}`).join(', ');
  return [
    `scenario   ${escapeText(s.name)}${s.description ? `: ${escapeText(s.description)}` : ''}`,
    `kernel     ${s.kernel} (${versions}); ${s.srcu} SRCU; ${s.cpus} CPU${s.cpus === 1 ? '' : 's'}`,
    `listeners  ${listeners}`,
    `threads    ${threads}`,
    `checking   ${s.properties.join(', ')}`,
  ];
}
