/**
 * The column view of a trace (`--columns`): one column per thread, time running down, like a
 * sequence diagram, so the interleaving shows at a glance. A thread's lifeline `│` runs until it
 * finishes; each step is written in its own thread's column.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { Palette } from './colour.js';
import { shortNote, showValue, type TraceThread, type TraceView } from './TraceView.js';
import { longestToken, wrapText } from './wrapText.js';
import { LOOP_STARTS, loopBack } from './loopMarks.js';

const PREFIX = 6;
const GAP = 2;
const MIN_COLUMN = 16;

/** A line of a cell: its text and how to colour it once padded. */
type CellLine = readonly [string, (s: string) => string];

/** The texts of a step's cell, each with its colour: function, statement, changes, notes, failure. */
function cellTexts(s: RenderedStep, notes: readonly string[], failing: string | undefined, p: Palette): CellLine[] {
  return [
    [s.fn, p.bold],
    [s.code, (x) => x],
    ...s.changes.map((c): CellLine => [`${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`, p.dim]),
    ...notes.map((n): CellLine => [`* ${shortNote(n)}`, p.warn]),
    ...(failing === undefined ? [] : [[`✗ ${failing}`, p.bad] as CellLine]),
  ];
}

function cellOf(texts: readonly CellLine[], width: number): CellLine[] {
  return texts.flatMap(([text, colour]) => wrapText(text, width).map((t): CellLine => [t, colour]));
}

function label(t: TraceThread): string {
  return t.cpu === undefined ? t.name : `${t.name} cpu${t.cpu}`;
}

/**
 * The trace as columns within `width` characters. Each column is at least 16 wide, and at least as
 * wide as the longest identifier in the trace, so that lines break between tokens, never inside one.
 */
export function stepColumns(view: TraceView, width: number, p: Palette): string[] {
  const moving = new Set(view.steps.map((s) => s.thread));
  const lanes = view.threads.filter((t) => moving.has(t.name));
  const idle = view.threads.filter((t) => !moving.has(t.name)).map((t) => t.name);
  const last = view.steps.length - 1;
  const texts = view.steps.map((s, i) => {
    const notes = view.references.filter((r) => r.step === s.step).map((r) => r.note);
    return {
      notes,
      failing: i === last ? view.failure : undefined,
      texts: cellTexts(s, notes, i === last ? view.failure : undefined, p),
    };
  });
  const fit = Math.floor((width - PREFIX - GAP * (lanes.length - 1)) / Math.max(1, lanes.length));
  const cw = Math.max(MIN_COLUMN, fit, ...texts.flatMap((t) => t.texts.map(([text]) => longestToken(text))));
  const pad = (s: string) => s.padEnd(cw);
  const join = (prefix: string, cells: string[]) => (prefix + cells.join(' '.repeat(GAP))).trimEnd();
  const alive = (t: TraceThread, step: number) => (view.finishedAt?.get(t.name) ?? Infinity) >= step;
  const lifeline = (t: TraceThread, step: number) => (alive(t, step) ? p.dim(pad('│')) : pad(''));
  const lines = [
    join(
      'step'.padEnd(PREFIX),
      lanes.map((t) => p.bold(pad(label(t).slice(0, cw)))),
    ),
    join(
      ' '.repeat(PREFIX),
      lanes.map(() => '─'.repeat(cw)),
    ),
  ];
  view.steps.forEach((s, i) => {
    const { notes, failing } = texts[i]!;
    const cell = cellOf(texts[i]!.texts, cw);
    const marker = failing !== undefined ? p.bad('>') : notes.length ? p.warn('*') : ' ';
    if (i === view.cycleStart) lines.push(p.warn(`── ${LOOP_STARTS} ──`));
    else if (i > 0)
      lines.push(
        join(
          ' '.repeat(PREFIX),
          lanes.map((t) => lifeline(t, s.step)),
        ),
      );
    cell.forEach(([text, colour], row) => {
      const prefix = row === 0 ? `${marker}${String(s.step).padStart(3)}  ` : ' '.repeat(PREFIX);
      lines.push(
        join(
          prefix,
          lanes.map((t) => (t.name === s.thread ? colour(pad(text)) : lifeline(t, s.step))),
        ),
      );
    });
  });
  if (view.cycleStart !== undefined) lines.push(p.warn(`── ${loopBack(view.cycleStart)} ──`));
  if (idle.length) lines.push('', `threads without a step in this trace: ${idle.join(', ')}`);
  return lines;
}
