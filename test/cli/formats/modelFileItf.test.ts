/**
 * The ITF trace of a model file, where it differs from a kernel scenario's: the variable of thread
 * locations (none for a model without threads, moved aside when the model has a field `threads`),
 * and how `replay` finds the model file from another directory (from the trace file's directory).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { threadsVarBeside } from '../../../cli/formats/stateVars.js';
import { REPO_ROOT } from '../../helpers/runCli.js';
import { cli } from './runs.js';

const PLAIN_THREADS = 'test/fixtures/models/threads-field.mjs';
const PROGRAM_THREADS = 'test/fixtures/models/program-threads-field.ts';
const CLOCK = 'test/examples/fixtures/clock.mjs';
const PETERSON_BROKEN = 'examples/teaching/peterson-broken.ts';

const validate = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/itf/itf.schema.json'), 'utf8')),
);

const dir = mkdtempSync(join(tmpdir(), 'mmucheck-model-itf-'));

/** Checks `file` with `--format itf --out <dir>/<name>.itf.json`; the path of the trace and its JSON. */
async function savedItf(file: string, name: string, into = dir): Promise<{ path: string; json: any }> {
  const path = join(into, `${name}.itf.json`);
  const { code, err } = await cli('check', file, '--format', 'itf', '--out', path, '--quiet');
  expect(err).toBe('');
  expect(code).toBe(1);
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) };
}

/** Writes an edited trace and returns its path. */
function edited(json: unknown, name: string, into = dir): string {
  const path = join(into, `${name}.itf.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

const replayed = (steps: number) => expect.stringMatching(new RegExp(`^replay {5}.*: ${steps} steps, each enabled`));

describe('the variable of thread locations in a model file trace', () => {
  it("keeps a plain model's own field threads: a plain model has no thread locations to record", async () => {
    const { path, json } = await savedItf(PLAIN_THREADS, 'plain');
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json['#meta'].mmucheck.model.threadsVar).toBeNull();
    expect(json.vars).toEqual(['threads', 'full']);
    expect(json.states.map((s: any) => s.threads)).toEqual([0, 1, 2, 3].map((n) => ({ '#bigint': String(n) })));
    expect(json.states[1]['#meta'].action).toBe('start worker 1');
    const { code, out, err } = await cli('replay', path);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('ENDS IN A VIOLATION  within-limit');
    expect(out).toContain('threads: 2 → 3');
  });

  it("compares a plain model's field threads on replay", async () => {
    const { json } = await savedItf(PLAIN_THREADS, 'plain-to-edit');
    json.states[2].threads = { '#bigint': '7' };
    expect((await cli('replay', edited(json, 'plain-edited'))).err).toContain(
      'trace does not match the model at step 2: after the step, threads is 7 in the file but 2 in the model',
    );
  });

  it('writes no thread locations for a model without threads', async () => {
    const { json } = await savedItf(CLOCK, 'clock');
    expect(json.vars).toEqual(['state']);
    expect(json['#meta'].mmucheck.model.threadsVar).toBeNull();
  });

  it('puts the thread locations of a program model with a field threads in mmucheck.threads', async () => {
    const { path, json } = await savedItf(PROGRAM_THREADS, 'program');
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json['#meta'].mmucheck.model.threadsVar).toBe('mmucheck.threads');
    expect(json.vars).toEqual(['threads', 'done', 'mmucheck.threads']);
    expect(json.states[0].threads).toEqual({ '#bigint': '0' });
    expect(json.states[4]['mmucheck.threads']).toEqual({ w0: 'done', w1: 'done' });
    const { code, out } = await cli('replay', path);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toEqual(replayed(4));
    expect(out).toContain('ENDS IN A VIOLATION  all-registered');
    json.states[3]['mmucheck.threads'] = { w0: 'register', w1: 'register' };
    expect((await cli('replay', edited(json, 'program-edited'))).err).toContain(
      'at step 3: after w0 step, thread w0 is at "register" in the file but at "done" in the model',
    );
  });

  it('replays a trace written before threadsVar, its thread locations in threads', async () => {
    for (const [file, name] of [
      [CLOCK, 'old-clock'],
      [PETERSON_BROKEN, 'old-peterson'],
    ] as const) {
      const { json } = await savedItf(file, name);
      const model = json['#meta'].mmucheck.model;
      delete model.threadsVar;
      delete model.fromTrace;
      if (!json.vars.includes('threads')) {
        json.vars.push('threads');
        for (const s of json.states) s.threads = {};
      }
      const { code, err } = await cli('replay', edited(json, `${name}-edited`));
      expect(err).toBe('');
      expect(code).toBe(0);
    }
  });

  it('refuses a threadsVar that is not a name or null, and a trace without the variable it names', async () => {
    const { json } = await savedItf(PETERSON_BROKEN, 'bad-threads-var');
    json['#meta'].mmucheck.model.threadsVar = 3;
    const path = edited(json, 'bad-threads-var-edited');
    expect(await cli('replay', path)).toEqual({
      code: 2,
      out: '',
      err: `mmucheck: error: ${path}: #meta.mmucheck.model.threadsVar: expected a non-empty string or null\n`,
    });
    json['#meta'].mmucheck.model.threadsVar = 'where';
    expect((await cli('replay', edited(json, 'missing-threads-var'))).err).toContain(
      'vars: expected the variable "where" (where each thread stands)',
    );
  });

  it('names the variable threads unless a view field has that name', () => {
    expect(threadsVarBeside(['turn', 'flag[0]'])).toBe('threads');
    expect(threadsVarBeside(['threads'])).toBe('mmucheck.threads');
    expect(threadsVarBeside(['threads', 'mmucheck.threads', 'mmucheck.threads2'])).toBe('mmucheck.threads3');
  });
});

describe('replay finds the model file of a trace', () => {
  const home = process.cwd();
  afterEach(() => process.chdir(home));

  it('from another directory, by the path from the trace file that --out recorded', async () => {
    const { path, json } = await savedItf(PETERSON_BROKEN, 'elsewhere');
    expect(json['#meta'].mmucheck.model.fromTrace).toBe(
      relative(dir, join(REPO_ROOT, PETERSON_BROKEN)).split('\\').join('/'),
    );
    process.chdir(mkdtempSync(join(tmpdir(), 'mmucheck-replay-cwd-')));
    const { code, out, err } = await cli('replay', path);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 3)).toEqual([
      replayed(8),
      expect.stringMatching(/^model {6}peterson-broken/),
      `file       ${join(REPO_ROOT, PETERSON_BROKEN)}`,
    ]);
  });

  it("from another directory, by the path as given from the trace file's directory when none was recorded", async () => {
    const project = mkdtempSync(join(tmpdir(), 'mmucheck-project-'));
    mkdirSync(join(project, 'models'));
    copyFileSync(join(REPO_ROOT, CLOCK), join(project, 'models', 'clock.mjs'));
    const { json } = await savedItf(CLOCK, 'stdout-like');
    json['#meta'].mmucheck.model.file = 'models/clock.mjs';
    delete json['#meta'].mmucheck.model.fromTrace; // as when the trace went to stdout
    const path = edited(json, 'clock', project);
    const { code, out, err } = await cli('replay', path);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`file       ${join(project, 'models', 'clock.mjs')}\n`);
    process.chdir(project);
    expect((await cli('replay', 'clock.itf.json')).out).toContain('file       models/clock.mjs\n');
  });

  it('refuses a model file found nowhere, naming it and where it was looked for (exit 2)', async () => {
    const away = mkdtempSync(join(tmpdir(), 'mmucheck-away-'));
    const { json } = await savedItf(PLAIN_THREADS, 'lost', away);
    const moved = join(dir, 'moved', 'deeper'); // the recorded path from the trace leads nowhere from here
    mkdirSync(moved, { recursive: true });
    const path = join(moved, 'lost.itf.json');
    copyFileSync(join(away, 'lost.itf.json'), path);
    process.chdir(away);
    const looked = [join(moved, json['#meta'].mmucheck.model.fromTrace), PLAIN_THREADS, join(moved, PLAIN_THREADS)];
    expect(await cli('replay', path)).toEqual({
      code: 2,
      out: '',
      err: `mmucheck: error: ${path}: the trace was written for the model file ${PLAIN_THREADS} (#meta.mmucheck.model.file), which is not there: looked for ${looked.join(', ')}; restore it, or run replay from the directory it was checked in\n`,
    });
  });
});
