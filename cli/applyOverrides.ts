/** Command-line overrides of a scenario (kernel version, SRCU, thread counts, properties), validated like the file. */
import { LIVENESS_PROPERTY_IDS, isKernelPropertyId } from '../model/kernel/PropertyId.js';
import { InputError, expectedOneOf } from '../model/InputError.js';
import { quoteValue } from '../model/safeText.js';
import { PROPERTY_IDS } from '../properties/catalog.js';
import {
  KERNEL_VERSIONS,
  SRCU_IMPLEMENTATIONS,
  type KernelVersion,
  type Scenario,
  type SrcuImpl,
  type ThreadConfig,
} from '../model/kernel/Scenario.js';
import { mutantId, threadLimitExceeded } from '../model/kernel/parseScenario.js';
import { Reader } from '../model/kernel/JsonReader.js';
import { eraMismatch } from '../model/kernel/era.js';

/** What the user may override from the command line. */
export interface ScenarioOverrides {
  readonly kernel?: string;
  readonly srcu?: string;
  readonly readers?: number;
  readonly reclaimers?: number;
  readonly property?: readonly string[];
  /** `--mutant ID`: one statement deleted or moved (as `necessity` prints it). */
  readonly mutant?: string;
  /** False with `--no-liveness`: the scenario's liveness properties are left out. */
  readonly liveness?: boolean;
}

/** Every override, by its flag's name. */
export const OVERRIDE_KEYS = [
  'kernel',
  'srcu',
  'readers',
  'reclaimers',
  'property',
  'mutant',
  'liveness',
] as const satisfies readonly (keyof ScenarioOverrides)[];

/** Sets the count of a reader-like thread group, adding it (on CPU 1) if the scenario has none. */
function withCount(threads: readonly ThreadConfig[], kind: 'reader' | 'reclaimer', count: number): ThreadConfig[] {
  if (!threads.some((t) => t.kind === kind)) return [...threads, { kind, cpu: 1, count }];
  return threads.map((t) => (t.kind === kind ? { ...t, count } : t));
}

/** The scenario with the overrides applied. */
export function applyOverrides(scenario: Scenario, o: ScenarioOverrides): Scenario {
  let s: Scenario = scenario;
  if (o.kernel !== undefined) {
    if (!KERNEL_VERSIONS.includes(o.kernel as KernelVersion))
      throw new InputError(
        `unknown kernel version ${quoteValue(o.kernel)}; ${expectedOneOf(o.kernel, KERNEL_VERSIONS)}`,
        undefined,
        '--kernel',
      );
    s = { ...s, kernel: o.kernel as KernelVersion, functions: {} };
  }
  if (o.srcu !== undefined) {
    if (!SRCU_IMPLEMENTATIONS.includes(o.srcu as SrcuImpl))
      throw new InputError(
        `unknown SRCU implementation ${quoteValue(o.srcu)}; ${expectedOneOf(o.srcu, SRCU_IMPLEMENTATIONS)}`,
        undefined,
        '--srcu',
      );
    s = { ...s, srcu: o.srcu as SrcuImpl };
  }
  if (o.readers !== undefined) s = { ...s, threads: withCount(s.threads, 'reader', o.readers) };
  if (o.reclaimers !== undefined) s = { ...s, threads: withCount(s.threads, 'reclaimer', o.reclaimers) };
  if (o.property !== undefined && o.property.length > 0) {
    const ids = o.property.map((id) => {
      if (!isKernelPropertyId(id))
        throw new InputError(
          `unknown property ${quoteValue(id)}; ${expectedOneOf(id, PROPERTY_IDS)}`,
          undefined,
          '--property',
        );
      return id;
    });
    s = { ...s, properties: [...new Set(ids)] };
  }
  if (o.mutant !== undefined) s = { ...s, mutant: mutantId(new Reader(''), o.mutant, '--mutant') };
  if (o.liveness === false) s = { ...s, properties: s.properties.filter((id) => !LIVENESS_PROPERTY_IDS.has(id)) };
  const mismatch = eraMismatch(s);
  if (mismatch) {
    const flag = o.kernel !== undefined ? '--kernel' : o.readers !== undefined ? '--readers' : '--reclaimers';
    throw new InputError(
      `the scenario cannot run on ${s.kernel}: ${mismatch.field}: ${mismatch.message}`,
      undefined,
      flag,
    );
  }
  // The flags that add threads, named in the errors about threads.
  const counts = [o.readers !== undefined ? '--readers' : '', o.reclaimers !== undefined ? '--reclaimers' : '']
    .filter(Boolean)
    .join(', ');
  if (s.threads.some((t) => t.cpu >= s.cpus)) {
    throw new InputError(
      `adds a thread group on CPU 1, which the scenario does not have (cpus: ${s.cpus})`,
      undefined,
      counts || 'threads',
    );
  }
  const tooMany = threadLimitExceeded(s);
  if (tooMany)
    throw new InputError(
      tooMany,
      undefined,
      [counts, o.srcu !== undefined ? '--srcu' : ''].filter(Boolean).join(', ') || 'threads',
    );
  return changesVerdict(o) ? withoutExpectation(s) : s;
}

/** Another kernel, SRCU or property set is another question: the file's expected verdict is about its own. */
function changesVerdict(o: ScenarioOverrides): boolean {
  return (
    o.kernel !== undefined ||
    o.srcu !== undefined ||
    o.mutant !== undefined ||
    (o.property !== undefined && o.property.length > 0)
  );
}

function withoutExpectation(s: Scenario): Scenario {
  const { expect: _fileExpectation, ...rest } = s;
  return rest;
}

/** The overrides among a command's `flags` whose names are `keys` (those the command takes), without the absent ones. */
export function pickOverrides<K extends keyof ScenarioOverrides>(
  flags: Pick<ScenarioOverrides, K>,
  keys: readonly K[],
): ScenarioOverrides {
  return Object.fromEntries(keys.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
}

/** The flags that reproduce the overrides, for the "reproduce" line. */
export function overrideFlags(o: ScenarioOverrides): string[] {
  const flags: string[] = [];
  if (o.kernel !== undefined) flags.push(`--kernel ${o.kernel}`);
  if (o.srcu !== undefined) flags.push(`--srcu ${o.srcu}`);
  if (o.readers !== undefined) flags.push(`--readers ${o.readers}`);
  if (o.reclaimers !== undefined) flags.push(`--reclaimers ${o.reclaimers}`);
  for (const p of o.property ?? []) flags.push(`--property ${p}`);
  if (o.mutant !== undefined) flags.push(`--mutant '${o.mutant}'`);
  if (o.liveness === false) flags.push('--no-liveness');
  return flags;
}
