/**
 * Reads and validates a scenario (JSON): every field is checked, unknown ones are refused with the
 * closest valid name, and every error names the file and the field.
 */
import { InputError } from '../InputError.js';
import { capText, quoteValue } from '../safeText.js';
import { join, Reader, type Json, type Obj } from './JsonReader.js';
import { parseDriver } from './drivers/parseDriver.js';
import { BUILTIN_DRIVERS } from './drivers/builtinDrivers.js';
import { BUILTIN_MIRROR_DRIVERS } from './drivers/builtinMirrorDrivers.js';
import { MUTATION_ID_FORM, parseMutationId } from './mutation/Mutation.js';
import type { DriverScript } from './drivers/DriverScript.js';
import { KERNEL_PROPERTY_IDS as PROPERTY_IDS } from './PropertyId.js';
import {
  BEHAVIOURS,
  GET_PUT_BEHAVIOURS,
  INTERVAL_VERSIONED_FUNCTIONS,
  KERNEL_VERSIONS,
  MIRROR_DRIVERS,
  MIRROR_OPS,
  SRCU_IMPLEMENTATIONS,
  THREAD_KINDS,
  VERSIONED_FUNCTIONS,
  type Expectation,
  type KernelVersion,
  type VersionedFunction,
  type ListenerConfig,
  type MirrorConfig,
  type MirrorOp,
  type Scenario,
  type ThreadConfig,
} from './Scenario.js';
import { layoutThreads } from './layoutThreads.js';
import { defaultProperties, eraMismatch, isIntervalEra } from './era.js';

/** Limits that keep a scenario within what the model encodes (bitmasks of threads and listeners). */
export const LIMITS = {
  cpus: 8,
  listeners: 16,
  mirrors: 4,
  invalidators: 4,
  threadsPerGroup: 24,
  threads: 30,
} as const;

const TOP = [
  'name',
  'description',
  'kernel',
  'functions',
  'srcu',
  'cpus',
  'listeners',
  'mirrors',
  'threads',
  'properties',
  'expect',
  'mutant',
] as const;

function listener(r: Reader, v: Json, field: string, cpus: number): ListenerConfig {
  const o = r.object(v, field, ['behaviour', 'driver', 'maps', 'cpu']);
  if (o['behaviour'] !== undefined && o['driver'] !== undefined)
    r.fail(field, 'a listener has a "behaviour" (built in) or a "driver" (a script), not both');
  let driver: DriverScript;
  if (o['driver'] !== undefined) driver = parseDriver(r, o['driver'], join(field, 'driver'), 'classic', BEHAVIOURS);
  else {
    const b = r.oneOf(r.required(o, field, 'behaviour'), join(field, 'behaviour'), BEHAVIOURS);
    driver = BUILTIN_DRIVERS[b];
  }
  return {
    behaviour: driver.name,
    driver,
    maps: o['maps'] === undefined ? false : r.bool(o['maps'], join(field, 'maps')),
    cpu: o['cpu'] === undefined ? 0 : r.int(o['cpu'], join(field, 'cpu'), 0, cpus - 1),
  };
}

/** The `listener` of a get thread: a listener of the v5.4 get/put API, whose ops it gets. */
function getTarget(r: Reader, o: Obj, field: string, listeners: readonly ListenerConfig[]): number {
  const i = r.int(r.required(o, field, 'listener'), join(field, 'listener'), 0, listeners.length - 1);
  const { behaviour: b, driver } = listeners[i]!;
  if (driver.api !== 'get-put')
    r.fail(
      join(field, 'listener'),
      `listener ${i} is "${b}"; a get thread gets a listener of the get/put API (${[...GET_PUT_BEHAVIOURS].join(', ')}, or a driver with "api": "get-put")`,
    );
  return i;
}

/** Refuses two entries of `list` (the `field` list's drivers, by name) with one name and two scripts. */
function oneScriptPerName(r: Reader, field: string, list: readonly (readonly [string, DriverScript])[]): void {
  list.forEach(([name, script], i) => {
    const first = list.findIndex(([n]) => n === name);
    if (first < i && JSON.stringify(list[first]![1]) !== JSON.stringify(script))
      r.fail(
        join(join(field, i), 'driver'),
        `${field}[${first}] has another driver named "${name}"; a driver name stands for one script`,
      );
  });
}

/** A mirror: its driver — a built-in's name, or a script of the file's own — and whether it starts inserted. */
function mirror(r: Reader, v: Json, field: string): MirrorConfig {
  const o = r.object(v, field, ['driver', 'inserted']);
  const d = r.required(o, field, 'driver');
  const script =
    typeof d === 'object' && d !== null && !Array.isArray(d)
      ? parseDriver(r, d, join(field, 'driver'), 'interval', MIRROR_DRIVERS)
      : BUILTIN_MIRROR_DRIVERS[r.oneOf(d, join(field, 'driver'), MIRROR_DRIVERS)];
  return {
    driver: script.name,
    script,
    inserted: o['inserted'] === undefined ? false : r.bool(o['inserted'], join(field, 'inserted')),
  };
}

/** A mirror task's ops: a non-empty list of `MIRROR_OPS`, each at most once and in that order. */
function mirrorOps(r: Reader, v: Json, field: string): MirrorOp[] {
  const ops = r.array(v, field, 1, MIRROR_OPS.length).map((x, i) => r.oneOf(x, join(field, i), MIRROR_OPS));
  // The two teardowns are alternatives: they share a rank.
  const rank = (op: MirrorOp) => Math.min(MIRROR_OPS.indexOf(op), 2);
  for (let i = 1; i < ops.length; i++)
    if (rank(ops[i]!) <= rank(ops[i - 1]!))
      r.fail(
        join(field, i),
        `"${ops[i]}" after "${ops[i - 1]}": ops run in the order insert, fault, then teardown or teardown-at-exit, each at most once`,
      );
  return ops;
}

function thread(
  r: Reader,
  v: Json,
  field: string,
  cpus: number,
  listeners: readonly ListenerConfig[],
  mirrors: readonly MirrorConfig[],
): ThreadConfig {
  const o = r.object(v, field, ['kind', 'cpu', 'count', 'synchronize', 'listener', 'mirror', 'ops']);
  const k = r.oneOf(r.required(o, field, 'kind'), join(field, 'kind'), THREAD_KINDS);
  const cpu = o['cpu'] === undefined ? 0 : r.int(o['cpu'], join(field, 'cpu'), 0, cpus - 1);
  const only = (allowed: string[]) => r.object(o, field, ['kind', 'cpu', ...allowed]);
  switch (k) {
    case 'exit':
      only([]);
      return { kind: k, cpu };
    case 'reader':
    case 'reclaimer':
      only(['count']);
      return {
        kind: k,
        cpu,
        count: o['count'] === undefined ? 1 : r.int(o['count'], join(field, 'count'), 0, LIMITS.threadsPerGroup),
      };
    case 'module-exit':
      only(['synchronize']);
      return { kind: k, cpu, synchronize: r.bool(r.required(o, field, 'synchronize'), join(field, 'synchronize')) };
    case 'get':
      only(['count', 'listener']);
      return {
        kind: k,
        cpu,
        count: o['count'] === undefined ? 1 : r.int(o['count'], join(field, 'count'), 0, LIMITS.threadsPerGroup),
        listener: getTarget(r, o, field, listeners),
      };
    case 'invalidator':
      only(['count']);
      return {
        kind: k,
        cpu,
        count: o['count'] === undefined ? 1 : r.int(o['count'], join(field, 'count'), 1, LIMITS.invalidators),
      };
    case 'mirror': {
      only(['mirror', 'ops']);
      if (mirrors.length === 0) r.fail(join(field, 'mirror'), 'the scenario has no mirrors');
      const i = r.int(r.required(o, field, 'mirror'), join(field, 'mirror'), 0, mirrors.length - 1);
      const ops = mirrorOps(r, r.required(o, field, 'ops'), join(field, 'ops'));
      if (mirrors[i]!.inserted && ops[0] === 'insert')
        r.fail(
          join(field, 'ops'),
          `mirror ${i} is inserted before the scenario starts; its task cannot insert it again`,
        );
      if (!mirrors[i]!.inserted && ops[0] !== 'insert')
        r.fail(
          join(field, 'ops'),
          `mirror ${i} is not inserted beforehand ("inserted": false): its task must begin with "insert"`,
        );
      ops.forEach((op, j) => {
        const hook = op === 'teardown-at-exit' ? 'teardown' : op;
        if (hook !== 'insert' && !mirrors[i]!.script.hooks[hook])
          r.fail(
            join(join(field, 'ops'), j),
            `mirror ${i}'s driver ${quoteValue(mirrors[i]!.driver)} has no "${hook}" hook for this op to run`,
          );
      });
      return { kind: k, cpu, mirror: i, ops };
    }
  }
}

/** A mutation id (model/kernel/mutation/Mutation.ts); whether it names a statement is checked when the model is built. */
export function mutantId(r: Reader, v: Json, field: string): string {
  const id = r.string(v, field);
  if (!parseMutationId(id))
    r.fail(field, `${quoteValue(capText(id, 100))} is not a mutation id: expected ${MUTATION_ID_FORM}`);
  return id;
}

function expectation(r: Reader, v: Json): Expectation {
  const o = r.object(v, 'expect', ['verdict', 'property']);
  const verdict = r.oneOf(r.required(o, 'expect', 'verdict'), 'expect.verdict', ['ok', 'violation'] as const);
  if (verdict === 'ok') {
    r.object(o, 'expect', ['verdict']);
    return { verdict };
  }
  return { verdict, property: r.oneOf(r.required(o, 'expect', 'property'), 'expect.property', PROPERTY_IDS) };
}

/** `json` without its `$schema` string, when it is an object that has one. */
function withoutSchema(r: Reader, json: Json): Json {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('$schema' in json)) return json;
  const { $schema, ...fields } = json as Obj;
  r.string($schema, '$schema');
  return fields;
}

/** Validates parsed JSON as a scenario; `file` names it in errors. */
export function parseScenario(json: Json, file: string): Scenario {
  const r = new Reader(file);
  // `$schema` (the JSON Schema an editor checks the file against) is accepted and ignored; it is kept
  // out of TOP so that the message for an unknown field lists the scenario's own fields only.
  const o = r.object(withoutSchema(r, json), '', TOP);
  const cpus = o['cpus'] === undefined ? 2 : r.int(o['cpus'], 'cpus', 1, LIMITS.cpus);
  const functions: Partial<Record<VersionedFunction, KernelVersion>> = {};
  if (o['functions'] !== undefined) {
    const f = r.object(o['functions'], 'functions', [...VERSIONED_FUNCTIONS, ...INTERVAL_VERSIONED_FUNCTIONS]);
    for (const [key, value] of Object.entries(f)) {
      // A classic function picks a classic variant, an interval function an interval-era one.
      const interval = (INTERVAL_VERSIONED_FUNCTIONS as readonly string[]).includes(key);
      functions[key as VersionedFunction] = r.oneOf(
        value,
        join('functions', key),
        KERNEL_VERSIONS.filter((k) => isIntervalEra(k) === interval),
      );
    }
  }
  // The kernel is validated in field order below; its era only decides whether listeners may be left out.
  const named = o['kernel'];
  const interval = KERNEL_VERSIONS.some((k) => k === named && isIntervalEra(k));
  const listeners =
    interval && o['listeners'] === undefined
      ? []
      : r
          .array(r.required(o, '', 'listeners'), 'listeners', interval ? 0 : 1, LIMITS.listeners)
          .map((v, i) => listener(r, v, join('listeners', i), cpus));
  const mirrors =
    o['mirrors'] === undefined
      ? []
      : r.array(o['mirrors'], 'mirrors', 0, LIMITS.mirrors).map((v, i) => mirror(r, v, join('mirrors', i)));
  const threads = r
    .array(r.required(o, '', 'threads'), 'threads', 1, 16)
    .map((v, i) => thread(r, v, join('threads', i), cpus, listeners, mirrors));
  // Listeners with one driver name share ops (mmu_notifier_get finds them by it), mirrors with one
  // driver name share its procedures: one name, one script.
  oneScriptPerName(
    r,
    'listeners',
    listeners.map((l) => [l.behaviour, l.driver]),
  );
  oneScriptPerName(
    r,
    'mirrors',
    mirrors.map((m) => [m.driver, m.script]),
  );
  const spares = threads.reduce((n, t) => n + (t.kind === 'get' ? t.count : 0), 0);
  if (listeners.length + spares > LIMITS.listeners) {
    r.fail(
      'threads',
      `${listeners.length} listener${listeners.length === 1 ? '' : 's'} and ${spares} get thread${spares === 1 ? '' : 's'} (each with a notifier it may allocate); at most ${LIMITS.listeners} listener objects are supported`,
    );
  }
  const kernel = r.oneOf(r.required(o, '', 'kernel'), 'kernel', KERNEL_VERSIONS);
  const srcu = o['srcu'] === undefined ? 'classic' : r.oneOf(o['srcu'], 'srcu', SRCU_IMPLEMENTATIONS);
  for (const key of Object.keys(functions)) {
    const interval = (INTERVAL_VERSIONED_FUNCTIONS as readonly string[]).includes(key);
    if (interval && mirrors.length === 0)
      r.fail(join('functions', key), 'a function of interval subscriptions: the scenario has no mirrors');
    if (!interval && isIntervalEra(kernel))
      r.fail(
        join('functions', key),
        `the classic versioned functions pick variants up to v5.4; on kernel ${kernel} they follow the kernel`,
      );
  }
  const mismatch = eraMismatch({ kernel, listeners, mirrors, threads });
  if (mismatch) r.fail(mismatch.field, mismatch.message);
  const exits = threads.filter((t) => t.kind === 'exit').length;
  if (exits !== 1)
    r.fail('threads', `expected exactly one thread of kind "exit" (the task whose mm is torn down), got ${exits}`);
  if (threads.filter((t) => t.kind === 'module-exit').length > 1)
    r.fail('threads', 'expected at most one thread of kind "module-exit"');
  const properties =
    o['properties'] === undefined
      ? defaultProperties({ mirrors })
      : r
          .array(o['properties'], 'properties', 1, PROPERTY_IDS.length)
          .map((v, i) => r.oneOf(v, join('properties', i), PROPERTY_IDS));
  const scenario: Scenario = {
    name: o['name'] === undefined ? file.replace(/^.*\//, '').replace(/\.json$/, '') : r.string(o['name'], 'name'),
    description: o['description'] === undefined ? '' : r.string(o['description'], 'description'),
    kernel,
    functions,
    srcu,
    cpus,
    listeners,
    mirrors,
    threads,
    properties,
    ...(o['expect'] === undefined ? {} : { expect: expectation(r, o['expect']) }),
    ...(o['mutant'] === undefined ? {} : { mutant: mutantId(r, o['mutant'], 'mutant') }),
  };
  const tooMany = threadLimitExceeded(scenario);
  if (tooMany) r.fail('threads', tooMany);
  return scenario;
}

/** Why the scenario has more threads than the model encodes (thread bitmasks), or undefined when it fits. */
export function threadLimitExceeded(scenario: Scenario): string | undefined {
  const total = layoutThreads(scenario).length;
  if (total <= LIMITS.threads) return undefined;
  return `${total} threads in all, counting driver teardown threads and SRCU workers; at most ${LIMITS.threads} are supported`;
}

/** Parses scenario text; malformed JSON is reported with the file and the position. */
export function parseScenarioText(text: string, file: string): Scenario {
  if (text.trim() === '') throw new InputError('the file is empty; expected a JSON scenario object', file);
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${capText((e as Error).message, 200)}`, file);
  }
  return parseScenario(json, file);
}
