/**
 * schema/scenario.schema.json and the loader (model/kernel/parseScenario.ts) agree: every bundled
 * scenario is valid under both, every scenario file of the bad-input corpus is refused by both, and
 * so are hand-written variants that break each cross-field rule — except the rules JSON Schema cannot
 * express, listed in the schema's top-level `$comment` and below as LOADER_ONLY. The schema's enums
 * and limits are the model's constants, so they cannot drift apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/InputError.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { KERNEL_PROPERTY_IDS } from '../../model/kernel/PropertyId.js';
import {
  BEHAVIOURS,
  CLASSIC_THREAD_KINDS,
  INTERVAL_ERA,
  INTERVAL_THREAD_KINDS,
  INTERVAL_VERSIONED_FUNCTIONS,
  KERNEL_VERSIONS,
  MIRROR_DRIVERS,
  MIRROR_OPS,
  SRCU_IMPLEMENTATIONS,
  THREAD_KINDS,
  VERSIONED_FUNCTIONS,
} from '../../model/kernel/Scenario.js';
import { LIMITS, parseScenario, parseScenarioText } from '../../model/kernel/parseScenario.js';
import { CLASSIC_HOOKS, MIRROR_HOOKS, STATEMENTS, type StatementOp } from '../../model/kernel/drivers/DriverScript.js';
import { MAX_REPEAT, MAX_STATEMENTS } from '../../model/kernel/drivers/parseStatements.js';
import { atLeast } from '../../model/kernel/versions.js';
import { REPO_ROOT } from '../helpers/runCli.js';

const SCHEMA_FILE = join(REPO_ROOT, 'schema', 'scenario.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
// strictSchema refuses unknown keywords (a misspelt `maxItem` would silently check nothing); the
// cross-field subschemas name properties without repeating their types, hence no strictTypes/strictRequired.
const ajv = new Ajv2020({ strictSchema: true, strictTypes: false, strictRequired: false, allErrors: true });
const validate = ajv.compile(schema);

type Json = Record<string, unknown>;

/** Whether the schema accepts `json`; the errors when it does not, for the failure message. */
function schemaSays(json: unknown): { valid: boolean; why: string } {
  const valid = validate(json);
  return { valid, why: JSON.stringify(validate.errors ?? [], null, 1) };
}

/** The loader's error message for `json`, or undefined when it loads (and its model builds: a mutant's statement is found there). */
function loaderRefuses(json: unknown): string | undefined {
  try {
    buildKernelModel(parseScenario(json, 'variant.json'));
    return undefined;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.message;
  }
}

function expectBothAccept(json: unknown): void {
  const s = schemaSays(json);
  expect(s.valid, s.why).toBe(true);
  expect(loaderRefuses(json)).toBeUndefined();
}

function expectBothRefuse(json: unknown, fragment: string): void {
  expect(loaderRefuses(json)).toContain(fragment);
  expect(schemaSays(json).valid).toBe(false);
}

// ---------------------------------------------------------------------------------------------

const BUNDLED_DIRS = ['examples/scenarios', 'examples/history', 'examples/drivers'];
const BUNDLED = BUNDLED_DIRS.flatMap((d) =>
  readdirSync(join(REPO_ROOT, d))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(d, f)),
);

describe('every bundled scenario', () => {
  it('is found (examples/scenarios, examples/history and examples/drivers)', () => {
    expect(BUNDLED.length).toBeGreaterThanOrEqual(35);
  });

  for (const file of BUNDLED) {
    it(`${file}: names the schema first, is valid under it, and loads`, () => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      const json = JSON.parse(text) as Json;
      expect(Object.keys(json)[0]).toBe('$schema');
      expect(json['$schema']).toBe('../../schema/scenario.schema.json');
      expect(resolve(dirname(join(REPO_ROOT, file)), json['$schema'] as string)).toBe(SCHEMA_FILE);
      const s = schemaSays(json);
      expect(s.valid, s.why).toBe(true);
      expect(() => parseScenarioText(text, file)).not.toThrow();
    });
  }
});

// ---------------------------------------------------------------------------------------------

/**
 * Bad inputs that the schema accepts and only the loader refuses: one rule JSON Schema cannot
 * express each (the schema's `$comment` numbers them the same way).
 */
const LOADER_ONLY_CORPUS: Record<string, string> = {
  // (5) the 30-thread limit counts each group's count, the teardown threads and the SRCU workers.
  'too-many-threads.json': 'at most 30',
};

interface BadCase {
  readonly case: string;
  readonly file?: string;
}
const BAD_DIR = join(REPO_ROOT, 'test', 'fixtures', 'bad');
const BAD_FILES = (JSON.parse(readFileSync(join(BAD_DIR, 'cases.json'), 'utf8')) as BadCase[]).filter(
  (c): c is BadCase & { file: string } => c.file !== undefined,
);

describe('the scenario files of the bad-input corpus', () => {
  it('are found, and every loader-only case is one of them', () => {
    expect(BAD_FILES.length).toBeGreaterThanOrEqual(40);
    for (const file of Object.keys(LOADER_ONLY_CORPUS)) expect(BAD_FILES.map((c) => c.file)).toContain(file);
  });

  for (const c of BAD_FILES) {
    const loaderOnly = LOADER_ONLY_CORPUS[c.file];
    it(`${c.file} (${c.case}): the loader refuses it; ${loaderOnly ? 'the schema cannot' : 'so does the schema'}`, () => {
      const text = readFileSync(join(BAD_DIR, c.file), 'utf8');
      expect(() => parseScenarioText(text, c.file)).toThrow(InputError);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return; // not JSON (or empty): no schema applies, and the loader's refusal is checked above
      }
      expect(loaderRefuses(json)).toContain(loaderOnly ?? '');
      const s = schemaSays(json);
      expect(
        s.valid,
        loaderOnly ? 'a loader-only case that the schema now refuses: drop it from the list' : s.why,
      ).toBe(loaderOnly !== undefined);
    });
  }
});

// ---------------------------------------------------------------------------------------------

const CLASSIC: Json = {
  kernel: 'v3.17',
  listeners: [{ behaviour: 'amdkfd' }],
  threads: [{ kind: 'exit' }],
};
const INTERVAL: Json = {
  kernel: 'v6.6',
  mirrors: [{ driver: 'correct' }],
  threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['insert'] }],
};
const with_ = (base: Json, fields: Json): Json => ({ ...base, ...fields });

describe('hand-written valid scenarios', () => {
  const VALID: Record<string, Json> = {
    'the minimal classic scenario': CLASSIC,
    'the minimal interval scenario': INTERVAL,
    'with $schema': with_(CLASSIC, { $schema: 'https://mmucheck.invalid/schema/scenario.schema.json' }),
    'every classic thread kind, every top-level field': {
      $schema: '../../schema/scenario.schema.json',
      name: 'all-classic',
      description: 'every classic thread kind',
      kernel: 'v5.4',
      functions: { __mmu_notifier_release: 'v3.9', mmu_notifier_unregister: 'v3.8', mmu_notifier_synchronize: 'v5.4' },
      srcu: 'tree-one-cpu-barrier',
      cpus: 4,
      listeners: [
        { behaviour: 'get-put', maps: true, cpu: 3 },
        { behaviour: 'classic', maps: false, cpu: 0 },
      ],
      mirrors: [],
      threads: [
        { kind: 'exit', cpu: 0 },
        { kind: 'reader', cpu: 1, count: 2 },
        { kind: 'reclaimer', cpu: 2, count: 0 },
        { kind: 'module-exit', cpu: 3, synchronize: false },
        { kind: 'get', cpu: 1, count: 1, listener: 0 },
      ],
      properties: ['no-use-after-free', 'release-at-most-once'],
      expect: { verdict: 'violation', property: 'no-code-after-unload' },
    },
    'every interval thread kind': {
      kernel: 'v5.10',
      functions: { mmu_interval_notifier_remove: 'v5.18' },
      cpus: 8,
      listeners: [],
      mirrors: [
        { driver: 'correct', inserted: true },
        { driver: 'doc-no-mmput' },
        { driver: 'no-read-retry' },
        { driver: 'set-seq-before-lock', inserted: false },
      ],
      threads: [
        { kind: 'exit', cpu: 7 },
        { kind: 'invalidator', count: 4 },
        { kind: 'mirror', mirror: 0, ops: ['fault', 'teardown-at-exit'] },
        { kind: 'mirror', mirror: 1, ops: ['insert', 'fault', 'teardown'] },
        { kind: 'mirror', mirror: 3, ops: ['insert', 'teardown'], cpu: 5 },
      ],
      properties: ['no-stale-mapping'],
      expect: { verdict: 'ok' },
    },
    'classic listeners on v6.6, readers only': with_(CLASSIC, {
      kernel: 'v6.6',
      threads: [{ kind: 'exit' }, { kind: 'reader', count: 2 }, { kind: 'reclaimer', count: 0 }],
    }),
    'a thread on the last CPU of the default two': with_(CLASSIC, { threads: [{ kind: 'exit', cpu: 1 }] }),
  };
  for (const [name, json] of Object.entries(VALID)) it(`${name}: accepted by both`, () => expectBothAccept(json));
});

describe('hand-written bad scenarios: refused by both', () => {
  const BAD: [string, Json, string][] = [
    ['$schema not a string', with_(CLASSIC, { $schema: 1 }), '$schema: expected a string'],
    [
      'mirrors and listeners on v5.4',
      with_(INTERVAL, { kernel: 'v5.4', listeners: [{ behaviour: 'amdkfd' }] }),
      'mmu_interval_notifier exists from v5.5',
    ],
    ['mirrors without listeners on v5.4', with_(INTERVAL, { kernel: 'v5.4' }), 'listeners: missing required field'],
    [
      'listeners and mirrors',
      with_(INTERVAL, { listeners: [{ behaviour: 'amdkfd' }] }),
      'classic listeners and interval subscriptions',
    ],
    [
      'neither listeners nor mirrors on v6.6',
      { kernel: 'v6.6', threads: [{ kind: 'exit' }] },
      'expected 1 to 4 mirrors',
    ],
    [
      'an invalidator without mirrors',
      with_(CLASSIC, { kernel: 'v6.6', threads: [{ kind: 'exit' }, { kind: 'invalidator' }] }),
      'belong to the interval-notifier world',
    ],
    [
      'a reader with mirrors',
      with_(INTERVAL, { threads: [...(INTERVAL['threads'] as Json[]), { kind: 'reader' }] }),
      "belong to the classic listeners' world",
    ],
    [
      'a module exit with mirrors',
      with_(INTERVAL, { threads: [...(INTERVAL['threads'] as Json[]), { kind: 'module-exit', synchronize: true }] }),
      "belong to the classic listeners' world",
    ],
    [
      'readers and reclaimers on v6.6',
      with_(CLASSIC, { kernel: 'v6.6', threads: [{ kind: 'exit' }, { kind: 'reader' }, { kind: 'reclaimer' }] }),
      'cannot have both',
    ],
    [
      'a classic versioned function on v6.6',
      with_(CLASSIC, { kernel: 'v6.6', functions: { mmu_notifier_unregister: 'v3.9' } }),
      'the classic versioned functions pick variants up to v5.4',
    ],
    [
      'a classic versioned function with an interval variant',
      with_(CLASSIC, { functions: { mmu_notifier_unregister: 'v5.5' } }),
      'unknown value "v5.5"',
    ],
    [
      'an interval versioned function without mirrors',
      with_(CLASSIC, { kernel: 'v6.6', functions: { mmu_interval_notifier_remove: 'v5.5' } }),
      'the scenario has no mirrors',
    ],
    [
      'an interval versioned function with a classic variant',
      with_(INTERVAL, { functions: { mmu_interval_notifier_remove: 'v5.4' } }),
      'unknown value "v5.4"',
    ],
    [
      'ops out of order',
      with_(INTERVAL, {
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['insert', 'teardown', 'fault'] }],
      }),
      'ops run in the order',
    ],
    [
      'both teardowns',
      with_(INTERVAL, {
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['insert', 'teardown', 'teardown-at-exit'] }],
      }),
      'ops run in the order',
    ],
    [
      'no ops',
      with_(INTERVAL, { threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: [] }] }),
      'expected 1 to 4 entries',
    ],
    [
      'a mirror index out of range',
      with_(INTERVAL, { threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 1, ops: ['insert'] }] }),
      'threads[1].mirror: expected a whole number from 0 to 0',
    ],
    [
      'a mirror task without a mirror',
      with_(INTERVAL, { threads: [{ kind: 'exit' }, { kind: 'mirror', ops: ['insert'] }] }),
      'threads[1].mirror: missing required field',
    ],
    [
      'a thread on CPU 2 of the default two',
      with_(CLASSIC, { threads: [{ kind: 'exit', cpu: 2 }] }),
      'expected a whole number from 0 to 1',
    ],
    [
      'a listener on CPU 3 of 3',
      with_(CLASSIC, { cpus: 3, listeners: [{ behaviour: 'classic', cpu: 3 }] }),
      'expected a whole number from 0 to 2',
    ],
    [
      'no invalidators',
      with_(INTERVAL, { threads: [...(INTERVAL['threads'] as Json[]), { kind: 'invalidator', count: 0 }] }),
      'expected a whole number from 1 to 4',
    ],
    [
      'a get thread without a listener',
      with_(CLASSIC, { threads: [{ kind: 'exit' }, { kind: 'get' }] }),
      'threads[1].listener: missing required field',
    ],
    [
      'an ok verdict with a property',
      with_(CLASSIC, { expect: { verdict: 'ok', property: 'no-leak' } }),
      'unknown field',
    ],
    [
      'a violation without a property',
      with_(CLASSIC, { expect: { verdict: 'violation' } }),
      'expect.property: missing required field',
    ],
    ['no threads', with_(CLASSIC, { threads: [] }), 'expected 1 to 16 entries, got 0'],
    [
      'a driver statement outside the vocabulary',
      with_(CLASSIC, { listeners: [{ driver: { name: 'd', hooks: { release: ['kfre'] } } }] }),
      'unknown statement "kfre"',
    ],
    [
      'a behaviour and a driver on one listener',
      with_(CLASSIC, { listeners: [{ behaviour: 'lazy', driver: { name: 'd', hooks: { release: [] } } }] }),
      'not both',
    ],
    [
      'a driver named like a built-in behaviour',
      with_(CLASSIC, { listeners: [{ driver: { name: 'lazy', hooks: { release: [] } } }] }),
      'is a built-in behaviour',
    ],
    [
      'a driver with neither release nor teardown',
      with_(CLASSIC, { listeners: [{ driver: { name: 'd', hooks: { destroy: ['kfree'] } } }] }),
      'needs "release"',
    ],
    [
      'a destroy hook in a get/put driver',
      with_(CLASSIC, {
        listeners: [{ driver: { name: 'd', api: 'get-put', hooks: { release: [], destroy: ['kfree'] } } }],
      }),
      'write "free_notifier", not "destroy"',
    ],
  ];
  for (const [name, json, fragment] of BAD) it(name, () => expectBothRefuse(json, fragment));
});

/**
 * The rules of the schema's `$comment`, one variant each: the schema accepts them, the loader
 * refuses them. A rule the schema learns to express moves to the list above.
 */
describe('loader-only rules: the schema accepts, the loader refuses', () => {
  const getPut = (behaviour: string, listener: number): Json =>
    with_(CLASSIC, {
      kernel: 'v5.4',
      listeners: [{ behaviour }],
      threads: [{ kind: 'exit' }, { kind: 'get', listener }],
    });
  const LOADER_ONLY: [string, Json, string][] = [
    ['(1) a get thread on a listener index out of range', getPut('get-put', 1), 'expected a whole number from 0 to 0'],
    [
      '(1) a get thread on a listener outside the get/put API',
      getPut('amdkfd', 0),
      'a get thread gets a listener of the get/put API',
    ],
    [
      '(2) an inserted mirror whose task inserts it',
      with_(INTERVAL, { mirrors: [{ driver: 'correct', inserted: true }] }),
      'its task cannot insert it again',
    ],
    [
      '(2) a mirror not inserted whose task does not insert it',
      with_(INTERVAL, { threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['fault'] }] }),
      'its task must begin with "insert"',
    ],
    [
      '(3) two tasks for one mirror',
      with_(INTERVAL, {
        threads: [
          { kind: 'exit' },
          { kind: 'mirror', mirror: 0, ops: ['insert'] },
          { kind: 'mirror', mirror: 0, ops: ['insert'] },
        ],
      }),
      'already has a task',
    ],
    [
      '(4) more than 16 listener objects with the get threads',
      with_(getPut('get-put', 0), {
        listeners: Array.from({ length: 16 }, () => ({ behaviour: 'get-put' })),
      }),
      'at most 16 listener objects',
    ],
    [
      '(6) mmu_notifier_call_srcu without a destroy hook',
      with_(CLASSIC, { listeners: [{ driver: { name: 'd', hooks: { release: ['mmu_notifier_call_srcu'] } } }] }),
      'which the script does not define',
    ],
    [
      '(6) mmu_notifier_put in a driver of api register',
      with_(CLASSIC, { listeners: [{ driver: { name: 'd', hooks: { release: ['mmu_notifier_put'] } } }] }),
      'set "api": "get-put"',
    ],
    [
      '(7) two listeners with one driver name and two scripts',
      with_(CLASSIC, {
        listeners: [
          { driver: { name: 'd', hooks: { release: ['kfree'] } } },
          { driver: { name: 'd', hooks: { release: [] } } },
        ],
      }),
      'a driver name stands for one script',
    ],
    [
      '(8) a goto that does not end its branch',
      with_(INTERVAL, {
        mirrors: [
          { driver: { name: 'm', hooks: { invalidate: [{ if: '!mmget_not_zero', then: [{ goto: 'x' }, 'kfree'] }] } } },
        ],
      }),
      'may only end the branch',
    ],
    [
      '(8) a goto to a label the hook does not have',
      with_(INTERVAL, {
        mirrors: [{ driver: { name: 'm', hooks: { invalidate: [{ if: '!mmget_not_zero', then: [{ goto: 'x' }] }] } } }],
      }),
      'no label "x"',
    ],
    [
      '(8) an unlock where the lock is not held',
      with_(CLASSIC, { listeners: [{ driver: { name: 'd', hooks: { release: ['unlock'] } } }] }),
      'does not hold the lock',
    ],
    [
      '(8) mmu_interval_set_seq outside invalidate',
      with_(INTERVAL, {
        mirrors: [{ driver: { name: 'm', hooks: { invalidate: [], teardown: ['mmu_interval_set_seq'] } } }],
      }),
      'may stand only in "invalidate"',
    ],
    [
      '(9) a fault op for a driver without a fault hook',
      with_(INTERVAL, {
        mirrors: [{ driver: { name: 'm', hooks: { invalidate: [] } } }],
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['insert', 'fault'] }],
      }),
      'has no "fault" hook',
    ],
    [
      '(9) two mirrors with one driver name and two scripts',
      with_(INTERVAL, {
        mirrors: [
          { driver: { name: 'm', hooks: { invalidate: [], fault: [], teardown: ['kfree'] } } },
          { driver: { name: 'm', hooks: { invalidate: [], fault: [], teardown: [] } }, inserted: true },
        ],
      }),
      'a driver name stands for one script',
    ],
    [
      '(10) a mutant whose procedure the model does not have',
      with_(CLASSIC, { mutant: 'no_such_function#0=delete' }),
      'has no procedure no_such_function',
    ],
    [
      '(5) more than 30 threads once the groups are expanded',
      with_(CLASSIC, { threads: [{ kind: 'exit' }, { kind: 'reader', count: 24 }, { kind: 'reclaimer', count: 24 }] }),
      'at most 30 are supported',
    ],
  ];
  for (const [name, json, fragment] of LOADER_ONLY)
    it(name, () => {
      const s = schemaSays(json);
      expect(s.valid, s.why).toBe(true);
      expect(loaderRefuses(json)).toContain(fragment);
    });

  it('the schema lists the same ten rules in its $comment', () => {
    for (let i = 1; i <= 10; i++) expect(schema.$comment).toContain(`(${i})`);
    expect(schema.$comment).not.toContain('(11)');
  });
});

// ---------------------------------------------------------------------------------------------

describe("the schema's enums and limits are the model's", () => {
  const defs = schema.$defs;
  const top = schema.properties;
  const classicVersions = KERNEL_VERSIONS.filter((k) => !atLeast(k, INTERVAL_ERA));
  const intervalVersions = KERNEL_VERSIONS.filter((k) => atLeast(k, INTERVAL_ERA));

  it('kernel versions, and the classic and interval variants of the versioned functions', () => {
    expect(top.kernel.enum).toEqual(KERNEL_VERSIONS);
    expect(defs.classicVersion.enum).toEqual(classicVersions);
    expect(defs.intervalVersion.enum).toEqual(intervalVersions);
    expect(Object.keys(top.functions.properties)).toEqual([...VERSIONED_FUNCTIONS, ...INTERVAL_VERSIONED_FUNCTIONS]);
    for (const f of VERSIONED_FUNCTIONS) expect(top.functions.properties[f].$ref).toBe('#/$defs/classicVersion');
    for (const f of INTERVAL_VERSIONED_FUNCTIONS)
      expect(top.functions.properties[f].$ref).toBe('#/$defs/intervalVersion');
  });

  it('behaviours, mirror drivers, mirror ops, SRCU implementations, property ids, thread kinds', () => {
    expect(defs.listener.properties.behaviour.enum).toEqual(BEHAVIOURS);
    expect(defs.mirror.properties.driver.anyOf[0].enum).toEqual(MIRROR_DRIVERS);
    expect(defs.mirrorDriver.properties.name.not.enum).toEqual(MIRROR_DRIVERS);
    expect(defs.driver.properties.name.not.enum).toEqual(BEHAVIOURS);
    expect(defs.mirrorThread.properties.ops.items.enum).toEqual(MIRROR_OPS);
    expect(top.srcu.enum).toEqual(SRCU_IMPLEMENTATIONS);
    expect(defs.propertyId.enum).toEqual(KERNEL_PROPERTY_IDS);
    expect(defs.thread.properties.kind.enum).toEqual(THREAD_KINDS);
    for (const k of THREAD_KINDS) expect(defs[`${k}Thread`].properties.kind.const).toBe(k);
  });

  it('the driver vocabulary: statements and tests of each world, hooks, own statements, limits', () => {
    const ops = Object.keys(STATEMENTS) as StatementOp[];
    const of = (world: string, use: string) =>
      ops.filter((op) => (STATEMENTS[op].worlds as readonly string[]).includes(world) && STATEMENTS[op].use === use);
    expect(defs.classicOp.enum).toEqual(of('classic', 'statement'));
    expect(defs.intervalOp.enum).toEqual(of('interval', 'statement'));
    expect(of('classic', 'condition')).toEqual([]);
    const tests = of('interval', 'condition');
    expect(defs.intervalTest.enum).toEqual([...tests, ...tests.map((t) => `!${t}`)]);
    const own = (world: string) =>
      defs[`${world}Statement`].anyOf.find((a: Json) => (a['required'] as string[] | undefined)?.includes('c'))
        .properties.do.enum;
    expect(own('classic')).toEqual(of('classic', 'statement').filter((op) => 'own' in STATEMENTS[op]));
    expect(own('interval')).toEqual(of('interval', 'statement').filter((op) => 'own' in STATEMENTS[op]));
    expect(Object.keys(defs.driver.properties.hooks.properties)).toEqual(CLASSIC_HOOKS);
    expect(Object.keys(defs.driver.properties.functions.properties)).toEqual(CLASSIC_HOOKS);
    expect(Object.keys(defs.mirrorDriver.properties.hooks.properties)).toEqual(MIRROR_HOOKS);
    expect(Object.keys(defs.mirrorDriver.properties.functions.properties)).toEqual(MIRROR_HOOKS);
    for (const hook of CLASSIC_HOOKS)
      expect(defs.driver.properties.hooks.properties[hook].maxItems).toBe(MAX_STATEMENTS);
    for (const hook of MIRROR_HOOKS)
      expect(defs.mirrorDriver.properties.hooks.properties[hook].maxItems).toBe(MAX_STATEMENTS);
    const repeat = defs.classicStatement.anyOf.find(
      (a: Json) => 'repeat' in ((a['properties'] as Json | undefined) ?? {}),
    );
    expect(repeat.properties.repeat.maximum).toBe(MAX_REPEAT);
  });

  it("the era rule's thread kinds", () => {
    const era = schema.allOf.find((a: Json) => 'else' in a);
    expect(new Set(era.then.properties.threads.items.properties.kind.not.enum)).toEqual(CLASSIC_THREAD_KINDS);
    expect(new Set(era.else.properties.threads.items.properties.kind.not.enum)).toEqual(INTERVAL_THREAD_KINDS);
    expect(era.then.properties.kernel.enum).toEqual(intervalVersions);
  });

  it('limits: cpus, listeners, mirrors, threads, counts, properties', () => {
    expect(top.cpus.maximum).toBe(LIMITS.cpus);
    expect(defs.listener.properties.cpu.maximum).toBe(LIMITS.cpus - 1);
    expect(top.listeners.maxItems).toBe(LIMITS.listeners);
    expect(top.mirrors.maxItems).toBe(LIMITS.mirrors);
    expect(defs.mirrorThread.properties.mirror.maximum).toBe(LIMITS.mirrors - 1);
    expect(defs.getThread.properties.listener.maximum).toBe(LIMITS.listeners - 1);
    for (const k of ['reader', 'reclaimer', 'get'])
      expect(defs[`${k}Thread`].properties.count.maximum).toBe(LIMITS.threadsPerGroup);
    expect(defs.invalidatorThread.properties.count.maximum).toBe(LIMITS.invalidators);
    expect(top.properties.maxItems).toBe(KERNEL_PROPERTY_IDS.length);
    // One "cpu below cpus" clause per value of cpus but the largest.
    expect(Object.keys(defs).filter((d) => d.startsWith('cpusBelow'))).toHaveLength(LIMITS.cpus - 1);
  });

  it("the defaults are the loader's", () => {
    const classic = parseScenario(
      with_(CLASSIC, {
        kernel: 'v5.4',
        listeners: [{ behaviour: 'get-put' }],
        threads: [{ kind: 'exit' }, { kind: 'reader' }, { kind: 'get', listener: 0 }],
      }),
      'x.json',
    );
    expect(classic.cpus).toBe(top.cpus.default);
    expect(classic.srcu).toBe(top.srcu.default);
    expect(classic.description).toBe(top.description.default);
    expect(classic.listeners[0]!.maps).toBe(defs.listener.properties.maps.default);
    expect(classic.listeners[0]!.cpu).toBe(defs.listener.properties.cpu.default);
    expect(classic.threads[0]!.cpu).toBe(defs.exitThread.properties.cpu.default);
    for (const t of classic.threads.slice(1))
      expect('count' in t && t.count).toBe(defs[`${t.kind}Thread`].properties.count.default);
    const interval = parseScenario(with_(INTERVAL, { threads: [{ kind: 'exit' }, { kind: 'invalidator' }] }), 'x.json');
    expect(interval.mirrors[0]!.inserted).toBe(defs.mirror.properties.inserted.default);
    expect('count' in interval.threads[1]! && interval.threads[1].count).toBe(
      defs.invalidatorThread.properties.count.default,
    );
  });

  it('the ops sequences: the schema accepts exactly those the loader accepts, among every list of up to 4 ops', () => {
    let lists: string[][] = [[]];
    const all: string[][] = [];
    for (let n = 1; n <= MIRROR_OPS.length; n++) {
      lists = lists.flatMap((l) => MIRROR_OPS.map((op) => [...l, op]));
      all.push(...lists);
    }
    const scenario = (ops: string[]): Json =>
      with_(INTERVAL, {
        mirrors: [{ driver: 'correct', inserted: ops[0] !== 'insert' }],
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops }],
      });
    const byLoader = all.filter((ops) => loaderRefuses(scenario(ops)) === undefined);
    const bySchema = all.filter((ops) => schemaSays(scenario(ops)).valid);
    expect(byLoader).toHaveLength(11);
    expect(bySchema).toEqual(byLoader);
    expect(existsSync(SCHEMA_FILE)).toBe(true);
  });
});
