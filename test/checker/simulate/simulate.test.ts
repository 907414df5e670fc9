/**
 * The simulation core on this thread: a walk's random stream depends on (seed, walk) alone, batches
 * put together in any order give the result of one thread, walks check what the search checks
 * (invariants, deadlock, the boundary, `eventually` at a terminal state), a step that throws is a
 * model error with its trace, and shortening searches from the walk's states.
 */
import { describe, expect, it } from 'vitest';
import { makeStats } from '../../../checker/makeStats.js';
import { failedJob, stoppedJob } from '../../../checker/pool/CheckSummary.js';
import type { JobCutShort } from '../../../checker/pool/PoolJob.js';
import { runWalks } from '../../../checker/simulate/runWalks.js';
import { suffixStarts } from '../../../checker/simulate/shortenViolation.js';
import { simulate, WALKS_PER_BATCH, type SimulationResult } from '../../../checker/simulate/simulate.js';
import type { BatchSummary, WalkBatch, WalkPlan } from '../../../checker/simulate/WalkBatch.js';
import { walkOutcome } from '../../../checker/simulate/walkOutcome.js';
import { swarmWeight, walkKey, WalkRandom } from '../../../checker/simulate/WalkRandom.js';
import type { Model } from '../../../model/Model.js';
import { always, eventually } from '../../../model/Property.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { stoppingCounter } from '../../helpers/counters.js';
import { graphModel } from '../../helpers/graphModel.js';

const UNIFORM: WalkPlan = { seed: 1, maxDepth: 200, mode: 'uniform' };
const NO_STATS = makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });

const draws = (seed: number, walk: number) => {
  const r = new WalkRandom(seed, walk);
  return Array.from({ length: 8 }, () => r.next());
};

/** The parts of a result that do not depend on time. */
const counted = (r: SimulationResult) => ({ ...r, elapsedMs: 0 });

async function simulateHere(
  model: Model<unknown, unknown>,
  walks: number,
  plan = UNIFORM,
  runBatch = async (b: WalkBatch): Promise<BatchSummary | JobCutShort> => runWalks(model, b),
  parallel = 1,
) {
  return simulate({ ...plan, walks, parallel, runBatch });
}

describe('WalkRandom', () => {
  it("is a function of the seed and the walk's number alone", () => {
    expect(draws(1, 431)).toEqual(draws(1, 431));
    expect(draws(1, 431)).not.toEqual(draws(1, 432));
    expect(draws(1, 431)).not.toEqual(draws(2, 431));
    expect(draws(7, 2 ** 33 + 5)).not.toEqual(draws(7, 5)); // walk numbers past 32 bits
    const r = new WalkRandom(3, 9);
    const seen = new Set(Array.from({ length: 2000 }, () => r.below(5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives each thread of a walk a power-of-two swarm weight from 1 to 128, drawn afresh for each walk', () => {
    const weights = (walk: number) => Array.from({ length: 12 }, (_, t) => swarmWeight(walkKey(1, walk), t));
    for (const w of weights(1)) expect([1, 2, 4, 8, 16, 32, 64, 128]).toContain(w);
    expect(weights(1)).toEqual(weights(1));
    expect(weights(1)).not.toEqual(weights(2));
  });
});

describe('simulate', () => {
  const lazy = buildKernelModel(loadScenario('lazy-with-reader')) as unknown as Model<unknown, unknown>;
  const seed = buildKernelModel(loadScenario('seed')) as unknown as Model<unknown, unknown>;

  it('counts the same walks, steps and states whatever order the batches end in and however many are out', async () => {
    for (const [model, walks] of [
      [lazy, 1000],
      [seed, 300],
    ] as const) {
      const inOrder = await simulateHere(model, walks);
      // Each batch ends later the earlier it was sent: the last batches out end first.
      let sent = 0;
      const reversing = async (b: WalkBatch) => {
        const wait = (20 - sent++) * 2;
        const summary = runWalks(model, b);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
        return summary;
      };
      const scrambled = await simulateHere(model, walks, UNIFORM, reversing, 4);
      expect(counted(scrambled)).toEqual(counted(inOrder));
    }
    const found = await simulateHere(lazy, 1000);
    expect([found.walks, found.found?.walk, found.found?.kind, found.steps, found.distinct]).toEqual([
      431,
      431,
      'violation',
      13_766,
      294,
    ]);
    expect(Math.ceil(431 / WALKS_PER_BATCH)).toBe(9);
  });

  it('ends at a batch whose worker was lost (a model error), and stops when a batch was stopped', async () => {
    const lost = await simulateHere(seed, 500, UNIFORM, async (b) =>
      b.first === 101 ? (failedJob('the worker running this check crashed: boom') as JobCutShort) : runWalks(seed, b),
    );
    expect([lost.failure, lost.walks, lost.stopped]).toEqual([
      'the worker running this check crashed: boom',
      100,
      undefined,
    ]);
    const stopped = await simulateHere(seed, 500, UNIFORM, async (b) =>
      b.first === 101 ? (stoppedJob('interrupted') as JobCutShort) : runWalks(seed, b),
    );
    expect([stopped.stopped, stopped.walks, stopped.failure]).toEqual(['interrupted', 100, undefined]);
  });

  it('checks invariants, deadlocks and eventually properties on its walks, and ends at the depth bound and the boundary', () => {
    const walk = (model: Model<unknown, unknown>, maxDepth = 200) =>
      runWalks(model, { ...UNIFORM, maxDepth, first: 1, count: 5 });
    // A counter that stops at 3: a deadlock unless final.
    expect(walk(stoppingCounter(3, false) as Model<unknown, unknown>).found).toMatchObject({
      walk: 1,
      kind: 'violation',
      path: [0, 0, 0],
    });
    const proper = walk(stoppingCounter(3, true) as Model<unknown, unknown>);
    expect([proper.found, proper.walks, proper.steps, proper.deepest]).toEqual([undefined, 5, 15, 3]);
    const cut = walk(stoppingCounter(50, false) as Model<unknown, unknown>, 10);
    expect([cut.found, cut.deepest, cut.fingerprints.length / 2]).toEqual([undefined, 10, 11]);
    // Two ways to an end: `eventually` fails on the walks that miss `good`.
    const graph = graphModel({
      initial: ['a'],
      edges: { a: ['good', 'plain'], good: ['end'], plain: ['end'] },
      final: ['end'],
      properties: [eventually<string>('passes-good', 'every run passes good', (s) => s === 'good')],
    }) as Model<unknown, unknown>;
    const eventual = walk(graph);
    expect(eventual.found?.kind).toBe('violation');
    expect(walkOutcome(graph, eventual.found!, NO_STATS)).toMatchObject({
      kind: 'violation',
      violations: [{ propertyId: 'passes-good' }],
      trace: { steps: [{ state: 'plain' }, { state: 'end' }] },
    });
  });

  it('reports a step that throws as a model error with the trace to the state it was taken in', () => {
    const model: Model<number, 'inc'> = {
      initStates: () => [0],
      actions: () => ['inc'],
      nextState: (n) => {
        if (n === 3) throw new Error('three is too many');
        return n + 1;
      },
      properties: () => [always<number>('small', 'stays small', (n) => (n > 9 ? 'big' : undefined))],
    };
    const batch = runWalks(model as Model<unknown, unknown>, { ...UNIFORM, first: 1, count: 3 });
    expect(batch.found).toEqual({
      walk: 1,
      kind: 'modelError',
      initial: 0,
      path: [0, 0, 0],
      message: 'three is too many',
      actionIndex: 0,
    });
    const outcome = walkOutcome(model as Model<unknown, unknown>, batch.found!, NO_STATS);
    expect(outcome).toMatchObject({ kind: 'modelError', message: 'three is too many', action: 'inc' });
    expect(outcome.kind === 'modelError' && outcome.trace?.steps.length).toBe(3);
  });

  it('searches for a shorter suffix from half-way along a walk, then three quarters, seven eighths, …', () => {
    expect(suffixStarts(25)).toEqual([12, 18, 21, 23]);
    expect(suffixStarts(3)).toEqual([1]);
    expect(suffixStarts(2)).toEqual([]);
  });
});
