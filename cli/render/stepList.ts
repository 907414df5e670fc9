/** The list view of a trace: one block per step with its number, thread, CPU, function, statement and changes. */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Palette } from './colour.js';
import { shortNote, showValue, type TraceView } from './TraceView.js';
import { explainProperty } from './propertyGlossary.js';
import { wrapText } from './wrapText.js';

function stepLines(
  s: RenderedStep,
  width: number,
  failing: string | undefined,
  notes: readonly string[],
  p: Palette,
): string[] {
  const marker = failing !== undefined ? p.bad('>') : notes.length ? p.warn('*') : ' ';
  const head = `${marker}${String(s.step).padStart(4)}  ${s.thread.padEnd(width)}  ${s.cpu === undefined ? '    ' : `cpu${s.cpu}`}  ${p.bold(s.fn)}`;
  const indent = ' '.repeat(width + 17);
  const lines = [head, `${indent}${s.code}`];
  for (const c of s.changes) lines.push(p.dim(`${indent}${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`));
  for (const n of notes) lines.push(p.warn(`${indent}* ${shortNote(n)} (see Why)`));
  if (failing !== undefined) lines.push(p.bad(`${indent}✗ ${failing}`));
  return lines;
}

/** Every step of the trace, the failing one marked `>` and the steps that set it up marked `*`. */
export function stepList(view: TraceView, p: Palette): string[] {
  const width = Math.max(6, ...view.steps.map((s) => s.thread.length));
  const last = view.steps.length - 1;
  return view.steps.flatMap((s, i) => {
    const notes = view.references.filter((r) => r.step === s.step).map((r) => r.note);
    return stepLines(s, width, i === last ? view.failure : undefined, notes, p);
  });
}

/** The explanation under a trace: the failure, the earlier steps that set it up, and the rule the property stands for. */
export function whyLines(view: TraceView): string[] {
  if (view.failure === undefined) return [];
  const rule =
    view.property === undefined
      ? []
      : wrapText(`The rule (${view.property}): ${explainProperty(view.property, view.ruleVersions)}`, 98).map(
          (l) => `  ${l}`,
        );
  return ['', `Why: ${view.failure}.`, ...view.references.map((r) => `  step ${r.step}: ${r.note}`), ...rule];
}
