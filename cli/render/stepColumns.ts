/**
 * The column view of a trace (`--columns`): one column per thread, time running down, like a
 * sequence diagram, so the interleaving shows at a glance. A thread's lifeline `│` runs until it
 * finishes; each step is written in its own thread's column.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Palette } from './colour.js';
import { shortNote, showValue, type TraceThread, type TraceView } from './TraceView.js';
import { wrapText } from './wrapText.js';

const PREFIX = 6;
const GAP = 2;
const MIN_COLUMN = 16;

/** A line of a cell: its text and how to colour it once padded. */
type CellLine = readonly [string, (s: string) => string];

function cellOf(s: RenderedStep, width: number, notes: readonly string[], failing: string | undefined, p: Palette): CellLine[] {
  const lines: CellLine[] = wrapText(s.fn, width).map((t) => [t, p.bold]);
  for (const t of wrapText(s.code, width)) lines.push([t, (x) => x]);
  for (const c of s.changes) for (const t of wrapText(`${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`, width)) lines.push([t, p.dim]);
  for (const n of notes) for (const t of wrapText(`* ${shortNote(n)}`, width)) lines.push([t, p.warn]);
  if (failing !== undefined) for (const t of wrapText(`✗ ${failing}`, width)) lines.push([t, p.bad]);
  return lines;
}

function label(t: TraceThread): string {
  return t.cpu === undefined ? t.name : `${t.name} cpu${t.cpu}`;
}

/** The trace as columns within `width` characters (each column at least 16 wide). */
export function stepColumns(view: TraceView, width: number, p: Palette): string[] {
  const moving = new Set(view.steps.map((s) => s.thread));
  const lanes = view.threads.filter((t) => moving.has(t.name));
  const idle = view.threads.filter((t) => !moving.has(t.name)).map((t) => t.name);
  const cw = Math.max(MIN_COLUMN, Math.floor((width - PREFIX - GAP * (lanes.length - 1)) / Math.max(1, lanes.length)));
  const pad = (s: string) => s.padEnd(cw);
  const join = (prefix: string, cells: string[]) => (prefix + cells.join(' '.repeat(GAP))).trimEnd();
  const alive = (t: TraceThread, step: number) => (view.finishedAt?.get(t.name) ?? Infinity) >= step;
  const lifeline = (t: TraceThread, step: number) => (alive(t, step) ? p.dim(pad('│')) : pad(''));
  const lines = [join('step'.padEnd(PREFIX), lanes.map((t) => p.bold(pad(label(t).slice(0, cw))))), join(' '.repeat(PREFIX), lanes.map(() => '─'.repeat(cw)))];
  const last = view.steps.length - 1;
  view.steps.forEach((s, i) => {
    const notes = view.references.filter((r) => r.step === s.step).map((r) => r.note);
    const failing = i === last ? view.failure : undefined;
    const cell = cellOf(s, cw, notes, failing, p);
    const marker = failing !== undefined ? p.bad('>') : notes.length ? p.warn('*') : ' ';
    if (i > 0) lines.push(join(' '.repeat(PREFIX), lanes.map((t) => lifeline(t, s.step))));
    cell.forEach(([text, colour], row) => {
      const prefix = row === 0 ? `${marker}${String(s.step).padStart(3)}  ` : ' '.repeat(PREFIX);
      lines.push(join(prefix, lanes.map((t) => (t.name === s.thread ? colour(pad(text)) : lifeline(t, s.step)))));
    });
  });
  if (idle.length) lines.push('', `threads without a step in this trace: ${idle.join(', ')}`);
  return lines;
}
