/**
 * The machine-readable report (`--format json`), one JSON object on stdout. Its fields are
 * documented in the README; `formatVersion` changes when they change incompatibly.
 */
import type { CheckRun } from '../runCheck.js';
import { matchesExpectation } from '../runCheck.js';
import { raisingStep } from './raisingStep.js';
import { verdictJson } from '../report/verdictJson.js';
import { VERSIONED_FUNCTIONS } from '../../model/kernel/Scenario.js';

/** The report of one run as a plain JSON value. */
export function jsonReport(run: CheckRun): unknown {
  const o = run.outcome;
  const s = run.scenario;
  return {
    formatVersion: 1,
    tool: 'mmucheck',
    scenario: {
      name: s.name,
      kernel: s.kernel,
      functions: Object.fromEntries(VERSIONED_FUNCTIONS.map((f) => [f, run.model.env.version(f)])),
      srcu: s.srcu,
      cpus: s.cpus,
      listeners: s.listeners,
      threads: run.model.spec.threads.map((t) => ({ name: t.name, cpu: t.cpu ?? 0, daemon: t.daemon === true })),
    },
    properties: s.properties,
    ...verdictJson(o, false),
    error: o.kind === 'modelError' ? { message: o.message, step: raisingStep(run.model, o) ?? null } : null,
    stats: o.stats,
    initial: run.steps.length
      ? run.model.describe(
          (o.kind === 'violation' || o.kind === 'modelError') && o.trace ? o.trace.initial : run.model.initStates()[0]!,
        )
      : null,
    trace: run.steps.length || o.kind === 'violation' ? run.steps : null,
    references: run.references,
    expected: s.expect ?? null,
    matchesExpected: matchesExpectation(run) ?? null,
    reproduce: run.command,
  };
}
