/**
 * Drivers as data: every built-in behaviour written as a script (examples/drivers/<behaviour>.json)
 * gives the built-in's verdict, primary property, shortest counterexample and state counts, on its
 * own kernel and on today's; a script of one's own reads as its C in a trace; a bad script is
 * refused with exit 2 naming the file, listener, hook and statement.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { verdictSummary } from '../../helpers/outcomeSummary.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { parseScenario } from '../../../model/kernel/parseScenario.js';
import { BEHAVIOURS, type KernelVersion } from '../../../model/kernel/Scenario.js';
import { BUILTIN_DRIVERS } from '../../../model/kernel/drivers/builtinDrivers.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { runCli } from '../../helpers/runCli.js';

type Json = Record<string, unknown> & { listeners: Record<string, unknown>[] };

const file = (b: string) => `examples/drivers/${b}.json`;
const read = (b: string) => JSON.parse(readFileSync(file(b), 'utf8')) as Json;

/** The file with each scripted listener replaced by the built-in behaviour it spells out. */
function builtinTwin(b: string, json: Json): Json {
  return {
    ...json,
    listeners: json.listeners.map((l) => {
      if (l['driver'] === undefined) return l;
      const { driver: _driver, ...rest } = l;
      return { behaviour: b, ...rest };
    }),
  };
}

const summary = verdictSummary;

function run(json: Json, kernel?: KernelVersion) {
  const s = parseScenario(json, 'x.json');
  return summary(check(buildKernelModel(kernel ? applyOverrides(s, { kernel }) : s)));
}

describe('every built-in behaviour as a script', () => {
  it('has its file, whose script is the built-in statement for statement', () => {
    for (const b of BEHAVIOURS) {
      const json = read(b);
      const scripted = parseScenario(json, file(b)).listeners.filter((_l, i) => json.listeners[i]!['driver']);
      expect(scripted.length, b).toBeGreaterThan(0);
      for (const l of scripted) expect(l.driver.hooks).toEqual(BUILTIN_DRIVERS[b].hooks);
    }
  });

  it.each(BEHAVIOURS.map((b) => [b]))(
    '%s: the same verdict, length and counts as the built-in, then and today',
    (b) => {
      const json = read(b);
      const twin = builtinTwin(b, json);
      const own = run(json);
      expect(own).toEqual(run(twin));
      expect(run(json, 'v6.6')).toEqual(run(twin, 'v6.6'));
      if (json['expect'] !== undefined) {
        const e = json['expect'] as { verdict: string; property?: string };
        expect(own.verdict).toBe(e.verdict === 'ok' ? 'ok' : e.property);
      }
    },
  );
});

describe('a driver of your own', () => {
  const mine = {
    kernel: 'v3.17',
    listeners: [
      {
        driver: {
          name: 'mydrv',
          hooks: { release: ['mmu_notifier_unregister_no_release', 'kfree'] },
        },
      },
    ],
    threads: [{ kind: 'exit' }, { kind: 'reader', cpu: 1 }],
  };

  it('reads like its C in the trace: kfree(drv) in mydrv_release, and the checker finds its bug', async () => {
    const dir = (await import('node:fs')).mkdtempSync('/tmp/mmucheck-driver-');
    const path = `${dir}/mine.json`;
    (await import('node:fs')).writeFileSync(path, JSON.stringify(mine));
    const { code, out } = await runCli(['check', path, '--quiet', '--no-color']);
    expect(code).toBe(1);
    expect(out).toContain('VIOLATED  no-use-after-free');
    expect(out).toMatch(/mydrv_release\s+kfree\(drv\)/);
  });

  it.each([
    [{ release: ['kfre'] }, 'listeners[0].driver.hooks.release[0]', 'unknown statement "kfre"', 'did you mean "kfree"'],
    [
      { release: ['mmu_notifier_call_srcu'] },
      'listeners[0].driver.hooks.release[0]',
      'which the script does not define',
      '',
    ],
    [{ release: ['mmu_notifier_put'] }, 'listeners[0].driver.hooks.release[0]', 'set "api": "get-put"', ''],
  ] as const)(
    'refuses a bad script with exit 2 naming file, listener, hook and statement (%#)',
    async (hooks, field, message, hint) => {
      const fs = await import('node:fs');
      const dir = fs.mkdtempSync('/tmp/mmucheck-driver-');
      const path = `${dir}/bad.json`;
      fs.writeFileSync(path, JSON.stringify({ ...mine, listeners: [{ driver: { name: 'mydrv', hooks } }] }));
      const { code, err } = await runCli(['check', path, '--quiet']);
      expect(code).toBe(2);
      expect(err).toContain(`${path}: ${field}: `);
      expect(err).toContain(message);
      if (hint) expect(err).toContain(hint);
      expect(err).not.toMatch(/^\s+at /m);
    },
  );
});
