/**
 * The package as a user gets it: `npm pack` of this checkout (already built: `npm test` builds
 * first), installed into an empty project without the registry. npm ci left every dependency's
 * tarball in the npm cache but not the registry's metadata, so the project gets a lockfile that
 * pins the dependencies to the versions in this repository's package-lock.json; `npm install
 * --offline` then takes them from the cache. (Without a cache it falls back to the registry.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/runCli.js';

interface LockEntry {
  readonly dev?: boolean;
  readonly link?: boolean;
}

/** Runs `npm args` in `cwd` and returns its stdout. */
export function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

/** `npm pack` of the checkout into `dir`; returns the tarball's file name. */
export function packInto(dir: string): string {
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO_ROOT)) as {
    filename: string;
  }[];
  return packed!.filename;
}

/** The lockfile of a project whose only dependency is the tarball `../<tarball>`, pinning its dependencies as this repository does. */
function lockfileFor(tarball: string): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const spec = `file:../${tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'counter', version: '1.0.0', dependencies: { mmucheck: spec } },
    'node_modules/mmucheck': {
      version: pkg['version'],
      resolved: spec,
      license: pkg['license'],
      dependencies: pkg['dependencies'],
      bin: pkg['bin'],
      engines: pkg['engines'],
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path !== '' && !entry.dev && !entry.link) packages[path] = entry;
  return (
    JSON.stringify({ name: 'counter', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n'
  );
}

/** A new project directory `<tmp>/counter` (`npm init -y`) with the packed package installed; returns its path. */
export function projectWithPackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'mmucheck-pack-'));
  const tarball = packInto(root);
  const project = join(root, 'counter');
  mkdirSync(project);
  npm(['init', '-y'], project);
  writeFileSync(join(project, 'package-lock.json'), lockfileFor(tarball));
  const install = ['install', '--no-audit', '--no-fund', join(root, tarball)];
  try {
    npm([...install, '--offline'], project);
  } catch {
    npm(install, project);
  }
  return project;
}
