/** Check runs of the bundled scenarios, computed once per test file, for the format and render tests. */
import { check } from '../../../checker/check.js';
import { finishRun, type CheckRun } from '../../../cli/run/kernelRun.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { applyOverrides, type ScenarioOverrides } from '../../../cli/applyOverrides.js';
import { bundledScenarioNames, loadScenario } from '../../../model/kernel/loadScenario.js';
import type { Io } from '../../../cli/Io.js';
import { createProgram } from '../../../cli/createProgram.js';

const cache = new Map<string, CheckRun>();

/** The run of bundled scenario `name` (with overrides), as `mmucheck check` makes it. */
export function runOf(name: string, overrides: ScenarioOverrides = {}): CheckRun {
  const key = `${name} ${JSON.stringify(overrides)}`;
  let run = cache.get(key);
  if (!run) {
    const scenario = applyOverrides(loadScenario(name), overrides);
    const model = buildKernelModel(scenario);
    run = finishRun(scenario, model, check(model), ['mmucheck check', name, ...overrideFlags(overrides)].join(' '));
    cache.set(key, run);
  }
  return run;
}

/** The flags of `check` that give `overrides`, in the order the CLI prints them. */
function overrideFlags(o: ScenarioOverrides): string[] {
  const flags: string[] = [];
  if (o.kernel) flags.push(`--kernel ${o.kernel}`);
  if (o.srcu) flags.push(`--srcu ${o.srcu}`);
  if (o.readers !== undefined) flags.push(`--readers ${o.readers}`);
  if (o.reclaimers !== undefined) flags.push(`--reclaimers ${o.reclaimers}`);
  for (const p of o.property ?? []) flags.push(`--property ${p}`);
  return flags;
}

/** The bundled scenarios whose expected verdict is a violation. */
export function violatingScenarios(): string[] {
  return bundledScenarioNames().filter((n) => loadScenario(n).expect?.verdict === 'violation');
}

/** The result of running the CLI in-process. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `mmucheck <args>` in-process with captured output (not a terminal). */
export async function cli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), stdoutIsTty: false, stderrIsTty: false };
  const code = await createProgram(io).run(args);
  return { code, out, err };
}
