/**
 * Reading scenarios: defaults, every field as written, and errors that carry the file and the field
 * as values (the CLI's bad-input corpus in test/fixtures/bad checks the messages end to end).
 */
import { BUILTIN_MIRROR_DRIVERS } from '../../../model/kernel/drivers/builtinMirrorDrivers.js';
import { BUILTIN_DRIVERS } from '../../../model/kernel/drivers/builtinDrivers.js';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseScenario, parseScenarioText, threadLimitExceeded, LIMITS } from '../../../model/kernel/parseScenario.js';
import {
  bundledScenarioDir,
  bundledScenarioNames,
  loadScenario,
  loadScenarioFile,
} from '../../../model/kernel/loadScenario.js';
import { layoutThreads } from '../../../model/kernel/layoutThreads.js';
import { InputError } from '../../../model/InputError.js';
import { DEFAULT_PROPERTY_IDS } from '../../../properties/catalog.js';

const minimal = { kernel: 'v3.17', listeners: [{ behaviour: 'amdkfd' }], threads: [{ kind: 'exit' }] };

/** The InputError that parsing `json` throws, as { file, field, message }. */
function errorOf(json: unknown, file = 'my.json'): { file?: string; field?: string; message: string } {
  try {
    parseScenario(json, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      ...(e.file === undefined ? {} : { file: e.file }),
      ...(e.field === undefined ? {} : { field: e.field }),
      message: e.message,
    };
  }
  throw new Error('expected an InputError');
}

describe('parseScenario', () => {
  it('fills the defaults of a minimal scenario', () => {
    expect(parseScenario(minimal, 'dir/minimal.json')).toEqual({
      name: 'minimal',
      description: '',
      kernel: 'v3.17',
      functions: {},
      srcu: 'classic',
      cpus: 2,
      listeners: [{ behaviour: 'amdkfd', driver: BUILTIN_DRIVERS.amdkfd, maps: false, cpu: 0 }],
      threads: [{ kind: 'exit', cpu: 0 }],
      mirrors: [],
      properties: DEFAULT_PROPERTY_IDS.filter((id) => id !== 'no-stale-mapping'),
    });
  });

  it('reads every field as written', () => {
    const s = parseScenario(
      {
        name: 'mine',
        description: 'two listeners on tree SRCU',
        kernel: 'v3.17',
        functions: { __mmu_notifier_release: 'v3.10' },
        srcu: 'tree',
        cpus: 3,
        listeners: [
          { behaviour: 'amdkfd', maps: true },
          { behaviour: 'deferred', cpu: 2 },
        ],
        threads: [
          { kind: 'exit', cpu: 1 },
          { kind: 'reader', count: 2, cpu: 2 },
          { kind: 'reclaimer' },
          { kind: 'module-exit', synchronize: false },
        ],
        properties: ['no-leak', 'no-deadlock'],
        expect: { verdict: 'violation', property: 'no-leak' },
      },
      'x.json',
    );
    expect(s).toEqual({
      name: 'mine',
      description: 'two listeners on tree SRCU',
      kernel: 'v3.17',
      functions: { __mmu_notifier_release: 'v3.10' },
      srcu: 'tree',
      cpus: 3,
      listeners: [
        { behaviour: 'amdkfd', driver: BUILTIN_DRIVERS.amdkfd, maps: true, cpu: 0 },
        { behaviour: 'deferred', driver: BUILTIN_DRIVERS.deferred, maps: false, cpu: 2 },
      ],
      threads: [
        { kind: 'exit', cpu: 1 },
        { kind: 'reader', cpu: 2, count: 2 },
        { kind: 'reclaimer', cpu: 0, count: 1 },
        { kind: 'module-exit', cpu: 0, synchronize: false },
      ],
      mirrors: [],
      properties: ['no-leak', 'no-deadlock'],
      expect: { verdict: 'violation', property: 'no-leak' },
    });
  });

  it('reads an interval-era scenario: mirrors instead of listeners, and its own default properties', () => {
    const s = parseScenario(
      {
        kernel: 'v5.18',
        mirrors: [{ driver: 'correct', inserted: true }, { driver: 'no-read-retry' }],
        threads: [
          { kind: 'invalidator', count: 2, cpu: 1 },
          { kind: 'mirror', mirror: 0, ops: ['fault', 'teardown'] },
          { kind: 'mirror', mirror: 1, ops: ['insert', 'fault'], cpu: 1 },
          { kind: 'exit' },
        ],
      },
      'm.json',
    );
    expect(s.listeners).toEqual([]);
    expect(s.mirrors).toEqual([
      { driver: 'correct', script: BUILTIN_MIRROR_DRIVERS.correct, inserted: true },
      { driver: 'no-read-retry', script: BUILTIN_MIRROR_DRIVERS['no-read-retry'], inserted: false },
    ]);
    expect(s.threads[0]).toEqual({ kind: 'invalidator', cpu: 1, count: 2 });
    expect(s.threads[1]).toEqual({ kind: 'mirror', cpu: 0, mirror: 0, ops: ['fault', 'teardown'] });
    expect(s.properties).toEqual([
      'no-callback-on-freed',
      'no-use-after-free',
      'no-bug-on',
      'list-integrity',
      'no-stale-mapping',
      'no-leak',
      'no-deadlock',
      'callbacks-run',
      'waits-return',
      'threads-finish',
      'mm-freed',
    ]);
  });

  it.each([
    [{ kernel: 'v5.4', mirrors: [{ driver: 'correct' }] }, 'mirrors', 'mmu_interval_notifier exists from v5.5'],
    [
      { kernel: 'v6.6', mirrors: [{ driver: 'correct' }] },
      'listeners',
      'classic listeners and interval subscriptions (mirrors) in one scenario are not modelled yet',
    ],
    [
      { kernel: 'v6.6', listeners: undefined, mirrors: [] },
      'mirrors',
      'expected 1 to 4 mirrors, or classic listeners, on v6.6',
    ],
    [
      {
        kernel: 'v6.6',
        listeners: undefined,
        mirrors: [{ driver: 'correct' }],
        threads: [{ kind: 'exit' }, { kind: 'reader' }],
      },
      'threads[1].kind',
      '"reader" threads belong to the classic listeners\' world',
    ],
    [
      { kernel: 'v3.17', threads: [{ kind: 'exit' }, { kind: 'invalidator' }] },
      'threads[1].kind',
      '"invalidator" threads belong to the interval-notifier world',
    ],
    [
      {
        kernel: 'v6.6',
        listeners: undefined,
        mirrors: [{ driver: 'correct' }],
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['fault'] }],
      },
      'threads[1].ops',
      'must begin with "insert"',
    ],
    [
      {
        kernel: 'v6.6',
        listeners: undefined,
        mirrors: [{ driver: 'correct' }],
        threads: [{ kind: 'exit' }, { kind: 'mirror', mirror: 0, ops: ['insert', 'teardown', 'fault'] }],
      },
      'threads[1].ops[2]',
      'ops run in the order insert, fault, then teardown or teardown-at-exit',
    ],
    [
      {
        kernel: 'v6.6',
        listeners: undefined,
        mirrors: [{ driver: 'correct', inserted: true }],
        threads: [
          { kind: 'exit' },
          { kind: 'mirror', mirror: 0, ops: ['fault'] },
          { kind: 'mirror', mirror: 0, ops: ['teardown'] },
        ],
      },
      'threads[2].mirror',
      'mirror 0 already has a task',
    ],
    [
      { kernel: 'v6.6', listeners: undefined, mirrors: [{ driver: 'corect' }] },
      'mirrors[0].driver',
      'did you mean "correct"',
    ],
  ])("refuses a scenario outside its kernel's world (%#)", (fields, field, message) => {
    const e = errorOf({ ...minimal, ...fields });
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
  });

  it('accepts an expectation that all properties hold, and nothing beside its verdict', () => {
    expect(parseScenario({ ...minimal, expect: { verdict: 'ok' } }, 'x.json').expect).toEqual({ verdict: 'ok' });
    expect(errorOf({ ...minimal, expect: { verdict: 'ok', property: 'no-leak' } })).toMatchObject({
      field: 'expect.property',
    });
  });

  it('reports errors with the file and the field as values, and both in the message', () => {
    expect(errorOf({ ...minimal, listeners: [{ behavior: 'amdkfd' }] })).toEqual({
      file: 'my.json',
      field: 'listeners[0].behavior',
      message:
        'my.json: listeners[0].behavior: unknown field; expected one of behaviour, driver, maps, cpu (did you mean "behaviour"?)',
    });
  });

  it('reports the first error in field order', () => {
    expect(errorOf({ kernel: 'v9', listeners: [{ behaviour: 'x' }], threads: [] }).field).toBe(
      'listeners[0].behaviour',
    );
  });

  it('counts every thread the model will run, teardown threads and SRCU workers included, against the limit', () => {
    const many = { ...minimal, srcu: 'tree', cpus: 8, threads: [{ kind: 'exit' }, { kind: 'reader', count: 22 }] };
    expect(errorOf(many)).toEqual({
      file: 'my.json',
      field: 'threads',
      message:
        'my.json: threads: 31 threads in all, counting driver teardown threads and SRCU workers; at most 30 are supported',
    });
    const fits = parseScenario({ ...many, threads: [{ kind: 'exit' }, { kind: 'reader', count: 21 }] }, 'x.json');
    expect(layoutThreads(fits)).toHaveLength(LIMITS.threads);
    expect(threadLimitExceeded(fits)).toBeUndefined();
  });
});

describe('parseScenarioText', () => {
  it('names the file of an empty or malformed text', () => {
    expect(() => parseScenarioText(' \n', 'e.json')).toThrow(
      'e.json: the file is empty; expected a JSON scenario object',
    );
    expect(() => parseScenarioText('{"kernel": ', 'm.json')).toThrow(/^m\.json: not valid JSON: /);
  });
});

describe('loadScenario', () => {
  it('reads every bundled scenario, named after its file, with an expectation', () => {
    for (const name of bundledScenarioNames()) {
      const s = loadScenario(name);
      expect(s.name).toBe(name);
      expect(s.expect).toBeDefined();
    }
  });

  it('takes anything with a slash or ending in .json as a path', () => {
    const path = join(bundledScenarioDir(), 'seed.json');
    expect(loadScenario(path)).toEqual(loadScenario('seed'));
    expect(loadScenarioFile(path).name).toBe('seed');
    expect(() => loadScenario('seed.json')).toThrow(/seed\.json: cannot read the scenario file: no such file/);
  });

  it('refuses an unknown name with the bundled names and the closest one', () => {
    expect(() => loadScenario('tree-barier')).toThrow(
      /unknown scenario "tree-barier"; expected one of .* \(did you mean "tree-barrier"\?\), or a path to a scenario file/,
    );
  });
});
