/**
 * The peer benchmark's Murphi twin (bench/peers/): with --symmetry its invalidate readers are a
 * scalarset, reader-indexed state is indexed by it and nothing else changes; where Rumur and a C
 * compiler are installed, the scalarset twin of the seed with 2 readers compiles, holds, and
 * Rumur's symmetry reduction finds mmucheck's reduced counts (`check seed --readers 2 --no-liveness`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/runCli.js';

type Config = { name: string; readers: number; listeners: number; symmetry: boolean };
type Twins = {
  murphiModel: (cfg: Config) => string;
  variantConfig: (name: string, opts?: { readers?: number; listeners?: number; symmetry?: boolean }) => Config;
};

/** The twin generator, loaded from its .mjs files (they are not part of the TypeScript build). */
async function twins(): Promise<Twins> {
  const load = (file: string) => import(pathToFileURL(join(REPO_ROOT, 'bench/peers/twins', file)).href);
  const [murphi, variants] = await Promise.all([load('murphi.mjs'), load('variants.mjs')]);
  return { murphiModel: murphi.murphiModel, variantConfig: variants.variantConfig };
}

const installed = (cmd: string) => !spawnSync(cmd, ['--version']).error;

describe('peer twins: the Murphi twin with scalarset readers', () => {
  it('declares the readers a scalarset and indexes their state by it; the plain twin has none', async () => {
    const { murphiModel, variantConfig } = await twins();
    const plain = murphiModel(variantConfig('seed', { readers: 3 }));
    const sym = murphiModel(variantConfig('seed', { readers: 3, symmetry: true }));
    expect(plain).not.toContain('scalarset');
    expect(plain).toContain('ruleset r: 1..NR do');
    expect(sym).toContain('Reader: scalarset(NR);');
    expect(sym).toContain('rWaits: array[Reader] of boolean;');
    expect(sym).toContain('rd: array[Reader] of record');
    expect(sym).toContain('ruleset r: Reader do');
    expect(sym).not.toContain('1..NR');
    // the other threads keep ids 0..2, outside the scalarset
    expect(sym).toMatch(/NT: 3;[^\n]*\n {2}EXIT: 0;\n {2}MODEXIT: 1;\n {2}WORKER: 2;/);
    // with no readers there is nothing to permute: the plain twin
    const none = variantConfig('seed-post-patch-lazy');
    expect(murphiModel({ ...none, symmetry: true })).toBe(murphiModel(none));
  });

  it.runIf(installed('rumur') && installed('cc'))(
    "seed, 2 readers: Rumur finds mmucheck's reduced counts",
    async () => {
      const { murphiModel, variantConfig } = await twins();
      const dir = mkdtempSync(join(tmpdir(), 'mmucheck-twin-'));
      try {
        writeFileSync(join(dir, 'm.m'), murphiModel(variantConfig('seed', { readers: 2, symmetry: true })));
        const gen = spawnSync('rumur', ['--deadlock-detection', 'stuck', '--colour', 'off', 'm.m', '-o', 'v.c'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(gen.status, gen.stderr).toBe(0);
        const flags = process.arch === 'x64' ? ['-mcx16'] : [];
        const cc = spawnSync('cc', ['-std=c11', '-O0', ...flags, '-w', '-o', 'v', 'v.c', '-lpthread'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(cc.status, cc.stderr).toBe(0);
        const run = spawnSync(join(dir, 'v'), [], { cwd: dir, encoding: 'utf8' });
        expect(run.stdout).toContain('No error found');
        expect(run.stdout).toMatch(/\b2908 states, 9052 rules fired\b/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
