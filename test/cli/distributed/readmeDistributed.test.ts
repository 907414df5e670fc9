/**
 * The distributed run of README.md and docs/distributed.md, as written: a Redis server on port
 * 6399, a worker in the background, the check that coordinates, and the server shut down. The
 * commands run in order as one script, in a scratch directory where `npx mmucheck` is this
 * checkout's built binary, and the check must end with every property holding.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryBuilt, REPO_ROOT } from '../../helpers/runCli.js';
import { redisPresent } from '../../helpers/redisServer.js';

/** The block, in page order; test/docs/readmeCommands.test.ts checks that the pages show exactly these. */
const COMMANDS = [
  'redis-server --port 6399 --appendonly yes --appendfsync always --dir /tmp --daemonize yes',
  'npx mmucheck worker redis://127.0.0.1:6399 --once &',
  'npx mmucheck check seed --readers 4 --no-liveness --cluster redis://127.0.0.1:6399',
  'wait',
  'redis-cli -p 6399 shutdown nosave',
];

const ready = binaryBuilt() && redisPresent('the README distributed run');

describe.skipIf(!ready)('the distributed run of README.md and docs/distributed.md', () => {
  it('runs as written: the check holds, and the worker and server are gone after it', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmucheck-readme-cluster-'));
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(REPO_ROOT, join(dir, 'node_modules', 'mmucheck'));
    symlinkSync('../mmucheck/dist/cli/main.js', join(dir, 'node_modules', '.bin', 'mmucheck'));
    const script = ['set -e', ...COMMANDS].join('\n');
    const r = spawnSync('bash', ['-c', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('ALL PROPERTIES HOLD');
    expect(r.stdout).toContain('28,705 distinct states, 135,574 generated');
    expect(r.stderr).toContain('mmucheck worker: the run ended');
  });
});
