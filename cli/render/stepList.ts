/**
 * The list view of a trace: one block per step with its number, thread, CPU (a kernel trace's),
 * function, statement and changes. A plain model's step has no thread or function: one line.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import { escapeText as t } from '../../model/safeText.js';
import type { Palette } from './colour.js';
import { shortNote, showValue, type TraceView } from './TraceView.js';
import { explainProperty } from './propertyGlossary.js';
import { wrapText } from './wrapText.js';
import { LOOP_STARTS, loopBack } from './loopMarks.js';

/** A changed value; an empty string is quoted, as it would read as a missing value. */
function value(v: unknown): string {
  return v === '' ? '""' : showValue(v);
}

/** The step's first line and the indent of the lines under it. */
function headOf(s: RenderedStep, width: number, cpus: boolean, marker: string, p: Palette): [string, string] {
  const number = `${marker}${String(s.step).padStart(4)}  `;
  if (s.thread === '' && s.fn === '') return [`${number}${t(s.code)}`, ' '.repeat(7)];
  const cpu = cpus ? `${s.cpu === undefined ? '    ' : `cpu${s.cpu}`}  ` : '';
  // A kernel statement is indented two past its function; a model file's is under it.
  return [`${number}${t(s.thread).padEnd(width)}  ${cpu}${p.bold(t(s.fn))}`, ' '.repeat(width + (cpus ? 17 : 9))];
}

function stepLines(
  s: RenderedStep,
  width: number,
  cpus: boolean,
  failing: string | undefined,
  notes: readonly string[],
  p: Palette,
): string[] {
  const marker = failing !== undefined ? p.bad('>') : notes.length ? p.warn('*') : ' ';
  const [head, indent] = headOf(s, width, cpus, marker, p);
  const lines = s.thread === '' && s.fn === '' ? [head] : [head, `${indent}${t(s.code)}`];
  for (const c of s.changes) lines.push(p.dim(`${indent}${t(c.field)}: ${value(c.from)} → ${value(c.to)}`));
  for (const n of notes) lines.push(p.warn(`${indent}* ${shortNote(n)} (see Why)`));
  if (failing !== undefined) lines.push(p.bad(`${indent}✗ ${t(failing)}`));
  return lines;
}

/**
 * Every step of the trace, the failing one marked `>` and the steps that set it up marked `*`; a
 * lasso's loop between a line before its first step and one after the last that says where it goes back to.
 */
export function stepList(view: TraceView, p: Palette): string[] {
  const width = Math.max(6, ...view.steps.map((s) => t(s.thread).length));
  const last = view.steps.length - 1;
  const lines = view.steps.flatMap((s, i) => {
    const notes = view.references.filter((r) => r.step === s.step).map((r) => r.note);
    const loop = i === view.cycleStart ? [p.warn(`── ${LOOP_STARTS} ──`)] : [];
    return [...loop, ...stepLines(s, width, view.cpus === true, i === last ? view.failure : undefined, notes, p)];
  });
  if (view.cycleStart !== undefined) lines.push(p.warn(`── ${loopBack(view.cycleStart)} ──`));
  return lines;
}

/**
 * The explanation under a trace: the failure, the earlier steps that set it up, and the kernel's
 * rule the property stands for (a model file's property has no rule beyond its name).
 */
export function whyLines(view: TraceView): string[] {
  if (view.failure === undefined) return [];
  const rule =
    view.property === undefined || view.ruleVersions === undefined
      ? []
      : wrapText(`The rule (${view.property}): ${explainProperty(view.property, view.ruleVersions)}`, 98).map(
          (l) => `  ${l}`,
        );
  return ['', `Why: ${t(view.failure)}.`, ...view.references.map((r) => `  step ${r.step}: ${r.note}`), ...rule];
}
