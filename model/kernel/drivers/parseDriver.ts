/**
 * Reads a listener's `driver` from a scenario file: a script in the vocabulary of DriverScript.ts,
 * checked statement by statement. Every refusal names the file, the listener, the hook and the
 * statement's index, with the closest valid statement for an unknown one; a script is data and
 * has no loops, so no script can make the model run without bound.
 */
import { expectedOneOf } from '../../InputError.js';
import { quoteValue } from '../../safeText.js';
import { join, type Json, type Reader } from '../JsonReader.js';
import { BEHAVIOURS } from '../Scenario.js';
import { DRIVER_HOOKS, STATEMENTS, type DriverHook, type DriverScript, type StatementOp } from './DriverScript.js';

/** Statements a hook may hold at most. */
export const MAX_STATEMENTS = 32;

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;
const OPS = Object.keys(STATEMENTS) as StatementOp[];

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

/** The statement list of one hook. */
function hookStatements(r: Reader, v: Json, field: string): StatementOp[] {
  return r.array(v, field, 0, MAX_STATEMENTS).map((x, i) => {
    const at = join(field, i);
    const op = r.string(x, at);
    if (!(OPS as string[]).includes(op)) r.fail(at, `unknown statement ${quoteValue(op)}; ${expectedOneOf(op, OPS)}`);
    return op as StatementOp;
  });
}

/** Validates `v` (the `driver` of listener `field`) as a driver script. */
export function parseDriver(r: Reader, v: Json, field: string): DriverScript {
  const o = r.object(v, field, ['name', 'api', 'object', 'functions', 'hooks']);
  const name = identifier(
    r,
    r.required(o, field, 'name'),
    join(field, 'name'),
    NAME,
    'a driver name (letters, digits, _ and -, at most 40)',
  );
  if ((BEHAVIOURS as readonly string[]).includes(name))
    r.fail(
      join(field, 'name'),
      `${quoteValue(name)} is a built-in behaviour; use "behaviour": ${quoteValue(name)} or another name`,
    );
  const api =
    o['api'] === undefined ? 'register' : r.oneOf(o['api'], join(field, 'api'), ['register', 'get-put'] as const);
  const object =
    o['object'] === undefined
      ? 'drv'
      : identifier(r, o['object'], join(field, 'object'), C_IDENTIFIER, 'a C identifier');
  const hooksField = join(field, 'hooks');
  const ho = r.object(r.required(o, field, 'hooks'), hooksField, DRIVER_HOOKS);
  const hooks: Partial<Record<DriverHook, StatementOp[]>> = {};
  for (const hook of DRIVER_HOOKS)
    if (ho[hook] !== undefined) hooks[hook] = hookStatements(r, ho[hook], join(hooksField, hook));
  const functions: Partial<Record<DriverHook, string>> = {};
  if (o['functions'] !== undefined) {
    const fo = r.object(o['functions'], join(field, 'functions'), DRIVER_HOOKS);
    for (const hook of DRIVER_HOOKS)
      if (fo[hook] !== undefined)
        functions[hook] = identifier(r, fo[hook], join(join(field, 'functions'), hook), C_IDENTIFIER, 'a C identifier');
  }
  // Default C function names: <name>_<hook>, with the name's dashes as underscores.
  for (const hook of DRIVER_HOOKS)
    if (hooks[hook] && !functions[hook]) functions[hook] = `${name.replace(/-/g, '_')}_${hook}`;
  // What a statement needs from the rest of the script.
  if (api === 'get-put' && hooks.destroy)
    r.fail(
      join(hooksField, 'destroy'),
      'a get/put driver is freed by mmu_notifier_free_rcu calling its free_notifier: write "free_notifier", not "destroy"',
    );
  if (api === 'register' && hooks.free_notifier)
    r.fail(join(hooksField, 'free_notifier'), 'free_notifier belongs to the get/put API: set "api": "get-put"');
  for (const hook of DRIVER_HOOKS) {
    hooks[hook]?.forEach((op, i) => {
      const at = join(join(hooksField, hook), i);
      if (GET_PUT_ONLY.has(op) && api !== 'get-put')
        r.fail(at, `${op} belongs to the get/put API: set "api": "get-put"`);
      if (REGISTER_ONLY.has(op) && api !== 'register')
        r.fail(at, `${op} is not for a get/put driver, which mmu_notifier_put unlinks and frees`);
      if (op === 'mmu_notifier_call_srcu' && !hooks.destroy)
        r.fail(at, 'mmu_notifier_call_srcu queues the driver\'s "destroy" hook, which the script does not define');
      if (op === 'mmu_notifier_call_srcu' && hook === 'destroy')
        r.fail(at, 'the destroy callback queues itself again: a driver that never stops is not modelled');
    });
  }
  if (!hooks.release && !hooks.teardown)
    r.fail(hooksField, 'a driver needs "release" (called by exit_mmap) or "teardown" (its own thread), or both');
  return { name, api, object, functions, hooks };
}
