/**
 * What `npm pack` ships: the licence that package.json names, the documentation the README links
 * to, the compiled program without the benchmark or the tests, and no source map or
 * sourceMappingURL that points at a file the package does not ship.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY, binaryBuilt, REPO_ROOT } from '../helpers/runCli.js';
import { npm } from './packedPackage.js';

const built = binaryBuilt();
const [packed] = built
  ? (JSON.parse(npm(['pack', '--dry-run', '--ignore-scripts', '--json'], REPO_ROOT)) as { files: { path: string }[] }[])
  : [{ files: [] }];
const shipped = new Set(packed!.files.map((f) => f.path));
const paths = [...shipped];

/** The relative link targets of a Markdown file (no URLs, no in-page anchors), resolved from the repository root. */
function relativeLinks(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => normalize(join(dirname(file), target)).replace(/\/$/, ''));
}

describe.skipIf(built)('the packed package', () => {
  it(`is skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});

describe.skipIf(!built)('the packed package', () => {
  it('ships LICENSE with the GPL-2.0 text that package.json names', () => {
    expect(shipped.has('LICENSE')).toBe(true);
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).license).toBe('GPL-2.0-only');
    const licence = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(licence).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(licence).toContain('Version 2, June 1991');
  });

  it('ships README.md, docs/ and every file or folder that the shipped Markdown links to', () => {
    expect(shipped.has('README.md')).toBe(true);
    expect(shipped.has('docs/writing-models.md')).toBe(true);
    const markdown = paths.filter((p) => p.endsWith('.md'));
    for (const file of markdown) {
      for (const target of relativeLinks(file)) {
        expect(shipped.has(target) || paths.some((p) => p.startsWith(`${target}/`)), `${file} links to ${target}`).toBe(
          true,
        );
      }
    }
  });

  it('ships the program, without dist/bench or dist/test', () => {
    expect(shipped.has('dist/cli/main.js')).toBe(true);
    expect(shipped.has('dist/index.d.ts')).toBe(true);
    expect(paths.filter((p) => p.startsWith('dist/bench/') || p.startsWith('dist/test/'))).toEqual([]);
  });

  it("ships schema/scenario.schema.json, the schema that every shipped scenario's $schema names", () => {
    expect(shipped.has('schema/scenario.schema.json')).toBe(true);
    const scenarios = paths.filter((p) => /^examples\/(scenarios|history)\/[^/]+\.json$/.test(p));
    expect(scenarios.length).toBeGreaterThan(0);
    for (const file of scenarios) {
      const { $schema } = JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as { $schema?: string };
      expect($schema, file).toBeDefined();
      expect(shipped.has(normalize(join(dirname(file), $schema!))), `${file} names ${$schema}`).toBe(true);
    }
  });

  it('ships no source map without its sources, and no sourceMappingURL to a file it does not ship', () => {
    for (const map of paths.filter((p) => p.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(REPO_ROOT, map), 'utf8')) as { sources: string[] };
      for (const source of sources)
        expect(shipped.has(normalize(join(dirname(map), source))), `${map} points at ${source}`).toBe(true);
    }
    const dangling = paths
      .filter((p) => p.endsWith('.js') && existsSync(join(REPO_ROOT, p)))
      .flatMap((p) =>
        [...readFileSync(join(REPO_ROOT, p), 'utf8').matchAll(/^\/\/# sourceMappingURL=(\S+)$/gm)].map((m) =>
          normalize(join(dirname(p), m[1]!)),
        ),
      )
      .filter((target) => !shipped.has(target));
    expect(dangling).toEqual([]);
  });
});
