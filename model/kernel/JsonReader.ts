/**
 * Reading a JSON input field by field: each check names the file and the field path of what it
 * refuses, and an unknown field is refused with the closest valid name. Used by the scenario loader
 * and the driver-script loader.
 */
import { InputError, expectedOneOf } from '../InputError.js';
import { quoteValue } from '../safeText.js';

export type Json = unknown;
export type Obj = Record<string, Json>;

export class Reader {
  constructor(readonly file: string) {}

  fail(field: string, message: string): never {
    throw new InputError(message, this.file, field);
  }

  object(v: Json, field: string, allowed: readonly string[]): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, `expected an object, got ${kind(v)}`);
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) this.fail(join(field, key), `unknown field; ${expectedOneOf(key, allowed)}`);
    }
    return v as Obj;
  }

  string(v: Json, field: string): string {
    if (typeof v !== 'string') this.fail(field, `expected a string, got ${kind(v)}`);
    return v;
  }

  oneOf<T extends string>(v: Json, field: string, values: readonly T[]): T {
    const s = this.string(v, field);
    if (!values.includes(s as T)) this.fail(field, `unknown value ${quoteValue(s)}; ${expectedOneOf(s, values)}`);
    return s as T;
  }

  int(v: Json, field: string, min: number, max: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v))
      this.fail(field, `expected a whole number from ${min} to ${max}, got ${kind(v)}`);
    if (v < min || v > max) this.fail(field, `expected a whole number from ${min} to ${max}, got ${v}`);
    return v;
  }

  bool(v: Json, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, `expected true or false, got ${kind(v)}`);
    return v;
  }

  array(v: Json, field: string, min: number, max: number): Json[] {
    if (!Array.isArray(v)) this.fail(field, `expected a list, got ${kind(v)}`);
    if (v.length < min || v.length > max) this.fail(field, `expected ${min} to ${max} entries, got ${v.length}`);
    return v;
  }

  required(o: Obj, field: string, key: string): Json {
    if (!(key in o)) this.fail(join(field, key), 'missing required field');
    return o[key];
  }
}

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${quoteValue(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

export function join(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}
