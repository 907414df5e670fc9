/**
 * The human-readable report of a model file's run: what was checked, the verdict, the shortest
 * counterexample or the witnesses, the statistics and the command that reproduces it. The same
 * layout as a scenario's report, without the kernel's CPU column.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Property } from '../../model/Property.js';
import type { Palette } from '../render/colour.js';
import { statsLine } from '../render/textReport.js';
import type { UserModelRun } from './UserModelRun.js';
import { raisingStepLines } from '../render/raisingStep.js';
import { viewModel } from './modelView.js';
import { INCOMPLETE_REASONS as REASONS } from '../render/incompleteReasons.js';
import { escapeText } from '../../model/safeText.js';
import { count, properties } from '../render/plural.js';

const KIND_NOTES: Record<Property<unknown>['kind'], string> = {
  always: '',
  deadlockFree: '',
  sometimes: ' (sometimes)',
  eventually: ' (eventually)',
};

/** Every text below comes from the model file: names, statements, values, messages. */
const t = escapeText;

function value(v: unknown): string {
  if (v === '') return '""'; // an empty string would read as a missing value
  return v === null || v === undefined ? '—' : t(String(v));
}

/** Header lines: the model, its file, its threads, what is checked. */
export function headerLines(run: UserModelRun): string[] {
  const { name, description, file } = run.loaded;
  const threads = run.threads?.map((th) => `${t(th.name)}${th.daemon === true ? ' (daemon)' : ''}`).join(', ');
  return [
    `model      ${t(name)}${description ? `: ${t(description)}` : ''}`,
    `file       ${t(file)}`,
    ...(threads === undefined ? [] : [`threads    ${threads}`]),
    `checking   ${run.properties.map((p) => `${t(p.id)}${KIND_NOTES[p.kind]}`).join(', ') || 'no properties'}`,
  ];
}

/** One step: number, thread, function, statement, the fields it changed, and the failure on the last. */
function stepLines(s: RenderedStep, width: number, failing: string | undefined, p: Palette): string[] {
  const marker = failing !== undefined ? p.bad('>') : ' ';
  const who = s.thread === '' && s.fn === '' ? undefined : `${t(s.thread).padEnd(width)}  ${p.bold(t(s.fn))}`;
  const indent = ' '.repeat(who === undefined ? 7 : width + 9);
  const lines =
    who === undefined
      ? [`${marker}${String(s.step).padStart(4)}  ${t(s.code)}`]
      : [`${marker}${String(s.step).padStart(4)}  ${who}`, `${indent}${t(s.code)}`];
  for (const c of s.changes) lines.push(p.dim(`${indent}${t(c.field)}: ${value(c.from)} → ${value(c.to)}`));
  if (failing !== undefined) lines.push(p.bad(`${indent}✗ ${t(failing)}`));
  return lines;
}

/** The steps of a trace, the last marked with `failing` when given. */
export function traceLines(steps: readonly RenderedStep[], failing: string | undefined, p: Palette): string[] {
  const width = Math.max(6, ...steps.map((s) => t(s.thread).length));
  return steps.flatMap((s, i) => stepLines(s, width, i === steps.length - 1 ? failing : undefined, p));
}

function okLines(run: UserModelRun, p: Palette): string[] {
  const n = run.properties.length;
  const lines = [p.good(`ALL PROPERTIES HOLD on every reachable state (${properties(n)})`)];
  for (const w of run.witnesses) {
    lines.push('', `Witness of ${t(w.propertyId)}: ${t(w.propertyName)} (shortest: ${count(w.steps.length, 'step')})`);
    lines.push(...traceLines(w.steps, undefined, p));
  }
  return lines;
}

function violationLines(run: UserModelRun, p: Palette): string[] {
  if (run.outcome.kind !== 'violation') return [];
  const [primary, ...others] = run.outcome.violations;
  const lines = [p.bad(`VIOLATED  ${t(primary!.propertyId)}: ${t(primary!.propertyName)}`)];
  if (primary!.noWitness) {
    if (others.length) lines.push(`          no witness either: ${others.map((v) => t(v.propertyId)).join(', ')}`);
    lines.push(
      '',
      `Why: ${t(primary!.message)}.`,
      'The model never reaches such a state: its other properties may hold only because nothing happens.',
    );
    return lines;
  }
  if (others.length)
    lines.push(`          also violated at the same step: ${others.map((v) => t(v.propertyId)).join(', ')}`);
  lines.push('', `Shortest counterexample: ${count(run.steps.length, 'step')}`);
  lines.push(...traceLines(run.steps, primary!.message, p));
  lines.push('', `Why: ${t(primary!.message)}.`);
  return lines;
}

function verdictLines(run: UserModelRun, p: Palette): string[] {
  const o = run.outcome;
  switch (o.kind) {
    case 'ok':
      return okLines(run, p);
    case 'incomplete':
      return [p.warn(`INCOMPLETE: ${REASONS[o.reason] ?? o.reason} before a verdict; nothing is proven`)];
    case 'modelError':
      return [
        p.bad(`MODEL ERROR: ${t(o.message)}`),
        ...raisingStepLines(viewModel(run.loaded.model), o, p),
        ...(run.steps.length
          ? [
              '',
              'Trace to the state that raised it:',
              ...traceLines(run.steps, o.action === undefined ? o.message : undefined, p),
            ]
          : []),
      ];
    case 'violation':
      return violationLines(run, p);
  }
}

/** The whole text report. */
export function userTextReport(run: UserModelRun, p: Palette): string {
  const lines = [
    ...headerLines(run),
    '',
    ...verdictLines(run, p),
    '',
    statsLine(run.outcome.stats),
    `reproduce  ${t(run.command)}`,
  ];
  return lines.join('\n') + '\n';
}
