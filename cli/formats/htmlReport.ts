/**
 * `--format html`: one self-contained offline page (inline CSS and script, no network). A lane per
 * thread that moves, the steps in order down the page, each in its thread's lane; clicking a step
 * shows the full state after it (the named view and where each thread stands) with the diff.
 */
import type { ContinuedView, RunView } from '../report/RunView.js';
import { INCOMPLETE_REASONS } from '../render/incompleteReasons.js';
import { LOOP_STARTS, lassoShape, loopBack } from '../render/loopMarks.js';
import { CODE_BREAK_AFTER, HTML_SCRIPT, HTML_STYLE } from './htmlAssets.js';
import { htmlData, type HtmlData, type HtmlStep } from './htmlData.js';
import { count, properties } from '../render/plural.js';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Code as HTML that a narrow lane wraps only at its spaces and after `(`, `,`, `.` and `->`: the
 * pieces between are kept whole (a browser would otherwise break `mn->ops` after the `-`).
 */
export function codeHtml(s: string): string {
  const piece = (part: string) =>
    part
      .split(CODE_BREAK_AFTER)
      .map((seg) => `<span class="nw">${escapeHtml(seg)}</span>`)
      .join('<wbr>');
  return s
    .split(/(\s+)/)
    .map((part) => (/^\s*$/.test(part) ? part : piece(part)))
    .join('');
}

function stepCard(s: HtmlStep, colour: string): string {
  const cls = s.failure !== null ? ' failing' : s.notes.length ? ' ref' : '';
  const title = s.notes.length ? ` title="${escapeHtml(s.notes.join('\n'))}"` : '';
  return (
    `<button class="step${cls}" data-step="${s.step}" style="--c: ${colour}"${title}>` +
    `<div class="fn">${codeHtml(s.fn)}</div><code>${codeHtml(s.code)}</code>` +
    s.changes
      .map((c) => `<div class="chg">${codeHtml(`${c.field}: ${String(c.from)} → ${String(c.to)}`)}</div>`)
      .join('') +
    (s.failure !== null ? `<div class="failure">✗ ${escapeHtml(s.failure)}</div>` : '') +
    `</button>`
  );
}

/** A row across the lanes that marks a lasso's loop; the row back to its start shows that state when clicked. */
function loopRow(cls: string, text: string, step: number | undefined, span: number): string {
  const at = step === undefined ? '' : ` data-step="${step}"`;
  return `<tr class="${cls}"${at}><td class="num">↻</td><td class="lane loop" colspan="${span}">${escapeHtml(text)}</td></tr>`;
}

function lanesTable(data: HtmlData): string {
  const lanes = data.threads.filter((t) => t.moves);
  const head = lanes
    .map(
      (t) =>
        `<th class="lane-head" style="color: ${t.colour}">${escapeHtml(t.name || 'steps')}${t.cpu === null ? '' : ` <span class="muted">cpu${t.cpu}</span>`}</th>`,
    )
    .join('');
  const initial = `<tr data-step="0"><td class="num">0</td><td class="lane" colspan="${Math.max(1, lanes.length)}"><span class="muted">initial state</span></td></tr>`;
  const span = Math.max(1, lanes.length);
  const rows = data.steps.map((s) => {
    const cells = lanes
      .map((t) => `<td class="lane">${t.name === s.thread ? stepCard(s, t.colour) : ''}</td>`)
      .join('');
    const loop = s.step === (data.cycleStart ?? -1) + 1 ? loopRow('loop-start', LOOP_STARTS, undefined, span) : '';
    return `${loop}<tr data-step="${s.step}"><td class="num">${s.step}</td>${cells}</tr>`;
  });
  const back =
    data.cycleStart === undefined ? '' : loopRow('loop-back', loopBack(data.cycleStart), data.cycleStart, span);
  return `<table class="lanes"><thead><tr><th>#</th>${head}</tr></thead><tbody>${initial}${rows.join('')}${back}</tbody></table>`;
}

function whyList(data: HtmlData, id: string): string {
  if (!data.references.length) return '';
  const items = data.references
    .map((r) => `<li data-step="${r.step}"><a href="#step-${r.step}">step ${r.step}</a>: ${escapeHtml(r.note)}</li>`)
    .join('');
  return `<section id="${id}" class="why"><h2>Why</h2><ul>${items}</ul></section>`;
}

/** One trace's section: a line on how to use it, its lanes, and why it fails; `n` counts the sections from 1 (0: the page's only one). */
function traceSection(data: HtmlData, n: number, title: string): string {
  const idle = data.threads.filter((t) => !t.moves).map((t) => t.name);
  return `<section ${n === 0 ? 'id="trace"' : `id="violation-${n}"`} class="trace">
${title}${data.steps.length ? `<p class="muted">${count(data.steps.length, 'step')}${data.cycleStart === undefined ? '' : ` that loop forever (${lassoShape(data.cycleStart, data.steps.length)})`}; click a step (or use the arrow keys) to see the state after it.${idle.length ? ` Threads without a step: ${escapeHtml(idle.join(', '))}.` : ''}</p>` : '<p class="muted">No counterexample: the initial state is shown.</p>'}
${lanesTable(data)}
${whyList(data, n === 0 ? 'why' : `why-${n}`)}
</section>`;
}

/**
 * The traces of a run of `check --continue` that found violations: links to each, then a section
 * per violated property, in the order found; the page's data holds each trace's (`mmucheck-violations`).
 */
function continuedSections(c: ContinuedView): { html: string; data: HtmlData[] } {
  const data = c.entries.map((e) => htmlData(e.view));
  const links = c.entries
    .map(
      (e, i) =>
        `<li><a href="#violation-${i + 1}">${escapeHtml(e.violation.propertyId)}</a> <span class="muted">${e.violation.noWitness ? 'no witness' : count(e.view.steps.length, 'step')}</span></li>`,
    )
    .join('');
  const cut =
    c.incomplete === undefined
      ? ''
      : `<p class="verdict incomplete">incomplete (${escapeHtml(c.incomplete)}): ${escapeHtml(INCOMPLETE_REASONS[c.incomplete])} while searching for more violations; the properties not listed are not proven</p>`;
  const sections = c.entries.map((e, i) =>
    traceSection(
      data[i]!,
      i + 1,
      `<h2>${i + 1} of ${c.entries.length}: ${escapeHtml(e.violation.propertyId)}</h2><p class="verdict violation">${escapeHtml(data[i]!.headline)}</p>\n`,
    ),
  );
  return {
    html: `<nav id="violations"><h2>${escapeHtml(properties(c.entries.length))} violated, each with its own shortest counterexample</h2><ol>${links}</ol>${cut}</nav>\n${sections.join('\n')}`,
    data,
  };
}

/** The HTML page of `run`. */
export function htmlReport(run: RunView): string {
  const data = htmlData(run);
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const continued = run.continued === undefined ? undefined : continuedSections(run.continued);
  const headline = run.continued
    ? `${run.continued.entries.map((e) => e.violation.propertyId).join(', ')} violated`
    : data.headline;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>mmucheck: ${escapeHtml(data.scenario)} (${escapeHtml(data.verdict)})</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>mmucheck: ${escapeHtml(data.scenario)}</h1>
<div class="muted">${escapeHtml(data.description)}</div>
<p class="verdict ${escapeHtml(data.verdict)}" id="verdict">${escapeHtml(headline)}</p>
<div class="muted">${escapeHtml(data.stats)} · reproduce: <code>${escapeHtml(data.command)}</code></div>
</header>
<main>
<div id="traces">
${continued === undefined ? traceSection(data, 0, '') : continued.html}
</div>
<aside id="details"></aside>
</main>
<script type="application/json" id="mmucheck-data">${json(data)}</script>
${continued === undefined ? '' : `<script type="application/json" id="mmucheck-violations">${json(continued.data)}</script>\n`}<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
