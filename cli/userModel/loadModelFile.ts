/**
 * Loads a model file (`.ts`, `.mts`, `.js`, `.mjs`) and finds the model it exports. TypeScript runs
 * without a build step through tsx's module loader. The model may come from another copy of this
 * package's modules (the loader keeps its own module instances), so it is recognised by its shape,
 * never with `instanceof`.
 */
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Model } from '../../model/Model.js';
import { InputError, closest } from '../../model/InputError.js';
import { statInputFile } from '../../model/inputFile.js';

/** The file extensions that make `check`'s argument a model file. */
export const MODEL_FILE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** A model file, loaded. */
export interface LoadedModel {
  readonly model: Model<unknown, unknown>;
  /** Its exported `name`, else the file name without its extension. */
  readonly name: string;
  readonly description?: string;
  /** The path as the user gave it. */
  readonly file: string;
}

const MUST_EXPORT =
  'a model file must export its model as `export const model = ...` or `export function createModel() { ... }`';
const MODEL_METHODS = ['initStates', 'actions', 'nextState', 'properties'] as const;

/** True when `arg` names a model file rather than a scenario. */
export function isModelFile(arg: string): boolean {
  return (MODEL_FILE_EXTENSIONS as readonly string[]).includes(extname(arg).toLowerCase());
}

/** Loads `file` (relative to the working directory); bad files throw InputError naming the file. */
export async function loadModelFile(file: string): Promise<LoadedModel> {
  const path = resolve(file);
  // The loader reads the file itself; it must not be handed a FIFO, a device or a huge file.
  statInputFile(path, 'model', file);
  const exports = await importFile(file, path);
  const model = modelOf(exports, file);
  const name =
    typeof exports['name'] === 'string' && exports['name'] !== '' ? exports['name'] : basename(path, extname(path));
  const description = typeof exports['description'] === 'string' ? exports['description'] : undefined;
  return { model, name, file, ...(description === undefined ? {} : { description }) };
}

async function importFile(file: string, path: string): Promise<Record<string, unknown>> {
  try {
    const loaded = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
    // A file compiled as CommonJS shows its exports under `default` as well.
    const inner = loaded['default'];
    return typeof inner === 'object' && inner !== null && !('model' in loaded) && !('createModel' in loaded)
      ? { ...inner }
      : loaded;
  } catch (error) {
    throw withCause(new InputError(`cannot load it: ${messageOf(error)}`, file), error);
  }
}

function modelOf(exports: Record<string, unknown>, file: string): Model<unknown, unknown> {
  if (exports['model'] !== undefined) return requireModel(exports['model'], 'model', file);
  const create = exports['createModel'];
  if (create === undefined) {
    const names = Object.keys(exports).filter((k) => k !== 'default');
    const typo = names.map((n) => closest(n, ['model', 'createModel'])).find((c) => c !== undefined);
    const exported = `it exports ${names.length ? names.join(', ') : 'nothing'}${typo ? `; did you mean "${typo}"?` : ''}`;
    throw new InputError(`exports no model; ${MUST_EXPORT} (${exported})`, file);
  }
  if (typeof create !== 'function') throw new InputError(`\`createModel\` is not a function; ${MUST_EXPORT}`, file);
  let built: unknown;
  try {
    built = (create as () => unknown)();
  } catch (error) {
    throw withCause(new InputError(`createModel() threw: ${messageOf(error)}`, file), error);
  }
  return requireModel(built, 'createModel()', file);
}

function requireModel(value: unknown, what: string, file: string): Model<unknown, unknown> {
  const build =
    'a model has initStates(), actions(), nextState() and properties(): build one with new ProgramModel({ ... }) or write the four methods';
  if (typeof value !== 'object' || value === null)
    throw new InputError(
      `\`${what}\` is ${value === null ? 'null' : `a ${typeof value}`}, not a model; ${build}`,
      file,
    );
  const missing = MODEL_METHODS.filter((m) => typeof (value as Record<string, unknown>)[m] !== 'function');
  if (missing.length === MODEL_METHODS.length) throw new InputError(`\`${what}\` is not a model; ${build}`, file);
  if (missing.length > 0)
    throw new InputError(
      `\`${what}\` is not a model: it has no ${missing.map((m) => `${m}()`).join(', ')}; ${build}`,
      file,
    );
  return value as Model<unknown, unknown>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error with the cause's stack appended, so that `--debug` shows where loading failed. */
function withCause(error: InputError, cause: unknown): InputError {
  if (cause instanceof Error && cause.stack !== undefined) error.stack = `${error.stack}\nCaused by: ${cause.stack}`;
  return error;
}

/** Refuses a model file given to a command that takes kernel scenarios only (`history`). */
export function requireScenarioArgument(arg: string, command: string): void {
  if (!isModelFile(arg)) return;
  throw new InputError(
    `${command} takes a kernel scenario (a bundled name or a .json file), not a model file; check a model file with: mmucheck check ${arg}`,
    arg,
  );
}
