/**
 * Driver scripts beyond straight lines: the mirror drivers as scripts (each examples/drivers/mirror-*
 * file against its built-in twin), tests with a closing goto or return, the driver's own lock and
 * module reference in classic drivers, `invalidate_range_start`, and every way a script's control
 * flow is refused — with the field of the statement at fault.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../../checker/check.js';
import { verdictSummary } from '../../helpers/outcomeSummary.js';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { parseScenario } from '../../../model/kernel/parseScenario.js';
import { InputError } from '../../../model/InputError.js';
import { MIRROR_DRIVERS, type KernelVersion } from '../../../model/kernel/Scenario.js';
import { BUILTIN_MIRROR_DRIVERS } from '../../../model/kernel/drivers/builtinMirrorDrivers.js';
import { applyOverrides } from '../../../cli/applyOverrides.js';
import { renderSteps } from '../../../checker/renderSteps.js';
import { runCli } from '../../helpers/runCli.js';

type Json = Record<string, unknown>;

const summary = verdictSummary;

function run(json: Json, kernel?: KernelVersion) {
  const s = parseScenario(json, 'x.json');
  const model = buildKernelModel(kernel ? applyOverrides(s, { kernel }) : s);
  return { model, outcome: check(model) };
}

const mirrorFile = (d: string) => JSON.parse(readFileSync(`examples/drivers/mirror-${d}.json`, 'utf8')) as Json;

describe('every built-in mirror driver as a script', () => {
  it.each(MIRROR_DRIVERS.map((d) => [d]))('%s: the same hooks, verdict, length and counts, on v5.5 and v6.6', (d) => {
    const json = mirrorFile(d);
    const parsed = parseScenario(json, 'x.json');
    expect(parsed.mirrors[0]!.script.hooks).toEqual(BUILTIN_MIRROR_DRIVERS[d].hooks);
    const twin = { ...json, mirrors: (json['mirrors'] as Json[]).map((m) => ({ ...m, driver: d })) };
    for (const kernel of ['v5.5', 'v6.6'] as const)
      expect(summary(run(json, kernel).outcome)).toEqual(summary(run(twin, kernel).outcome));
    const e = json['expect'] as { verdict: string; property?: string };
    expect(summary(run(json).outcome).verdict).toBe(e.verdict === 'ok' ? 'ok' : e.property);
  });
});

/** A mirror scenario whose driver is `hooks` (over the correct driver's), with the bundled threads of hmm-mirror. */
function mirrorWith(hooks: Json, extra: Json = {}): Json {
  const base = mirrorFile('correct');
  const driver = (base['mirrors'] as Json[])[0]!['driver'] as Json;
  return {
    ...base,
    expect: undefined,
    mirrors: [{ driver: { ...driver, name: 'mine', ...extra, hooks: { ...(driver['hooks'] as Json), ...hooks } } }],
  };
}

describe('a mirror driver of your own', () => {
  it('reads as its own C: a spinlock, its own object, its own function names', () => {
    const json = mirrorWith(
      { invalidate: ['mmu_interval_set_seq', { do: 'clear_mapping', c: 'mydev_unmap(dev);' }] },
      {
        object: 'dev',
        lock: 'spinlock',
        functions: { invalidate: 'mydev_invalidate', fault: 'mydev_fault', teardown: 'mydev_release' },
      },
    );
    const { model, outcome } = run(json);
    expect(outcome.kind).toBe('violation');
    if (outcome.kind !== 'violation') return;
    expect(outcome.violations[0]!.propertyId).toBe('no-stale-mapping');
    const steps = renderSteps(model, outcome.trace);
    const text = steps.map((s) => `${s.fn}: ${s.code}`);
    expect(text).toContain('mydev_fault: spin_lock(&dev->lock);');
    expect(text).toContain('mydev_invalidate: mydev_unmap(dev);');
    expect(text).toContain('mydev_fault: if (mmu_interval_read_retry(range->notifier, range->notifier_seq))');
    expect(text).toContain('mydev_fault: if (!mmget_not_zero(mm)) return;');
  });

  it('a repetition is its body that many times: two faults in a row hold, in more states', () => {
    const fault = (mirrorWith({})['mirrors'] as Json[])[0]!['driver'] as { hooks: { fault: unknown[] } };
    const once = summary(run(mirrorWith({})).outcome);
    // Read twice before mapping: the second read is the one mapped; still correct.
    const twice = mirrorWith({
      fault: [
        fault.hooks.fault[0],
        { label: 'again' },
        { repeat: 2, body: ['mmu_interval_read_begin', fault.hooks.fault[3]] },
        ...fault.hooks.fault.slice(4),
      ],
    });
    const r = summary(run(twice).outcome);
    expect(r.verdict).toBe('ok');
    expect(r.distinct).toBeGreaterThan(once.distinct);
  });
});

describe('a classic driver with a lock, a module reference, and invalidate_range_start', () => {
  const scenario = (hooks: Json, threads: unknown[], extra: Json = {}): Json => ({
    kernel: 'v3.17',
    listeners: [{ driver: { name: 'kvmlike', object: 'kvm', hooks, ...extra }, cpu: 1 }],
    threads: [{ kind: 'exit' }, ...threads],
  });

  it('unregister under the lock ->release takes: the teardown waits for itself (no-deadlock), in 9 steps', () => {
    const json = scenario(
      { release: ['lock', 'zap_sptes', 'unlock'], teardown: ['lock', 'mmu_notifier_unregister', 'unlock', 'kfree'] },
      [],
      { lock: 'spinlock' },
    );
    expect(summary(run(json).outcome)).toEqual({
      verdict: 'no-deadlock',
      length: 9,
      distinct: 38,
      generated: 59,
      depth: 9,
    });
    // Released before unregistering, the same driver is correct.
    const fixed = scenario(
      { release: ['lock', 'zap_sptes', 'unlock'], teardown: ['mmu_notifier_unregister', 'kfree'] },
      [],
    );
    expect(run(fixed).outcome.kind).toBe('ok');
  });

  it('invalidate_range_start takes the lock the teardown holds across unregister: an SRCU reader blocks the grace period (no-deadlock)', () => {
    const json = scenario(
      {
        release: [],
        invalidate_range_start: ['lock', 'zap_sptes', 'unlock'],
        teardown: ['lock', 'mmu_notifier_unregister', 'unlock', 'kfree'],
      },
      [{ kind: 'reader', cpu: 1 }],
    );
    const { model, outcome } = run(json);
    expect(summary(outcome)).toEqual({
      verdict: 'no-deadlock',
      length: 17,
      distinct: 1182,
      generated: 2674,
      depth: 17,
    });
    if (outcome.kind !== 'violation') return;
    const steps = renderSteps(model, outcome.trace).map((s) => `${s.thread} ${s.fn}: ${s.code}`);
    expect(steps).toContain(
      'reader0 __mmu_notifier_invalidate_range_start: mn->ops->invalidate_range_start(mn, mm, start, end)',
    );
    expect(steps).toContain('teardown-L0 kvmlike_teardown: mutex_lock(&kvm->mutex)');
    // Without a body for the method, nothing waits for the lock: it holds.
    const hooks = (json['listeners'] as { driver: { hooks: Json } }[])[0]!.driver.hooks;
    const empty = {
      ...json,
      listeners: [
        { driver: { name: 'kvmlike', object: 'kvm', hooks: { ...hooks, invalidate_range_start: [] } }, cpu: 1 },
      ],
    };
    expect(run(empty).outcome.kind).toBe('ok');
  });

  it('module_put before the teardown is done: module exit frees the code that still runs (no-code-after-unload)', () => {
    const exit = [{ kind: 'module-exit', cpu: 0, synchronize: true }];
    const early = scenario({ release: [], teardown: ['module_put', 'mmu_notifier_unregister', 'kfree'] }, exit);
    expect(summary(run(early).outcome).verdict).toBe('no-code-after-unload');
    // The put as the teardown's last statement: the module cannot go before the rest has run.
    const last = scenario({ release: [], teardown: ['mmu_notifier_unregister', 'kfree', 'module_put'] }, exit);
    expect(summary(run(last).outcome).verdict).toBe('ok');
    // Under ->release, SRCU protects the lines after an early put: srcu_barrier in module exit waits for them.
    const underSrcu = scenario(
      {
        release: ['mmu_notifier_unregister_no_release', 'mmu_notifier_call_srcu', 'module_put', 'zap_sptes'],
        destroy: ['kfree'],
      },
      exit,
    );
    expect(summary(run(underSrcu).outcome).verdict).toBe('ok');
  });

  it('a second module_put underflows the module count (no-bug-on)', () => {
    const json = scenario(
      { release: ['module_put', 'zap_sptes'], teardown: ['mmu_notifier_unregister', 'module_put', 'kfree'] },
      [],
    );
    expect(summary(run(json).outcome).verdict).toBe('no-bug-on');
  });
});

/** The InputError that parsing `json` throws. */
function refusal(json: Json): { field: string; message: string } {
  try {
    parseScenario(json, 'bad.json');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { field: e.field ?? '', message: e.message };
  }
  throw new Error('expected an InputError');
}

describe('bad control flow is refused, naming the statement', () => {
  const classic = (hooks: Json): Json => ({
    kernel: 'v3.17',
    listeners: [{ driver: { name: 'mydrv', hooks } }],
    threads: [{ kind: 'exit' }],
  });
  const D = 'mirrors[0].driver.hooks';
  it.each([
    [classic({ release: ['mmu_interval_read_begin'] }), 'listeners[0].driver.hooks.release[0]', 'an interval call'],
    [
      mirrorWith({ teardown: ['mmu_notifier_unregister'] }),
      `${D}.teardown[0]`,
      'belongs to a classic mmu_notifier listener',
    ],
    [classic({ release: ['unlock'] }), 'listeners[0].driver.hooks.release[0]', 'does not hold the lock'],
    [classic({ release: ['lock', 'zap_sptes'] }), 'listeners[0].driver.hooks.release[1]', 'still held'],
    [
      mirrorWith({ fault: ['mmu_interval_read_begin', { if: 'hmm_range_fault', then: [{ goto: 'agian' }] }] }),
      `${D}.fault[1].then[0].goto`,
      'no label "agian"',
    ],
    [mirrorWith({ fault: [{ goto: 'x' }] }), `${D}.fault[0]`, 'may only end the branch'],
    [mirrorWith({ fault: ['return'] }), `${D}.fault[0]`, 'may only end the branch'],
    [
      mirrorWith({ fault: [{ if: 'mmu_interval_read_retry', then: [{ label: 'x' }] }] }),
      `${D}.fault[0].then[0]`,
      'a label stands in the hook itself',
    ],
    [
      mirrorWith({ fault: [{ if: 'mmu_interval_read_retry', then: ['lock'] }] }),
      `${D}.fault[0]`,
      'put mmu_interval_read_begin before it',
    ],
    [
      mirrorWith({ fault: ['mmu_interval_read_begin', { if: 'hmm_range_fault', then: ['lock', 'unlock'] }] }),
      `${D}.fault[1].then`,
      'must end with a goto',
    ],
    [
      mirrorWith({
        fault: [{ label: 'again' }, { if: 'mmget_not_zero', then: [{ goto: 'again' }] }],
      }),
      `${D}.fault[1]`,
      'changes a reference count inside the loop',
    ],
    [
      mirrorWith({
        fault: [
          'mmu_interval_read_begin',
          { label: 'a' },
          'lock',
          { if: 'mmu_interval_read_retry', then: [{ goto: 'a' }] },
          'unlock',
        ],
      }),
      `${D}.fault[1]`,
      'held on one path',
    ],
    [mirrorWith({ fault: ['mmu_interval_set_seq'] }), `${D}.fault[0]`, 'may stand only in "invalidate"'],
    [mirrorWith({ fault: ['hmm_range_fault'] }), `${D}.fault[0]`, 'is a test'],
    [mirrorWith({ fault: [{ if: 'kfree', then: ['return'] }] }), `${D}.fault[0].if`, 'is a statement, not a test'],
    [
      mirrorWith({ fault: [{ if: '!mmget_not_zer', then: ['return'] }] }),
      `${D}.fault[0].if`,
      'did you mean "mmget_not_zero"',
    ],
    [
      mirrorWith({ teardown: [{ do: 'kfree', c: 'free(x);' }] }),
      `${D}.teardown[0].c`,
      "only the driver's own statements",
    ],
    [mirrorWith({ teardown: [{ repeat: 5, body: ['kfree'] }] }), `${D}.teardown[0].repeat`, 'from 1 to 4'],
    [mirrorWith({ invalidate: undefined }), D, 'needs "invalidate"'],
    [{ ...mirrorWith({ fault: undefined }) }, 'threads[0].ops[1]', 'has no "fault" hook'],
    [mirrorWith({}, { name: 'correct' }), 'mirrors[0].driver.name', 'built-in mirror driver'],
  ] as const)('%# refuses it at the statement', (json, field, message) => {
    const r = refusal(json as Json);
    expect(r.field).toBe(field);
    expect(r.message).toContain(message);
  });
});

describe('a scripted driver in every format', () => {
  it.each(['text', 'json', 'itf', 'sarif', 'dot', 'html'])(
    '%s: the scripted mirror no-read-retry reports its violation, and its saved trace replays',
    async (format) => {
      const fs = await import('node:fs');
      const dir = fs.mkdtempSync('/tmp/mmucheck-driver-');
      const out = `${dir}/report.${format}`;
      const { code } = await runCli([
        'check',
        'examples/drivers/mirror-no-read-retry.json',
        '--format',
        format,
        '--out',
        out,
      ]);
      expect(code).toBe(1);
      const text = fs.readFileSync(out, 'utf8');
      expect(text).toContain('no-stale-mapping');
      if (format === 'json') {
        const report = JSON.parse(text) as { scenario: { mirrors: { driver: { name: string } }[] } };
        expect(report.scenario.mirrors[0]!.driver.name).toBe('dmirror-no-read-retry');
      }
      if (format === 'itf') {
        const replayed = await runCli(['replay', out]);
        expect(replayed.out + replayed.err).toContain('no-stale-mapping');
        expect(replayed.code).toBe(0);
      }
    },
  );
});
