/**
 * A search that saves its run state at every level boundary, and goes on from any one of them,
 * ends with the counts, verdict and counterexample of a search never stopped: on one thread and on
 * workers, whichever wrote the state. The run states pass through the checkpoint format's bytes.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { checkWithWorkers } from '../../../checker/checkWithWorkers.js';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  type LoadedRunState,
} from '../../../checker/checkpoint/checkpointFormat.js';
import type { LevelCheckpoints, RunState } from '../../../checker/checkpoint/RunState.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';
import { outcomeSummary } from '../../helpers/outcomeSummary.js';

/** Keeps every run state it is sent, as the bytes of a checkpoint file read back. */
class KeptStates implements LevelCheckpoints {
  readonly states: LoadedRunState[] = [];
  due(): boolean {
    return true;
  }
  save(state: RunState): void {
    const chunks: Uint8Array[] = [];
    encodeCheckpoint({ test: true }, state, (chunk) => chunks.push(Uint8Array.from(chunk)));
    this.states.push(decodeCheckpoint(Buffer.concat(chunks)).state!);
  }
}

function scenario(name: string, readers: number) {
  const s = applyOverrides(loadScenario(name), { readers, liveness: false });
  return { model: buildKernelModel(s), source: kernelModelSource(s) };
}

describe('going on from a saved run state', () => {
  const seed = scenario('seed', 2);
  const seedWhole = outcomeSummary(check(seed.model, { symmetry: false }), true);

  it('seed with 2 readers: one checkpoint per level boundary, on one thread (38 of them)', async () => {
    const kept = new KeptStates();
    const outcome = await checkWithWorkers(seed.model, seed.source, { symmetry: false, workers: 1, checkpoints: kept });
    expect(outcomeSummary(outcome, true)).toEqual(seedWhole);
    expect(seedWhole).toMatchObject({ kind: 'ok', distinct: 5133, generated: 15926, depth: 38 });
    expect(kept.states.map((s) => s.level.depth)).toEqual(Array.from({ length: 38 }, (_v, i) => i + 1));
    for (const from of [kept.states[0]!, kept.states[17]!, kept.states[37]!]) {
      const resumed = await checkWithWorkers(seed.model, seed.source, {
        symmetry: false,
        workers: 1,
        resumeFrom: from,
      });
      expect(outcomeSummary(resumed, true)).toEqual(seedWhole);
    }
  });

  it('a state saved by two workers goes on on one thread and on two, and the reverse', async () => {
    const byWorkers = new KeptStates();
    await checkWithWorkers(seed.model, seed.source, { symmetry: false, workers: 2, checkpoints: byWorkers });
    const byOne = new KeptStates();
    await checkWithWorkers(seed.model, seed.source, { symmetry: false, workers: 1, checkpoints: byOne });
    expect(byWorkers.states.map((s) => s.fingerprintBits)).toEqual(byOne.states.map(() => 63));
    expect(byWorkers.states.map((s) => s.level.distinct)).toEqual(byOne.states.map((s) => s.level.distinct));
    for (const [from, workers] of [
      [byWorkers.states[20]!, 1],
      [byOne.states[20]!, 2],
    ] as const) {
      const resumed = await checkWithWorkers(seed.model, seed.source, { symmetry: false, workers, resumeFrom: from });
      expect(outcomeSummary(resumed, true)).toEqual(seedWhole);
    }
  });

  it('lazy-with-reader with 3 readers: the same shortest counterexample after a resume', async () => {
    const lazy = scenario('lazy-with-reader', 3);
    const whole = outcomeSummary(check(lazy.model, { symmetry: false }), true);
    expect(whole).toMatchObject({ kind: 'violation', distinct: 24147, generated: 75320 });
    expect(whole.actions).toHaveLength(16);
    const kept = new KeptStates();
    await checkWithWorkers(lazy.model, lazy.source, { symmetry: false, workers: 1, checkpoints: kept });
    expect(kept.states).toHaveLength(16);
    const resumed = await checkWithWorkers(lazy.model, lazy.source, {
      symmetry: false,
      workers: 2,
      resumeFrom: kept.states[9]!,
    });
    expect(outcomeSummary(resumed, true)).toEqual(whole);
  });

  it('a run stopped by its state bound saves the start of the level it stopped in; a larger bound goes on from it', async () => {
    for (const [workers, resumedOn] of [
      [1, 1],
      [2, 1],
    ] as const) {
      const kept = new KeptStates();
      const stopped = await checkWithWorkers(seed.model, seed.source, {
        symmetry: false,
        workers,
        maxStates: 3000,
        checkpoints: kept,
      });
      expect(stopped.kind === 'incomplete' && stopped.reason).toBe('maxStates');
      const last = kept.states.at(-1)!;
      expect(last.level.distinct).toBeLessThan(3000);
      expect(last.level.distinct).toBe(kept.states.at(-2)!.level.distinct);
      const resumed = await checkWithWorkers(seed.model, seed.source, {
        symmetry: false,
        workers: resumedOn,
        resumeFrom: last,
      });
      expect(outcomeSummary(resumed, true)).toEqual(seedWhole);
      const bounded = await checkWithWorkers(seed.model, seed.source, {
        symmetry: false,
        workers: 1,
        maxStates: 3000,
        resumeFrom: last,
      });
      expect(outcomeSummary(bounded, true)).toEqual(outcomeSummary(stopped, true));
    }
  });
});
