/** The necessity table as text (a terminal table with the commands that reproduce each finding), Markdown, or JSON. */
import { escapeText } from '../../model/safeText.js';
import { count } from '../render/plural.js';
import { INCOMPLETE_REASONS } from '../render/incompleteReasons.js';
import type { Necessity, NecessityResult, NecessityRow, RunVerdict } from './runNecessity.js';

/** The widest a statement or a mutation is shown in the text table (Markdown and JSON show all of it). */
const CELL_CHARS = 60;

function clip(s: string): string {
  return s.length <= CELL_CHARS ? s : `${s.slice(0, CELL_CHARS - 1)}…`;
}

/** A row's result in words. */
export function resultText(r: NecessityResult): string {
  switch (r.kind) {
    case 'breaks':
      return `breaks ${r.property} (${count(r.length, 'step')})`;
    case 'not-needed':
      return 'not needed in this scenario';
    case 'fixes':
      return 'every property holds without it';
    case 'incomplete':
      return `incomplete: ${INCOMPLETE_REASONS[r.reason]}`;
    case 'model-error':
      return `model error: ${r.message}`;
  }
}

function baselineText(v: RunVerdict): string {
  switch (v.kind) {
    case 'holds':
      return 'every checked property holds';
    case 'violated':
      return `${v.property} is violated (shortest counterexample ${count(v.length, 'step')})`;
    case 'incomplete':
      return `incomplete: ${INCOMPLETE_REASONS[v.reason]}`;
    case 'model-error':
      return `model error: ${v.message}`;
  }
}

/** How many rows each kind of result has. */
export function tally(n: Necessity): Record<NecessityResult['kind'], number> {
  const t = { breaks: 0, 'not-needed': 0, fixes: 0, incomplete: 0, 'model-error': 0 };
  for (const r of n.rows) t[r.result.kind]++;
  return t;
}

function summary(n: Necessity): string {
  const t = tally(n);
  const parts = [
    `${t.breaks} needed (a property breaks without it)`,
    `${t['not-needed']} not needed in this scenario`,
    ...(t.fixes ? [`${t.fixes} whose removal makes every property hold`] : []),
    ...(t.incomplete ? [`${t.incomplete} incomplete`] : []),
    ...(t['model-error'] ? [`${t['model-error']} model errors`] : []),
  ];
  return `${count(n.rows.length, 'mutant')}: ${parts.join(', ')}; ${(n.elapsedMs / 1000).toFixed(2)} s`;
}

function header(n: Necessity): string[] {
  const s = n.scenario;
  return [
    `necessity  ${escapeText(s.name)} on ${s.kernel}${s.description ? `: ${escapeText(s.description)}` : ''}`,
    `as written ${baselineText(n.baseline)} (${count(n.baselineStates, 'state')})`,
  ];
}

const breaking = (n: Necessity) => n.rows.filter((r) => r.result.kind === 'breaks' || r.result.kind === 'fixes');

/** The terminal table, then the command of every row that breaks something. */
export function necessityText(n: Necessity): string {
  const head = ['#', 'function', 'statement', 'mutation', 'result'];
  const body = n.rows.map((r, i) => [
    String(i + 1),
    r.fn,
    clip(escapeText(r.statement)),
    clip(escapeText(r.change)),
    resultText(r.result),
  ]);
  const widths = head.map((_h, i) => Math.max(...[head, ...body].map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rows = breaking(n);
  return [
    ...header(n),
    '',
    line(head),
    ...body.map(line),
    '',
    summary(n),
    ...(rows.length
      ? [
          '',
          'reproduce a row:',
          ...rows.map((r) => `  ${String(n.rows.indexOf(r) + 1).padStart(3)}  ${escapeText(r.command)}`),
        ]
      : []),
    '',
  ].join('\n');
}

const md = (s: string) => escapeText(s).replace(/\|/g, '\\|');

/** A Markdown table with the full statements and the commands. */
export function necessityMarkdown(n: Necessity): string {
  return [
    `### necessity: ${md(n.scenario.name)} on ${n.scenario.kernel}`,
    '',
    `As written: ${md(baselineText(n.baseline))}.`,
    '',
    '| # | function | statement | mutation | result | reproduce |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...n.rows.map(
      (r, i) =>
        `| ${i + 1} | \`${md(r.fn)}\` | \`${md(r.statement)}\` | ${md(r.change)} | ${md(resultText(r.result))} | ${r.result.kind === 'breaks' || r.result.kind === 'fixes' ? `\`${md(r.command)}\`` : ''} |`,
    ),
    '',
    summary(n),
    '',
  ].join('\n');
}

function rowJson(r: NecessityRow) {
  return {
    id: r.id,
    function: r.fn,
    statement: r.statement,
    mutation: r.mutation.kind === 'delete' ? 'delete' : 'move',
    change: r.change,
    result: r.result,
    states: r.states,
    command: r.command,
  };
}

/** The JSON value: the scenario's name and kernel, the run as written, every row, and the tally. */
export function necessityJson(n: Necessity) {
  return {
    scenario: n.scenario.name,
    kernel: n.scenario.kernel,
    asWritten: { ...n.baseline, states: n.baselineStates },
    rows: n.rows.map(rowJson),
    tally: tally(n),
    elapsedMs: n.elapsedMs,
  };
}
