/**
 * Nothing a script says can crash the checker: random driver scripts over the whole vocabulary —
 * classic and interval, with tests, gotos, returns, labels and repetitions, sensible or not — are
 * either refused as bad input or checked to a verdict (ok, a violation, or incomplete at the state
 * bound). None makes the model throw (a model error) or the checker loop. `MMUCHECK_FUZZ_ROUNDS=N`
 * runs N rounds of 150 (from seeds 17, 18, …) instead of one.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { parseScenario } from '../../../model/kernel/parseScenario.js';
import { InputError } from '../../../model/InputError.js';
import { STATEMENTS, type StatementOp } from '../../../model/kernel/drivers/DriverScript.js';

/** A small deterministic generator (mulberry32), so a failure reproduces from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPS = Object.keys(STATEMENTS) as StatementOp[];
const ofWorld = (world: 'classic' | 'interval', use: 'statement' | 'condition') =>
  OPS.filter((op) => (STATEMENTS[op].worlds as readonly string[]).includes(world) && STATEMENTS[op].use === use);

function randomHook(r: () => number, world: 'classic' | 'interval', hook: string): unknown[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const statements = ofWorld(world, 'statement').filter(
    (op) => op !== 'lock' && op !== 'unlock' && (op !== 'mmu_interval_set_seq' || hook === 'invalidate'),
  );
  const tests = ofWorld(world, 'condition');
  const out: unknown[] = [];
  // Mostly sensible shapes (so that most scripts are checked, not refused), with some noise.
  if (world === 'interval' && r() < 0.5) out.push({ label: 'again' });
  if (world === 'interval' && r() < 0.6) out.push('mmu_interval_read_begin');
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.2) out.push('lock', pick(statements), 'unlock');
    else if (world === 'interval' && roll < 0.45) {
      const body: unknown[] = r() < 0.5 ? [pick(statements)] : [];
      const end = r();
      if (end < 0.4) body.push({ goto: 'again' });
      else if (end < 0.7 || body.length === 0) body.push('return');
      out.push(
        Object.fromEntries([
          ['if', `${r() < 0.3 ? '!' : ''}${pick(tests)}`],
          ['then', body],
        ]),
      );
    } else if (roll < 0.5) out.push({ repeat: 1 + Math.floor(r() * 2), body: [pick(statements)] });
    else if (roll < 0.55) out.push(pick(['lock', 'unlock']));
    else out.push(pick(statements));
  }
  return out;
}

function classicScenario(r: () => number): unknown {
  const hooks: Record<string, unknown> = {};
  const api = r() < 0.3 ? 'get-put' : 'register';
  for (const hook of ['release', 'invalidate_range_start', api === 'get-put' ? 'free_notifier' : 'destroy', 'teardown'])
    if (r() < 0.7) hooks[hook] = randomHook(r, 'classic', hook);
  return {
    kernel: r() < 0.5 ? 'v3.17' : 'v5.4',
    listeners: [{ driver: { name: 'fuzz', api, lock: r() < 0.5 ? 'mutex' : 'spinlock', hooks }, maps: true, cpu: 1 }],
    threads: [
      { kind: 'exit' },
      { kind: 'reader', cpu: 1 },
      ...(r() < 0.5 ? [{ kind: 'module-exit', cpu: 0, synchronize: r() < 0.5 }] : []),
    ],
  };
}

function intervalScenario(r: () => number): unknown {
  const hooks: Record<string, unknown> = {};
  for (const hook of ['invalidate', 'fault', 'teardown']) hooks[hook] = randomHook(r, 'interval', hook);
  return {
    kernel: r() < 0.5 ? 'v5.5' : 'v6.6',
    mirrors: [{ driver: { name: 'fuzz', hooks } }],
    threads: [
      { kind: 'mirror', mirror: 0, ops: ['insert', 'fault', r() < 0.5 ? 'teardown' : 'teardown-at-exit'], cpu: 1 },
      { kind: 'invalidator', cpu: 0 },
      { kind: 'exit', cpu: 0 },
    ],
  };
}

describe('random driver scripts', () => {
  it.each([
    ['classic', classicScenario],
    ['interval', intervalScenario],
  ] as const)('%s: 150 scripts, each refused as bad input or checked to a verdict', (_world, make) => {
    const rounds = Number(process.env['MMUCHECK_FUZZ_ROUNDS'] ?? 1);
    const kinds: Record<string, number> = { refused: 0, ok: 0, violation: 0, incomplete: 0 };
    for (let i = 0; i < 150 * rounds; i++) {
      const r = rng(17 + Math.floor(i / 150) * 1_000_003 + (i % 150));
      const json = make(r);
      let scenario: ReturnType<typeof parseScenario>;
      try {
        scenario = parseScenario(json, `fuzz-${i}.json`);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        kinds['refused']!++;
        continue;
      }
      const outcome = check(buildKernelModel(scenario), { maxStates: 20_000 });
      if (outcome.kind === 'modelError') throw new Error(`script ${i} made the model fail: ${JSON.stringify(json)}`);
      kinds[outcome.kind]!++;
    }
    if (process.env['MMUCHECK_FUZZ_ROUNDS']) console.log(_world, kinds);
    // The generator reaches every outcome, so the loop above is not vacuous.
    expect(kinds['refused']).toBeGreaterThan(0);
    expect(kinds['ok']! + kinds['violation']!).toBeGreaterThan(8);
    expect(kinds['violation']).toBeGreaterThan(0);
  });
});
