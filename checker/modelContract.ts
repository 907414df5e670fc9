/**
 * The shape checks of the model contract that every search makes, in one place: what
 * `initStates()`, `actions()`, `nextState()` and `properties()` return (properties with distinct
 * ids), what an `always` check returns and what a `sometimes`, `eventually` or `leadsTo` check returns. A model that breaks one would otherwise be searched as a smaller model (no state, no
 * step, no property) and pass; each check throws a `ModelContractError` naming the method, which
 * the search reports as a model error.
 */
import type { Model } from '../model/Model.js';
import type { Property } from '../model/Property.js';

/** The model returned something its contract does not allow; the message names the method and what it returned. */
export class ModelContractError extends TypeError {
  override readonly name = 'ModelContractError';
}

/** The kinds of property the checker understands. */
export const PROPERTY_KINDS: readonly Property<unknown>['kind'][] = [
  'always',
  'deadlockFree',
  'sometimes',
  'eventually',
  'leadsTo',
];

// The function each kind of property must have.
const CHECK_OF: Readonly<
  Record<Property<unknown>['kind'], readonly ('violation' | 'holds' | 'trigger' | 'response')[]>
> = {
  always: ['violation'],
  deadlockFree: [],
  sometimes: ['holds'],
  eventually: ['holds'],
  leadsTo: ['trigger', 'response'],
};

/** The model's initial states: a non-empty array of states (a model with no initial state has nothing to prove). */
export function initialStatesOf<S>(model: Pick<Model<S, unknown>, 'initStates'>): readonly S[] {
  const states: unknown = called('initStates', () => model.initStates());
  if (!Array.isArray(states))
    throw new ModelContractError(`initStates() returned ${describeReturned(states)}, not an array of states`);
  if (states.length === 0) {
    throw new ModelContractError(
      'initStates() returned no state: a model needs at least one initial state, or the search has nothing to check and nothing is proven',
    );
  }
  const missing = states.indexOf(undefined);
  if (missing >= 0) throw new ModelContractError(`initStates() returned undefined as initial state ${missing}`);
  return states as S[];
}

/** Throws unless `actions`, what `actions()` returned, is an array. */
export function requireActions(actions: unknown): void {
  if (!Array.isArray(actions))
    throw new ModelContractError(
      `actions() returned ${describeReturned(actions)}, not an array of the actions enabled in the state`,
    );
}

/** Throws when `next`, what `nextState()` returned, is undefined. */
export function requireNextState(next: unknown): void {
  if (next === undefined)
    throw new ModelContractError(
      'nextState() returned undefined: a step must return the next state (is a `return` missing?)',
    );
}

/** What an `always` check returned at a state: a reason (a violation), or undefined (it holds); anything else throws. */
export function invariantReason(property: { readonly id: string }, returned: unknown): string | undefined {
  if (returned === undefined || typeof returned === 'string') return returned;
  throw new ModelContractError(
    `the check of property "${property.id}" returned ${describeReturned(returned)}: an always property's check returns a string that says why the state violates it, or undefined when it holds`,
  );
}

/** What a `sometimes`, `eventually` or `leadsTo` check returned at a state: true or false; anything else throws. */
export function holdsResult(
  property: { readonly id: string; readonly kind: 'sometimes' | 'eventually' | 'leadsTo' },
  returned: unknown,
  check = 'check',
): boolean {
  if (typeof returned === 'boolean') return returned;
  const [kind, what] =
    property.kind === 'sometimes'
      ? ['a sometimes', 'witnesses it']
      : property.kind === 'eventually'
        ? ['an eventually', 'satisfies it']
        : [`a leadsTo`, 'it holds at'];
  throw new ModelContractError(
    `the ${check} of property "${property.id}" returned ${describeReturned(returned)}: ${kind} property's ${check} returns true at a state ${what.startsWith('it') ? `${what}` : `that ${what}`}, false elsewhere`,
  );
}

/** The model's properties, after checking that `properties()` returned an array of well-formed properties. */
export function propertiesOf<S>(model: Pick<Model<S, unknown>, 'properties'>): readonly Property<S>[] {
  const properties: unknown = called('properties', () => model.properties());
  if (!Array.isArray(properties))
    throw new ModelContractError(`properties() returned ${describeReturned(properties)}, not an array of properties`);
  properties.forEach(requireProperty);
  requireDistinctIds(properties as Property<S>[]);
  return properties as Property<S>[];
}

/** True when `model.properties()` returns a valid list: for decisions taken before a search, which then reports the error. */
export function hasValidProperties(model: Pick<Model<unknown, unknown>, 'properties'>): boolean {
  try {
    propertiesOf(model);
    return true;
  } catch {
    return false;
  }
}

/** What `call` returns; an exception it throws is rethrown with the method named, and the original stack. */
function called<T>(method: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    const named = new Error(`${method}() threw: ${cause.message}`, { cause });
    if (cause.stack !== undefined) named.stack = `${named.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
    throw named;
  }
}

function requireProperty(value: unknown, index: number): void {
  const where = `properties() returned, at index ${index},`;
  if (typeof value !== 'object' || value === null)
    throw new ModelContractError(`${where} ${describeReturned(value)}, not a property`);
  const p = value as Record<string, unknown>;
  const named = typeof p['id'] === 'string' ? `property "${p['id']}"` : `the property at index ${index}`;
  if (typeof p['id'] !== 'string' || p['id'] === '')
    throw new ModelContractError(`${where} a property without an id (a non-empty string)`);
  if (typeof p['name'] !== 'string')
    throw new ModelContractError(`properties() returned ${named} without a name (a string)`);
  const kind = p['kind'];
  if (typeof kind !== 'string' || !(PROPERTY_KINDS as readonly string[]).includes(kind)) {
    throw new ModelContractError(
      `properties() returned ${named} of unknown kind ${typeof kind === 'string' ? `"${kind}"` : describeReturned(kind)}; ` +
        `expected one of ${PROPERTY_KINDS.join(', ')} (build properties with always(), deadlockFree(), sometimes(), eventually() or leadsTo())`,
    );
  }
  for (const check of CHECK_OF[kind as Property<unknown>['kind']]) {
    if (typeof p[check] !== 'function')
      throw new ModelContractError(`properties() returned ${named} of kind ${kind} without its ${check}() function`);
  }
}

/** Throws when two properties share an id: reports, --property and SARIF rules name a property by its id. */
function requireDistinctIds(properties: readonly Property<unknown>[]): void {
  const seen = new Map<string, number>();
  properties.forEach((p, index) => {
    const first = seen.get(p.id);
    if (first !== undefined)
      throw new ModelContractError(
        `properties() returned two properties with the id "${p.id}" (at index ${first} and ${index}): each property needs its own id, which reports, --property and SARIF name it by`,
      );
    seen.set(p.id, index);
  });
}

/** A returned value as a message shows it: `true`, `null`, `a string`, `an object`. */
export function describeReturned(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'number')
    return String(value);
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `a ${typeof value}`;
}
