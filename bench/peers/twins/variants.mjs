/**
 * The bundled scenarios the twins cover, as the few constants the twins are parametrised by.
 * Each entry mirrors examples/scenarios/<name>.json; `readers` and `listeners` scale them.
 */

/** Behaviours the twins model: every listener of a configuration has the same one. */
export const BEHAVIOURS = ['amdkfd', 'no-mm-pin', 'lazy', 'eager-free', 'sync-in-release'];

/** Scenario name → twin constants (v317: the __mmu_notifier_release order; synchronize: module exit calls mmu_notifier_synchronize). */
export const VARIANTS = {
  seed: { behaviour: 'amdkfd', v317: true, synchronize: true, readers: 1, listeners: 1, maps: true, expect: 'ok' },
  'seed-no-synchronize': {
    behaviour: 'amdkfd',
    v317: true,
    synchronize: false,
    readers: 1,
    listeners: 1,
    maps: true,
    expect: 'no-code-after-unload',
  },
  'eager-free': {
    behaviour: 'eager-free',
    v317: true,
    synchronize: true,
    readers: 1,
    listeners: 1,
    maps: true,
    expect: 'no-use-after-free',
  },
  'no-mm-pin': {
    behaviour: 'no-mm-pin',
    v317: true,
    synchronize: true,
    readers: 1,
    listeners: 1,
    maps: true,
    expect: 'no-use-after-free',
  },
  'sync-in-release': {
    behaviour: 'sync-in-release',
    v317: true,
    synchronize: true,
    readers: 1,
    listeners: 1,
    maps: true,
    expect: 'no-deadlock',
  },
  'lazy-with-reader': {
    behaviour: 'lazy',
    v317: true,
    synchronize: true,
    readers: 1,
    listeners: 1,
    maps: true,
    expect: 'no-callback-on-freed',
  },
  'seed-post-patch-lazy': {
    behaviour: 'lazy',
    v317: true,
    synchronize: true,
    readers: 0,
    listeners: 1,
    maps: true,
    expect: 'ok',
  },
  'seed-pre-patch-lazy': {
    behaviour: 'lazy',
    v317: false,
    synchronize: true,
    readers: 0,
    listeners: 1,
    maps: true,
    expect: 'no-use-after-free',
  },
};

/**
 * The configuration of scenario `name` with `readers`/`listeners` overridden when given;
 * `symmetry`: the Murphi twin declares the readers a scalarset (murphi.mjs).
 */
export function variantConfig(name, { readers, listeners, symmetry = false } = {}) {
  const base = VARIANTS[name];
  if (!base) throw new Error(`the twins do not model scenario ${name}; they model ${Object.keys(VARIANTS).join(', ')}`);
  const cfg = { name, ...base };
  if (readers !== undefined) cfg.readers = readers;
  if (listeners !== undefined) cfg.listeners = listeners;
  cfg.symmetry = symmetry;
  if (!Number.isInteger(cfg.readers) || cfg.readers < 0 || cfg.readers > 12)
    throw new Error(`readers must be 0..12, not ${cfg.readers}`);
  if (!Number.isInteger(cfg.listeners) || cfg.listeners < 1 || cfg.listeners > 8)
    throw new Error(`listeners must be 1..8, not ${cfg.listeners}`);
  return cfg;
}

/** The mmucheck scenario file of a configuration (for listener counts other than the bundled file's). */
export function scenarioJson(cfg) {
  const threads = [{ kind: 'exit', cpu: 0 }];
  if (cfg.readers > 0) threads.push({ kind: 'reader', count: cfg.readers, cpu: 1 });
  threads.push({ kind: 'module-exit', cpu: 0, synchronize: cfg.synchronize });
  return {
    name: `${cfg.name}-r${cfg.readers}-l${cfg.listeners}`,
    description: `peer benchmark configuration: ${cfg.name} with ${cfg.readers} readers and ${cfg.listeners} listeners`,
    kernel: cfg.v317 ? 'v3.17' : 'v3.10',
    srcu: 'classic',
    cpus: 2,
    listeners: Array.from({ length: cfg.listeners }, () => ({ behaviour: cfg.behaviour, maps: cfg.maps })),
    threads,
  };
}
