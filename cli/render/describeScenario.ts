/** The header of a report: what was checked, in one glance. */
import type { KernelModel } from '../../properties/buildKernelModel.js';
import { VERSIONED_FUNCTIONS } from '../../model/kernel/Scenario.js';
import { escapeText } from '../../model/safeText.js';
import { atLeast } from '../../model/kernel/versions.js';
import { describeMutation } from '../../model/kernel/mutation/mutants.js';
import { mutationId } from '../../model/kernel/mutation/Mutation.js';
import { unmutatedProcedures } from '../../model/kernel/kernelProgram.js';

/** Lines describing the scenario and the model's threads (and the mutation the model carries, if any). */
export function describeScenario(model: KernelModel): string[] {
  const m = model.env.mutation;
  const mutant = m
    ? [`mutant     ${escapeText(`${mutationId(m)}: ${describeMutation(unmutatedProcedures(model.env), m)}`)}`]
    : [];
  return [...describeWorld(model), ...mutant];
}

function describeWorld(model: KernelModel): string[] {
  const s = model.scenario;
  const versions = VERSIONED_FUNCTIONS.map((f) => `${f} ${model.env.version(f)}`).join(', ');
  const threads = model.spec.threads.map((t) => `${t.name}${t.cpu === undefined ? '' : ` [cpu${t.cpu}]`}`).join(', ');
  if (model.env.interval) {
    const removeVersion = model.env.version('mmu_interval_notifier_remove');
    const remove = atLeast(removeVersion, 'v5.18')
      ? `mmu_interval_notifier_remove ${removeVersion}: waits under the lock (319561669a59)`
      : `mmu_interval_notifier_remove ${removeVersion}: waits with an unlocked read (before 319561669a59)`;
    const mirrors = s.mirrors.map((m, i) => `M${i} ${m.driver}${m.inserted ? ' (inserted before the start)' : ''}`);
    return [
      `scenario   ${escapeText(s.name)}${s.description ? `: ${escapeText(s.description)}` : ''}`,
      `kernel     ${s.kernel} (${remove}); ${s.cpus} CPU${s.cpus === 1 ? '' : 's'}`,
      `mirrors    ${mirrors.join(', ')}`,
      `threads    ${threads}`,
      `checking   ${s.properties.join(', ')}`,
    ];
  }
  const listeners = s.listeners.map((l, i) => `L${i} ${l.behaviour}${l.maps ? ' (maps the page)' : ''}`).join(', ');
  return [
    `scenario   ${escapeText(s.name)}${s.description ? `: ${escapeText(s.description)}` : ''}`,
    `kernel     ${s.kernel} (${versions}); ${s.srcu} SRCU; ${s.cpus} CPU${s.cpus === 1 ? '' : 's'}`,
    `listeners  ${listeners}`,
    `threads    ${threads}`,
    `checking   ${s.properties.join(', ')}`,
  ];
}
