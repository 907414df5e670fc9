/**
 * Reads a driver script from a scenario file — a listener's `driver` (classic) or a mirror's
 * `driver` (interval) — in the vocabulary of DriverScript.ts. Every refusal names the file, the
 * listener or mirror, the hook and the statement's index, with the closest valid statement for an
 * unknown one. A script is data: its loops go back only through a test and count no references, so
 * no script can make the model run without bound.
 */
import { quoteValue } from '../../safeText.js';
import { join, type Json, type Reader } from '../JsonReader.js';
import {
  HOOKS,
  allStatements,
  type DriverHook,
  type DriverScript,
  type DriverWorld,
  type ScriptStatement,
  type StatementOp,
} from './DriverScript.js';
import { hookStatements } from './parseStatements.js';
import { checkHookFlow } from './scriptFlow.js';

export { MAX_STATEMENTS } from './parseStatements.js';

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;

/** Statements that need the v5.4 get/put API, and those that need a registered (non get/put) driver. */
const GET_PUT_ONLY: ReadonlySet<StatementOp> = new Set(['mmu_notifier_put']);
const REGISTER_ONLY: ReadonlySet<StatementOp> = new Set([
  'mmu_notifier_call_srcu',
  'mmu_notifier_unregister',
  'mmu_notifier_unregister_no_release',
]);

function identifier(r: Reader, v: Json, field: string, pattern: RegExp, what: string): string {
  const s = r.string(v, field);
  if (!pattern.test(s)) r.fail(field, `${quoteValue(s)} is not ${what}`);
  return s;
}

/**
 * Validates `v` (the `driver` at `field`) as a `world` driver script; `builtins` are the names it
 * may not take (those of the built-in drivers of its world).
 */
export function parseDriver(
  r: Reader,
  v: Json,
  field: string,
  world: DriverWorld,
  builtins: readonly string[],
): DriverScript {
  const hookNames = HOOKS[world];
  const fields = ['name', 'object', 'lock', 'functions', 'hooks', ...(world === 'classic' ? ['api'] : [])];
  const o = r.object(v, field, fields);
  const name = identifier(
    r,
    r.required(o, field, 'name'),
    join(field, 'name'),
    NAME,
    'a driver name (letters, digits, _ and -, at most 40)',
  );
  if (builtins.includes(name))
    r.fail(
      join(field, 'name'),
      world === 'classic'
        ? `${quoteValue(name)} is a built-in behaviour; use "behaviour": ${quoteValue(name)} or another name`
        : `${quoteValue(name)} is a built-in mirror driver; use "driver": ${quoteValue(name)} or another name`,
    );
  const api =
    o['api'] === undefined ? 'register' : r.oneOf(o['api'], join(field, 'api'), ['register', 'get-put'] as const);
  const object =
    o['object'] === undefined
      ? world === 'classic'
        ? 'drv'
        : 'dmirror'
      : identifier(r, o['object'], join(field, 'object'), C_IDENTIFIER, 'a C identifier');
  const lock =
    o['lock'] === undefined ? 'mutex' : r.oneOf(o['lock'], join(field, 'lock'), ['mutex', 'spinlock'] as const);
  const hooksField = join(field, 'hooks');
  const ho = r.object(r.required(o, field, 'hooks'), hooksField, hookNames);
  const hooks: Partial<Record<DriverHook, ScriptStatement[]>> = {};
  for (const hook of hookNames)
    if (ho[hook] !== undefined) hooks[hook] = hookStatements(r, ho[hook], join(hooksField, hook), world, hook);
  const functions: Partial<Record<DriverHook, string>> = {};
  if (o['functions'] !== undefined) {
    const fo = r.object(o['functions'], join(field, 'functions'), hookNames);
    for (const hook of hookNames)
      if (fo[hook] !== undefined)
        functions[hook] = identifier(r, fo[hook], join(join(field, 'functions'), hook), C_IDENTIFIER, 'a C identifier');
  }
  // Default C function names: <name>_<hook>, with the name's dashes as underscores.
  for (const hook of hookNames)
    if (hooks[hook] && !functions[hook]) functions[hook] = `${name.replace(/-/g, '_')}_${hook}`;
  const script: DriverScript = { name, world, api, object, lock, functions, hooks };
  if (world === 'classic') checkClassic(r, script, hooksField);
  else if (!hooks.invalidate)
    r.fail(
      hooksField,
      'an interval driver needs "invalidate": the kernel calls ops->invalidate on every invalidation of the range',
    );
  for (const hook of hookNames) {
    const list = hooks[hook];
    if (list) checkHookFlow(r, script, hooksField, list, join(hooksField, hook));
  }
  return script;
}

/** What a classic script's statements need from the rest of it. */
function checkClassic(r: Reader, script: DriverScript, hooksField: string): void {
  const { api, hooks } = script;
  if (api === 'get-put' && hooks.destroy)
    r.fail(
      join(hooksField, 'destroy'),
      'a get/put driver is freed by mmu_notifier_free_rcu calling its free_notifier: write "free_notifier", not "destroy"',
    );
  if (api === 'register' && hooks.free_notifier)
    r.fail(join(hooksField, 'free_notifier'), 'free_notifier belongs to the get/put API: set "api": "get-put"');
  for (const hook of HOOKS.classic) {
    for (const s of allStatements(hooks[hook] ?? [])) {
      if (s.type !== 'op') continue;
      const { op } = s;
      const at = join(hooksField, s.at);
      if (GET_PUT_ONLY.has(op) && api !== 'get-put')
        r.fail(at, `${op} belongs to the get/put API: set "api": "get-put"`);
      if (REGISTER_ONLY.has(op) && api !== 'register')
        r.fail(at, `${op} is not for a get/put driver, which mmu_notifier_put unlinks and frees`);
      if (op === 'mmu_notifier_call_srcu' && !hooks.destroy)
        r.fail(at, 'mmu_notifier_call_srcu queues the driver\'s "destroy" hook, which the script does not define');
      if (op === 'mmu_notifier_unregister' && hook === 'release')
        r.fail(
          at,
          'mmu_notifier_unregister calls ->release while the node is on the list, and this is ->release: the driver recurses without bound (a kernel stack overflow); ->release may call mmu_notifier_unregister_no_release',
        );
    }
  }
  if (!hooks.release && !hooks.teardown)
    r.fail(hooksField, 'a driver needs "release" (called by exit_mmap) or "teardown" (its own thread), or both');
}
