/** The kernel model of a scenario, checking the kernel properties the scenario asks for. */
import { buildKernelProgram, type KernelModel } from '../model/kernel/kernelProgram.js';
import type { Scenario } from '../model/kernel/Scenario.js';
import { kernelProperties } from './kernelProperties.js';

export type { KernelModel, KernelModelState } from '../model/kernel/kernelProgram.js';

/** Builds the model of `scenario`, with its properties in catalog (priority) order. */
export function buildKernelModel(scenario: Scenario): KernelModel {
  return buildKernelProgram(scenario, (env, allFinished) => kernelProperties(env, scenario.properties, allFinished));
}
