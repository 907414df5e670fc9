/** How a worker thread rebuilds the kernel model of a scenario: it imports buildKernelModel and calls it. */
import type { ModelSource } from '../model/ModelSource.js';
import type { Scenario } from '../model/kernel/Scenario.js';

/** The source of `buildKernelModel(scenario)`, from compiled code or from TypeScript sources. */
export function kernelModelSource(scenario: Scenario): ModelSource {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return {
    module: new URL(`./buildKernelModel${extension}`, import.meta.url).href,
    exportName: 'buildKernelModel',
    args: [scenario],
  };
}
