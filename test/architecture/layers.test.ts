/**
 * The folders' layering, read from the import statements of every source file: `model/` imports
 * only itself, `checker/` and `properties/` only themselves and `model/`, and `cli/` and `bench/`
 * sit on top. No source file is on a cycle of imports that run (`import type` is erased when the
 * code is compiled, so a cycle through one is harmless and allowed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/runCli.js';

const SOURCE_FOLDERS = ['model', 'checker', 'properties', 'cli', 'bench'];

/** What each folder may import besides itself. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  model: [],
  checker: ['model'],
  properties: ['model'],
  cli: ['model', 'checker', 'properties'],
  bench: ['model', 'checker', 'properties', 'cli'],
};

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** One relative import of a file: the repository-relative file it names, and whether it is `import type` only. */
interface Import {
  readonly target: string;
  readonly typeOnly: boolean;
}

/** The relative imports of `file` (`.js` names the `.ts` source). */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\s[^;]*?from\s+'(\.[^']+)'/g)].map((m) => ({
    target: relative(REPO_ROOT, resolve(dirname(file), m[3]!.replace(/\.js$/, '.ts'))),
    typeOnly: m[2] !== undefined,
  }));
}

const files = SOURCE_FOLDERS.flatMap((f) => sourceFiles(join(REPO_ROOT, f))).map((f) => relative(REPO_ROOT, f));
const imports = new Map(files.map((f) => [f, importsOf(join(REPO_ROOT, f)).filter((i) => i.target !== f)]));
const folderOf = (file: string) => file.split('/')[0]!;

describe('the source folders', () => {
  it('import only the folders below them', () => {
    const breaches: string[] = [];
    for (const [file, list] of imports) {
      for (const { target } of list) {
        const from = folderOf(file);
        const to = folderOf(target);
        if (to === from || !SOURCE_FOLDERS.includes(to)) continue;
        if (!MAY_IMPORT[from]!.includes(to)) breaches.push(`${file} -> ${target}`);
      }
    }
    expect(breaches.sort()).toEqual([]);
  });

  it('have no file on a cycle of imports that run', () => {
    const graph = new Map([...imports].map(([f, list]) => [f, list.filter((i) => !i.typeOnly).map((i) => i.target)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
