/**
 * `--format sarif`: the run as a SARIF 2.1.0 log for code-review tools. One result per property
 * violated at the counterexample's last step, each with the interleaving as a code flow (see
 * sarifThreadFlows.ts) and the steps that set the failure up as related locations.
 */
import { PROPERTY_CATALOG } from '../../properties/catalog.js';
import type { CheckRun } from '../runCheck.js';
import { explainProperty, ruleVersionsOf } from '../render/propertyGlossary.js';
import { traceViewOf } from '../render/traceViewOf.js';
import { codeFlow, KERNEL_SRC, stepLocation } from './sarifThreadFlows.js';

/** The schema URI written in the log. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function rules(run: CheckRun): Record<string, unknown>[] {
  return run.scenario.properties.map((id) => {
    const info = PROPERTY_CATALOG.find((p) => p.id === id);
    return {
      id,
      name: id,
      shortDescription: { text: info?.name ?? id },
      fullDescription: { text: explainProperty(id, ruleVersionsOf(run.scenario)) },
      defaultConfiguration: { level: 'error' },
    };
  });
}

function notifications(run: CheckRun): Record<string, unknown>[] {
  const o = run.outcome;
  if (o.kind === 'incomplete')
    return [
      {
        level: 'warning',
        message: { text: `incomplete (${o.reason}): a bound was reached before a verdict; nothing is proven` },
      },
    ];
  if (o.kind === 'modelError') return [{ level: 'error', message: { text: `model error: ${o.message}` } }];
  return [];
}

function results(run: CheckRun): Record<string, unknown>[] {
  const o = run.outcome;
  if (o.kind !== 'violation') return [];
  const view = traceViewOf(run);
  const last = view.steps[view.steps.length - 1];
  const flow = codeFlow(view, run.scenario.srcu);
  return o.violations.map((v) => ({
    ruleId: v.propertyId,
    ruleIndex: (run.scenario.properties as readonly string[]).indexOf(v.propertyId),
    kind: 'fail',
    level: 'error',
    message: { text: `${v.message} (scenario ${run.scenario.name}, ${view.steps.length}-step counterexample)` },
    ...(last ? { locations: [stepLocation(last, run.scenario.srcu)] } : {}),
    ...(flow ? { codeFlows: [flow] } : {}),
    relatedLocations: view.references.map((r) => {
      const step = view.steps[r.step - 1]!;
      return { id: r.step, ...stepLocation(step, run.scenario.srcu), message: { text: `step ${r.step}: ${r.note}` } };
    }),
  }));
}

/** The SARIF log of `run`. */
export function sarifLog(run: CheckRun): Record<string, unknown> {
  const o = run.outcome;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mmucheck', version: '0.1.0', semanticVersion: '0.1.0', rules: rules(run) } },
        invocations: [
          {
            executionSuccessful: o.kind !== 'modelError',
            commandLine: run.command,
            toolExecutionNotifications: notifications(run),
          },
        ],
        originalUriBaseIds: {
          [KERNEL_SRC]: { description: { text: `the root of a Linux kernel source tree (${run.scenario.kernel})` } },
        },
        results: results(run),
        properties: {
          scenario: run.scenario.name,
          verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
          stats: o.stats,
        },
      },
    ],
  };
}
