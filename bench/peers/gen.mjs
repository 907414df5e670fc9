#!/usr/bin/env node
/**
 * Writes the Murphi and Promela twins of one configuration:
 *   node bench/peers/gen.mjs [scenario] [--readers N] [--listeners N] [--symmetry] [--out DIR]
 * (default: seed, the scenario's own counts, ./peer-models). Prints the two paths. With
 * --symmetry the Murphi twin declares the readers a scalarset (<name>-rN-lM-sym.m), so that
 * Rumur's symmetry reduction permutes them; the Promela twin is the same either way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { murphiModel } from './twins/murphi.mjs';
import { promelaModel } from './twins/promela.mjs';
import { VARIANTS, variantConfig } from './twins/variants.mjs';

/** Writes both twins of `cfg` into `dir`; returns their paths. */
export function writeTwins(cfg, dir) {
  mkdirSync(dir, { recursive: true });
  const base = `${cfg.name}-r${cfg.readers}-l${cfg.listeners}`;
  const murphi = join(dir, `${base}${cfg.symmetry ? '-sym' : ''}.m`);
  const promela = join(dir, `${base}.pml`);
  writeFileSync(murphi, murphiModel(cfg));
  writeFileSync(promela, promelaModel(cfg));
  return { murphi, promela };
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      readers: { type: 'string' },
      listeners: { type: 'string' },
      symmetry: { type: 'boolean', default: false },
      out: { type: 'string', default: 'peer-models' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      `usage: node bench/peers/gen.mjs [scenario] [--readers N] [--listeners N] [--symmetry] [--out DIR]\nscenarios: ${Object.keys(VARIANTS).join(', ')}`,
    );
    return;
  }
  const num = (s) => (s === undefined ? undefined : Number(s));
  const cfg = variantConfig(positionals[0] ?? 'seed', {
    readers: num(values.readers),
    listeners: num(values.listeners),
    symmetry: values.symmetry,
  });
  const paths = writeTwins(cfg, resolve(values.out));
  console.log(paths.murphi);
  console.log(paths.promela);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(`gen: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
