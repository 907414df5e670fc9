/**
 * The machine-readable report of a model file's run: the fields of a scenario's report (see the
 * README), with `model` describing the model where a scenario report has `scenario` (which is
 * null here), and `witnesses` for the `sometimes` properties of an ok run.
 */
import type { UserModelRun } from './UserModelRun.js';
import { raisingStep } from '../render/raisingStep.js';
import { verdictJson } from '../report/verdictJson.js';
import { viewModel } from './modelView.js';

/** The report of one run as a plain JSON value. */
export function userJsonReport(run: UserModelRun): unknown {
  const o = run.outcome;
  const { name, description, file } = run.loaded;
  return {
    formatVersion: 1,
    tool: 'mmucheck',
    scenario: null,
    model: {
      name,
      description: description ?? null,
      file,
      threads: run.threads?.map((t) => ({ name: t.name, cpu: t.cpu ?? null, daemon: t.daemon === true })) ?? null,
      properties: run.properties.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    },
    properties: run.properties.map((p) => p.id),
    ...verdictJson(o, true),
    error:
      o.kind === 'modelError'
        ? { message: o.message, step: raisingStep(viewModel(run.loaded.model), o) ?? null }
        : null,
    stats: o.stats,
    initial: run.initial ?? null,
    trace: o.kind === 'violation' || run.steps.length > 0 ? run.steps : null,
    references: [],
    witnesses:
      o.kind === 'ok'
        ? run.witnesses.map((w) => ({
            property: w.propertyId,
            name: w.propertyName,
            initial: w.initial,
            trace: w.steps,
          }))
        : null,
    expected: null,
    matchesExpected: null,
    reproduce: run.command,
  };
}
