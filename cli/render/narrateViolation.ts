/**
 * `mmucheck explain` for a violation: the counterexample told step by step, for a student — who
 * moves, which C statement, what it does in kernel terms, what changed — with the steps that set
 * the failure up called out, then the property's rule and why this interleaving breaks it.
 */
import { LOOP_STARTS, lassoShape, loopBack, loopState } from './loopMarks.js';
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Violation } from '../../checker/Outcome.js';
import type { Palette } from './colour.js';
import { explainStatement } from './kernelGlossary.js';
import { explainProperty } from './propertyGlossary.js';
import { showValue, type TraceView } from './TraceView.js';
import { wrapText } from './wrapText.js';
import { count } from './plural.js';

/** The width narratives are wrapped at. */
export const NARRATIVE_WIDTH = 100;

/** A paragraph wrapped under `indent`. */
export function paragraph(text: string, indent: string, width = NARRATIVE_WIDTH): string[] {
  return wrapText(text, width - indent.length).map((l) => indent + l);
}

/** How a narrative explains a property and a step: in kernel terms, or (for a model file) in the model's own. */
export interface NarrativeGlossary {
  /** What property `id` means. */
  property(id: string, view: TraceView): string;
  /** What the statement of step `s` does, when the glossary knows. */
  statement(s: RenderedStep): string | undefined;
}

/** The kernel's glossary: each property's rule and each kernel statement in words. */
export const KERNEL_GLOSSARY: NarrativeGlossary = {
  property: (id, view) => explainProperty(id, view.ruleVersions),
  statement: explainStatement,
};

function narrateStep(s: RenderedStep, view: TraceView, glossary: NarrativeGlossary, p: Palette): string[] {
  const last = s.step === view.steps.length;
  const notes = view.references.filter((r) => r.step === s.step);
  const marker = last ? p.bad('>') : notes.length ? p.warn('*') : ' ';
  const indent = '        ';
  const lines = [
    s.thread === '' && s.fn === ''
      ? `${marker}${String(s.step).padStart(4)}:`
      : `${marker}${String(s.step).padStart(4)}  ${p.bold(s.thread)}${s.cpu === undefined ? '' : ` (cpu${s.cpu})`} in ${p.bold(s.fn)}:`,
    `${indent}${s.code}`,
  ];
  const what = glossary.statement(s);
  // A capitalised entry is a whole sentence; a verb phrase gets the thread's name in front.
  if (what) lines.push(...paragraph(/^[A-Z]/.test(what) ? `${what}.` : `${s.thread} ${what}.`, indent));
  if (s.changes.length)
    lines.push(
      ...paragraph(
        `changes: ${s.changes.map((c) => `${c.field} ${showValue(c.from)} → ${showValue(c.to)}`).join('; ')}`,
        indent,
      ).map(p.dim),
    );
  for (const r of notes) lines.push(...paragraph(`This sets up the failure: ${r.note}.`, indent).map(p.warn));
  if (last && view.failure !== undefined) lines.push(...paragraph(`✗ ${view.failure}.`, indent).map(p.bad));
  return lines;
}

/** The narrated account of a counterexample of `violations` (the first is the primary one). */
export function narrateViolation(
  view: TraceView,
  violations: readonly Violation[],
  p: Palette,
  glossary: NarrativeGlossary = KERNEL_GLOSSARY,
): string[] {
  const [primary, ...others] = violations;
  if (!primary) return [];
  const lines = [p.bad(`VIOLATED  ${primary.propertyId}: ${primary.propertyName}`)];
  if (others.length)
    lines.push(`          also violated at the same step: ${others.map((v) => v.propertyId).join(', ')}`);
  lines.push('', 'What the property means:', ...paragraph(glossary.property(primary.propertyId, view), '  '));
  if (view.steps.length === 0) return [...lines, '', ...paragraph(`${primary.message}.`, '  ')];
  const n = view.steps.length;
  const c = view.cycleStart;
  const shape = c === undefined ? '' : ` that loop forever, ${lassoShape(c, n)}`;
  lines.push(
    '',
    `How it fails, step by step (${count(n, 'step')}${shape}: the shortest interleaving that breaks it):`,
    '',
  );
  for (const [i, s] of view.steps.entries()) {
    if (i === c) lines.push(p.warn(`    ── ${LOOP_STARTS} ──`));
    lines.push(...narrateStep(s, view, glossary, p));
  }
  if (c !== undefined) lines.push(p.warn(`    ── ${loopBack(c)} ──`));
  lines.push('', 'In short:');
  for (const r of view.references)
    lines.push(
      ...paragraph(`step ${r.step}: ${r.note};`, '    ').map((l, i) => (i === 0 ? `  - ${l.trimStart()}` : l)),
    );
  if (c === undefined) lines.push(...paragraph(`so at step ${n}, ${primary.message}.`, '  '));
  else
    lines.push(
      ...paragraph(
        `the run never ends: after step ${n} it is back at ${loopState(c)}, so steps ${c + 1} to ${n} repeat forever, and what the property promises never happens: ${primary.message}.`,
        '  ',
      ),
    );
  return lines;
}
