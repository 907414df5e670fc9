/** Finds a scenario by bundled name or by file path and reads it, with errors that name the file. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, expectedOneOf } from '../InputError.js';
import { readInputFile } from '../inputFile.js';
import { quoteValue } from '../safeText.js';
import { parseScenarioText } from './parseScenario.js';
import type { Scenario } from './Scenario.js';

/** The folder of the bundled scenarios, found from this module whether it runs from source or from dist. */
export function bundledScenarioDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the mmucheck package root');
    dir = up;
  }
  return join(dir, 'examples', 'scenarios');
}

/** The names of the bundled scenarios, sorted. */
export function bundledScenarioNames(): string[] {
  return readdirSync(bundledScenarioDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Reads a scenario file (a regular file of at most 1 MiB: see inputFile.ts). */
export function loadScenarioFile(path: string): Scenario {
  return parseScenarioText(readInputFile(path, 'scenario'), path);
}

/** A bundled scenario by name, or a scenario file by path (anything with a slash or ending in .json). */
export function loadScenario(nameOrPath: string): Scenario {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.json')) return loadScenarioFile(resolve(nameOrPath));
  const names = bundledScenarioNames();
  if (!names.includes(nameOrPath)) {
    throw new InputError(
      `unknown scenario ${quoteValue(nameOrPath)}; ${expectedOneOf(nameOrPath, names)}, or a path to a scenario file`,
    );
  }
  const scenario = loadScenarioFile(join(bundledScenarioDir(), `${nameOrPath}.json`));
  return scenario;
}
