/**
 * `check --checkpoint` and `resume`: the built binary killed with SIGKILL before its first
 * checkpoint, during a checkpoint write and right after one, then resumed, ends with the report of
 * a run never stopped (counts, verdict, counterexample, reproduce line); and `resume` refuses a
 * checkpoint of another scenario file, version or option set, or a damaged one, naming the file.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointPath } from '../../checker/checkpoint/checkpointDir.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../checker/checkpoint/checkpointFormat.js';
import { binaryBuilt, REPO_ROOT, runCli } from '../helpers/runCli.js';
import { checkpointDir, comparable, killAtCheckpoint } from '../helpers/checkpointRuns.js';

// 24,147 states in 16 levels, a 16-step counterexample: a checkpoint at every level boundary.
const RUN = ['lazy-with-reader', '--readers', '3', '--no-liveness', '--workers', '1', '--checkpoint-every', '0'];

describe.runIf(binaryBuilt())('a run killed with SIGKILL and resumed', () => {
  let whole: unknown;
  beforeAll(async () => {
    const r = await runCli(['check', ...RUN.slice(0, 6), '--format', 'json', '--quiet']);
    expect(r.code).toBe(1);
    whole = comparable(r.out);
  });

  it.concurrent.each([
    ['during the fifth checkpoint write (the fourth stays)', 5, 'middle', 4],
    ['right after the third checkpoint', 3, 'after', 3],
    ['during its first write, before any level: the run starts again', 2, 'middle', 1],
  ])('%s', async (_what, write, phase, kept) => {
    const dir = checkpointDir();
    const killed = await killAtCheckpoint(RUN, dir, write, phase);
    expect(killed.signal).toBe('SIGKILL');
    // Checkpoint 1 holds the manifest alone; checkpoint k > 1 is the boundary before depth k - 1.
    expect(readdirSync(dir).sort()).toEqual(
      phase === 'middle' ? ['checkpoint.mmc', 'checkpoint.mmc.tmp'] : ['checkpoint.mmc'],
    );
    const state = decodeCheckpoint(readFileSync(checkpointPath(dir))).state;
    expect(state?.level.depth ?? 0).toBe(kept - 1);
    const resumed = await runCli(['resume', dir, '--format', 'json', '--quiet']);
    expect(resumed.code, resumed.err).toBe(1);
    expect(comparable(resumed.out)).toEqual(whole);
  });

  it('before its first checkpoint: nothing to resume, said with exit 2', async () => {
    const dir = checkpointDir();
    await killAtCheckpoint(RUN, dir, 1, 'before');
    const r = await runCli(['resume', dir]);
    expect([r.code, r.err]).toEqual([
      2,
      `mmucheck: error: ${join(dir, 'checkpoint.mmc')}: holds no checkpoint (the run was stopped before it wrote one, or this is not its directory)\n`,
    ]);
  });
});

describe('a run stopped by an interrupt or a bound', () => {
  it('saves the start of the level it stopped in, and resumes to the answer of a run never stopped', async () => {
    const args = [
      'seed',
      '--readers',
      '2',
      '--no-liveness',
      '--no-symmetry',
      '--workers',
      '1',
      '--format',
      'json',
      '--quiet',
    ];
    const whole = await runCli(['check', ...args]);
    const dir = checkpointDir();
    let asked = 0;
    // The search asks at every state: it is interrupted at its 3,000th, in the middle of a level.
    const stopped = await runCli(['check', ...args, '--checkpoint', dir], () => ++asked > 3000);
    expect([stopped.code, JSON.parse(stopped.out).reason]).toEqual([3, 'interrupted']);
    const state = decodeCheckpoint(readFileSync(checkpointPath(dir))).state!;
    expect([state.level.depth, state.level.distinct]).toEqual([22, 3253]);
    const resumed = await runCli(['resume', dir, '--format', 'json', '--quiet']);
    expect(resumed.code).toBe(0);
    expect(comparable(resumed.out)).toEqual(comparable(whole.out));
  });
});

describe('resume refuses a checkpoint it cannot go on from (exit 2, naming the file)', () => {
  /** A checkpoint of `args` stopped by a state bound, in a new directory. */
  async function stoppedRun(args: readonly string[]): Promise<string> {
    const dir = checkpointDir();
    const r = await runCli([
      'check',
      ...args,
      '--no-liveness',
      '--max-states',
      '300',
      '--checkpoint',
      dir,
      '--checkpoint-every',
      '0',
      '--quiet',
    ]);
    expect(r.code, r.err).toBe(3);
    return dir;
  }

  it('a scenario file edited since', async () => {
    const scenario = join(mkdtempSync(join(tmpdir(), 'mmucheck-scenario-')), 'lazy.json');
    copyFileSync(join(REPO_ROOT, 'examples', 'scenarios', 'lazy-with-reader.json'), scenario);
    const dir = await stoppedRun([scenario]);
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('"cpus": 2', '"cpus": 3'));
    const edited = await runCli(['resume', dir]);
    expect(edited.code).toBe(2);
    expect(edited.err).toMatch(
      new RegExp(
        `^mmucheck: error: ${scenario}: has changed since the checkpoint ${join(dir, 'checkpoint.mmc')} was written`,
      ),
    );
  });

  it('another option set: a scenario override that changes the state space', async () => {
    const dir = await stoppedRun(['seed', '--readers', '2']);
    const r = await runCli(['resume', dir, '--readers', '3']);
    expect([r.code, r.err]).toEqual([
      2,
      'mmucheck: error: --readers: 3 changes the state space of the run the checkpoint holds (2 there); a resumed run keeps the options it was started with\n',
    ]);
    const same = await runCli(['resume', dir, '--readers', '2', '--max-states', '301', '--format', 'json', '--quiet']);
    expect(same.code).toBe(3);
    expect(JSON.parse(same.out).stats.distinct).toBe(301);
    const below = await runCli(['resume', dir, '--max-states', '100']);
    expect(below.code).toBe(2);
    expect(below.err).toMatch(/^mmucheck: error: --max-states: 100 is not above the \d+ states the checkpoint holds/);
  });

  it('another version, or a checkpoint of another run in the directory of a new one', async () => {
    const dir = await stoppedRun(['seed']);
    const file = checkpointPath(dir);
    const loaded = decodeCheckpoint(readFileSync(file));
    const manifest = { ...(loaded.manifest as object), mmucheck: '0.0.9' };
    const chunks: Uint8Array[] = [];
    encodeCheckpoint(manifest, undefined, (c) => chunks.push(Uint8Array.from(c)));
    writeFileSync(file, Buffer.concat(chunks));
    const r = await runCli(['resume', dir]);
    expect([r.code, r.err]).toEqual([
      2,
      `mmucheck: error: ${file}: was written by mmucheck 0.0.9, and this is mmucheck 0.1.0: a checkpoint is resumed by the version that wrote it\n`,
    ]);
    const other: Uint8Array[] = [];
    encodeCheckpoint({ ...manifest, mmucheck: '0.1.0', modelDigest: '0'.repeat(64) }, undefined, (c) =>
      other.push(Uint8Array.from(c)),
    );
    writeFileSync(file, Buffer.concat(other));
    const model = await runCli(['resume', dir]);
    expect([model.code, model.err]).toEqual([
      2,
      `mmucheck: error: ${file}: holds a run of another model than this mmucheck builds from seed (its model digest differs): it cannot be resumed\n`,
    ]);
    const again = await runCli(['check', 'lazy-with-reader', '--no-liveness', '--checkpoint', dir]);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${file}: already holds a checkpoint; \`mmucheck resume ${dir}\` continues its run`);
  });

  it('a truncated or damaged file, or one that is not a checkpoint', async () => {
    const dir = await stoppedRun(['seed']);
    const file = checkpointPath(dir);
    const bytes = readFileSync(file);
    const cases: [Buffer, string][] = [
      [bytes.subarray(0, bytes.length - 100), 'corrupted or truncated: its SHA-256 does not match its contents'],
      [
        Buffer.from(bytes.map((b, i) => (i === 200 ? b ^ 1 : b))),
        'corrupted or truncated: its SHA-256 does not match its contents',
      ],
      [bytes.subarray(0, 20), 'truncated: too short to be a checkpoint'],
      [
        Buffer.from('{"not": "a checkpoint", "padding": "...................................."}'),
        'not a mmucheck checkpoint',
      ],
    ];
    for (const [content, why] of cases) {
      writeFileSync(file, content);
      const r = await runCli(['resume', dir]);
      expect([r.code, r.err]).toEqual([2, `mmucheck: error: ${file}: ${why}; it cannot be resumed\n`]);
    }
    expect(existsSync(file)).toBe(true);
  });

  it('a model file, or --exact, with --checkpoint', async () => {
    const model = await runCli(['check', 'examples/teaching/peterson-broken.ts', '--checkpoint', checkpointDir()]);
    expect([model.code, model.err]).toEqual([
      2,
      'mmucheck: error: --checkpoint: works with scenarios (bundled or files) only; a model file is not checkpointed\n',
    ]);
    const exact = await runCli(['check', 'seed', '--exact', '--checkpoint', checkpointDir()]);
    expect(exact.code).toBe(2);
    expect(exact.err).toContain('--checkpoint: cannot be used with --exact');
  });
});
