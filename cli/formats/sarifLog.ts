/**
 * `--format sarif`: the run as a SARIF 2.1.0 log for code-review tools. One result per property
 * violated at the counterexample's last step, each with the interleaving as a code flow (see
 * sarifThreadFlows.ts) and the steps that set the failure up as related locations. A kernel step
 * points at its kernel source file, a model file's step at the model file.
 */
import type { Violation } from '../../checker/Outcome.js';
import { lassoShape, loopBack } from '../render/loopMarks.js';
import type { TraceView } from '../render/TraceView.js';
import { INCOMPLETE_REASONS } from '../render/incompleteReasons.js';
import { PROPERTY_CATALOG } from '../../properties/catalog.js';
import { checkedIds, counterexampleName, type RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import { explainProperty, ruleVersionsOf } from '../render/propertyGlossary.js';
import { codeFlow, KERNEL_SRC, kernelStepLocator, modelFileStepLocator, type StepLocator } from './sarifThreadFlows.js';

/** The schema URI written in the log. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function rules(run: RunView): Record<string, unknown>[] {
  const o = run.origin;
  if (o.kind === 'scenario')
    return o.scenario.properties.map((id) => {
      const info = PROPERTY_CATALOG.find((p) => p.id === id);
      return {
        id,
        name: id,
        shortDescription: { text: info?.name ?? id },
        fullDescription: { text: explainProperty(id, ruleVersionsOf(o.scenario)) },
        defaultConfiguration: { level: 'error' },
      };
    });
  return run.properties.map((p) => ({
    id: p.id,
    name: p.id,
    shortDescription: { text: p.name },
    defaultConfiguration: { level: 'error' },
  }));
}

function notifications(run: RunView): Record<string, unknown>[] {
  const o = run.outcome;
  if (o.kind === 'incomplete')
    return [
      {
        level: 'warning',
        message: {
          text: `incomplete (${o.reason}): ${INCOMPLETE_REASONS[o.reason]} before a verdict; nothing is proven`,
        },
      },
    ];
  if (o.kind === 'modelError') return [{ level: 'error', message: { text: `model error: ${o.message}` } }];
  const cut = run.continued?.incomplete;
  if (cut !== undefined)
    return [
      {
        level: 'warning',
        message: {
          text: `incomplete (${cut}): ${INCOMPLETE_REASONS[cut]} while searching for more violations; the properties without a result are not proven`,
        },
      },
    ];
  return [];
}

function locatorOf(run: RunView): StepLocator {
  return run.origin.kind === 'scenario'
    ? kernelStepLocator(run.origin.scenario.srcu)
    : modelFileStepLocator(run.origin.file);
}

/** What the result message adds for a lasso: that the run loops forever, and its two parts. */
function loops(view: TraceView): string {
  if (view.cycleStart === undefined) return '';
  return ` that loops forever: ${lassoShape(view.cycleStart, view.steps.length)}, ${loopBack(view.cycleStart)}`;
}

/** One result per violated property, each with the code flow of its own counterexample (`check --continue` finds several). */
function results(run: RunView): Record<string, unknown>[] {
  const c = run.continued;
  if (c !== undefined) return c.entries.flatMap((e) => resultsOf(e.view, [e.violation]));
  const o = run.outcome;
  return o.kind === 'violation' ? resultsOf(run, o.violations) : [];
}

function resultsOf(run: RunView, violations: readonly Violation[]): Record<string, unknown>[] {
  const view = traceViewOfRun(run);
  const last = view.steps[view.steps.length - 1];
  const locate = locatorOf(run);
  const flow = codeFlow(view, locate, counterexampleName(run));
  const where = run.origin.kind === 'scenario' ? 'scenario' : 'model';
  return violations.map((v) => ({
    ruleId: v.propertyId,
    ruleIndex: checkedIds(run).indexOf(v.propertyId),
    kind: 'fail',
    level: 'error',
    message: { text: `${v.message} (${where} ${run.name}, ${view.steps.length}-step counterexample${loops(view)})` },
    ...(last ? { locations: [locate(last)] } : {}),
    ...(flow ? { codeFlows: [flow] } : {}),
    relatedLocations: view.references.map((r) => {
      const step = view.steps[r.step - 1]!;
      return { id: r.step, ...locate(step), message: { text: `step ${r.step}: ${r.note}` } };
    }),
  }));
}

/** The SARIF log of `run`. */
export function sarifLog(run: RunView): Record<string, unknown> {
  const o = run.outcome;
  const origin = run.origin;
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
        ...(origin.kind === 'scenario'
          ? {
              originalUriBaseIds: {
                [KERNEL_SRC]: {
                  description: { text: `the root of a Linux kernel source tree (${origin.scenario.kernel})` },
                },
              },
            }
          : {}),
        results: results(run),
        properties: {
          ...(origin.kind === 'scenario' ? { scenario: run.name } : { model: run.name, file: origin.file }),
          verdict: o.kind === 'modelError' ? 'model-error' : o.kind,
          stats: o.stats,
        },
      },
    ],
  };
}
