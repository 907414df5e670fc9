/** The history table as text (a terminal table with a legend), Markdown, or a JSON value. */
import type { History, HistoryCell } from './runHistory.js';
import {
  cellText,
  errorNotes,
  incompleteNotes,
  notableCells,
  notApplicableNotes,
  rowName,
  shortLabel,
} from './historyCells.js';
import { escapeText } from '../../model/safeText.js';
import { count } from '../render/plural.js';

const n = (x: number) => x.toLocaleString('en-US');

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
}

/** The re-run template and one command per notable cell. */
function commandLines(h: History): string[] {
  const notable = notableCells(h);
  const template = h.rows[0]?.cells[0]?.command
    .replace(/--kernel \S+/, '--kernel <kernel>')
    .replace(/--srcu \S+/, '--srcu <srcu>')
    .replace(/--property \S+$/, '--property <id>');
  return [
    `re-run any cell:  ${escapeText(template ?? '')}`,
    ...notable.map(
      ({ row, cell }) => `  ${rowName(row).padEnd(14)} ${cellText(cell.verdict).padEnd(6)} ${escapeText(cell.command)}`,
    ),
  ];
}

function totals(h: History): string {
  const runs = h.rows.reduce((s, r) => s + r.runs, 0);
  const states = h.rows.reduce((s, r) => s + r.states, 0);
  const scheme = h.perProperty ? 'one run per property' : 'shared runs';
  return `${count(h.rows.length, 'row')}, ${count(runs, 'run')} (${scheme}), ${count(states, 'state')} explored, ${(h.elapsedMs / 1000).toFixed(2)} s`;
}

/** The terminal table: versions as rows, properties as columns, then the legend and the commands. */
export function historyText(h: History): string {
  const head = ['kernel', 'srcu', ...h.properties.map(shortLabel), 'states', 'runs'];
  const body = h.rows.map((r) => [
    r.kernel,
    r.srcu,
    ...r.cells.map((c) => cellText(c.verdict)),
    n(r.states),
    String(r.runs),
  ]);
  const widths = head.map((_h, i) => Math.max(...[head, ...body].map((row) => row[i]!.length)));
  const lines = [
    `history    ${escapeText(h.scenario.name)}${h.scenario.description ? `: ${escapeText(h.scenario.description)}` : ''}`,
    '',
  ];
  lines.push(pad(head, widths), ...body.map((row) => pad(row, widths)), '');
  lines.push(
    'ok: holds on every reachable state   ✗ N: violated, shortest counterexample N steps   n/a: no step can violate it   ?: incomplete',
  );
  lines.push(`columns: ${h.properties.map((id) => `${shortLabel(id)} = ${id}`).join(', ')}`);
  const notes = notApplicableNotes(h);
  if (notes.length)
    lines.push(
      '',
      'not applicable:',
      ...notes.map((x) => `  ${shortLabel(x.property)} (${x.rows.join(', ')}): ${x.reason}`),
    );
  const incomplete = incompleteNotes(h);
  if (incomplete.length) lines.push('', 'incomplete:', ...incomplete.map((x) => `  ${x.rows.join(', ')}: ${x.reason}`));
  const errors = errorNotes(h);
  if (errors.length)
    lines.push(
      '',
      'errors:',
      ...errors.map((x) => `  ${x.row} (${x.properties.map(shortLabel).join(', ')}): ${escapeText(x.message)}`),
    );
  lines.push('', ...commandLines(h), '', totals(h));
  return lines.join('\n') + '\n';
}

/** A Markdown table with full property ids, then the notes and commands. */
export function historyMarkdown(h: History): string {
  const md = (v: Parameters<typeof cellText>[0]) =>
    v.kind === 'violated' ? `**violated (${v.length})**` : cellText(v);
  const lines = [`### History of \`${escapeText(h.scenario.name)}\``, ''];
  if (h.scenario.description) lines.push(escapeText(h.scenario.description), '');
  lines.push(`| kernel | srcu | ${h.properties.map((p) => `\`${p}\``).join(' | ')} | states |`);
  lines.push(`|---|---|${h.properties.map(() => '---').join('|')}|---:|`);
  for (const r of h.rows)
    lines.push(`| ${r.kernel} | ${r.srcu} | ${r.cells.map((c) => md(c.verdict)).join(' | ')} | ${n(r.states)} |`);
  lines.push(
    '',
    'ok: holds on every reachable state; violated (N): shortest counterexample of N steps; n/a: no step of that row can violate the property; ?: incomplete.',
  );
  const notes = notApplicableNotes(h);
  if (notes.length) lines.push('', ...notes.map((x) => `- n/a \`${x.property}\` (${x.rows.join(', ')}): ${x.reason}`));
  const incomplete = incompleteNotes(h);
  if (incomplete.length) lines.push('', ...incomplete.map((x) => `- ? (${x.rows.join(', ')}): ${x.reason}`));
  const errors = errorNotes(h);
  if (errors.length)
    lines.push(
      '',
      ...errors.map(
        (x) => `- error ${x.row} (${x.properties.map((p) => `\`${p}\``).join(', ')}): ${escapeText(x.message)}`,
      ),
    );
  const notable = notableCells(h);
  if (notable.length)
    lines.push(
      '',
      'Re-run a cell:',
      '',
      ...notable.map(({ row, cell }) => `- ${rowName(row)} \`${cell.property}\`: \`${cell.command}\``),
    );
  lines.push('', totals(h));
  return lines.join('\n') + '\n';
}

function jsonCell(c: HistoryCell): Record<string, unknown> {
  const { kind, ...details } = c.verdict;
  return { verdict: kind, ...details, command: c.command };
}

/** The JSON report of a history: every cell with its verdict and re-run command. */
export function historyJson(h: History): unknown {
  return {
    formatVersion: 1,
    tool: 'mmucheck',
    scenario: { name: h.scenario.name, description: h.scenario.description },
    properties: h.properties,
    scheme: h.perProperty ? 'per-property' : 'shared',
    rows: h.rows.map((r) => ({
      kernel: r.kernel,
      srcu: r.srcu,
      states: r.states,
      runs: r.runs,
      elapsedMs: r.elapsedMs,
      cells: Object.fromEntries(r.cells.map((c) => [c.property, jsonCell(c)])),
    })),
    elapsedMs: h.elapsedMs,
  };
}
