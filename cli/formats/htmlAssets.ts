/** The inline style and script of the HTML report: no network, no external files. */

/** Where code may break besides its spaces: after `(`, `,`, `.` or `->` with more code after it. */
export const CODE_BREAK_AFTER = /(?<=[(,.]|->)(?=[^\s)])/;

/** The page's CSS. */
export const HTML_STYLE = `
:root { --bad: #b00020; --warn: #8a6d00; --good: #1b6e20; --line: #c8c8c8; --sel: #e3efff; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0 0 4px; }
.verdict { font-weight: 600; }
.verdict.violation, .verdict.model-error { color: var(--bad); }
.verdict.ok { color: var(--good); }
.verdict.incomplete { color: var(--warn); }
.muted { color: #666; font-size: 12px; }
main { display: flex; align-items: flex-start; gap: 16px; padding: 12px 20px; }
#traces { flex: 1 1 60%; overflow-x: auto; }
section.trace + section.trace { margin-top: 24px; border-top: 2px solid var(--line); }
#details { flex: 1 1 40%; min-width: min-content; position: sticky; top: 8px; max-height: 96vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
table.lanes { border-collapse: collapse; width: 100%; }
table.lanes th:first-child { width: 3em; }
table.lanes th { position: sticky; top: 0; background: #fff; border-bottom: 2px solid var(--line); padding: 4px 6px; text-align: left; white-space: nowrap; }
table.lanes td { vertical-align: top; padding: 2px 6px; }
table.lanes td.lane { border-left: 2px solid var(--line); min-width: 12em; }
table.lanes td.num { text-align: right; color: #666; font-variant-numeric: tabular-nums; cursor: pointer; }
tr[data-step] { cursor: pointer; }
tr.selected td { background: var(--sel); }
.step { display: block; width: 100%; text-align: left; font: inherit; background: #fafafa; border: 1px solid var(--line); border-left: 4px solid var(--c, #888); border-radius: 4px; padding: 3px 6px; cursor: pointer; }
.step .fn { font-weight: 600; font-size: 12px; overflow-wrap: normal; }
.step code, pre.code { font: 12px/1.3 ui-monospace, monospace; white-space: pre-wrap; word-break: normal; overflow-wrap: normal; }
.nw { white-space: nowrap; }
.step.ref { background: #fff6d0; }
.step.failing { background: #fde0e0; border-color: var(--bad); }
.note { color: var(--warn); font-size: 12px; }
.step .chg { color: #666; font: 11px ui-monospace, monospace; }
.failure { color: var(--bad); font-weight: 600; }
table.state { border-collapse: collapse; width: 100%; font: 12px ui-monospace, monospace; }
table.state td { border-bottom: 1px solid #eee; padding: 2px 4px; }
table.state tr.changed td { background: #fff3c0; font-weight: 600; }
section.why li { cursor: pointer; }
tr.loop-start td, tr.loop-back td { color: var(--bad); font-weight: 600; font-size: 12px; border-top: 1px dashed var(--bad); }
tr.loop-back { cursor: pointer; }
`;

/** The page's script: shows the state and the diff of the step clicked (arrow keys move). */
export const HTML_SCRIPT = `
(function () {
  // One trace per section: the run's, or (check --continue) one per violated property.
  var several = document.getElementById('mmucheck-violations');
  var traces = several ? JSON.parse(several.textContent) : [JSON.parse(document.getElementById('mmucheck-data').textContent)];
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.trace'));
  var panel = document.getElementById('details');
  var data = traces[0];
  var active = 0;
  var current = 0;
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  // As codeHtml in htmlReport.ts: a line may break at a space or after ( , . or -> only, never inside a name.
  function code(s) {
    return String(s).split(/(\\s+)/).map(function (part) {
      return /^\\s*$/.test(part) ? part : part.split(${CODE_BREAK_AFTER}).map(function (seg) { return '<span class="nw">' + esc(seg) + '</span>'; }).join('<wbr>');
    }).join('');
  }
  function rows(obj, changed) {
    return Object.keys(obj).map(function (k) {
      return '<tr' + (changed.has(k) ? ' class="changed"' : '') + ' data-field="' + esc(k) + '"><td>' + code(k) + '</td><td>' + code(obj[k]) + '</td></tr>';
    }).join('');
  }
  function show(t, n) {
    active = t;
    data = traces[t];
    current = n;
    var step = n === 0 ? null : data.steps[n - 1];
    var state = step ? step.state : data.initial;
    var changed = new Set(step ? step.changes.map(function (c) { return c.field; }) : []);
    document.querySelectorAll('tr.selected').forEach(function (e) { e.classList.remove('selected'); });
    var row = sections[t].querySelector('tr[data-step="' + n + '"]');
    if (row) row.classList.add('selected');
    var h = traces.length > 1 ? '<p class="muted">' + (t + 1) + ' of ' + traces.length + ': ' + esc(data.headline) + '</p>' : '';
    h += step
      ? '<h2 id="details-title">Step ' + n + ': ' + esc(step.thread) + (step.cpu === null ? '' : ' (cpu' + step.cpu + ')') + '</h2><div class="fn">' + code(step.fn) + '</div><pre class="code">' + code(step.code) + '</pre>'
      : '<h2 id="details-title">Initial state</h2>';
    if (step && step.failure) h += '<p class="failure">✗ ' + esc(step.failure) + '</p>';
    if (step) step.notes.forEach(function (note) { h += '<p class="note">* ' + esc(note) + '</p>'; });
    // A lasso: its loop starts at the state after step cycleStart, and its last step leads back there.
    if (data.cycleStart !== undefined && n === data.cycleStart) h += '<p class="failure">↻ loop starts here: after step ' + data.steps.length + ' the run is back at this state, forever</p>';
    if (data.cycleStart !== undefined && n === data.steps.length) h += '<p class="failure">↻ then back to ' + (data.cycleStart === 0 ? 'the initial state' : 'the state after step ' + data.cycleStart) + ', forever</p>';
    if (step) {
      h += '<h3>Changes</h3>';
      h += step.changes.length
        ? '<table class="state" id="diff">' + step.changes.map(function (c) { return '<tr><td>' + code(c.field) + '</td><td>' + code(c.from) + '</td><td>→</td><td>' + code(c.to) + '</td></tr>'; }).join('') + '</table>'
        : '<p class="muted">no field changed</p>';
    }
    h += '<h3>' + (step ? 'State after step ' + n : 'State') + '</h3><table class="state" id="state">' + rows(state.view, changed) + '</table>';
    h += '<h3>Threads</h3><table class="state" id="threads">' + rows(state.threads, new Set()) + '</table>';
    panel.innerHTML = h;
  }
  sections.forEach(function (section, t) {
    section.querySelectorAll('[data-step]').forEach(function (el) {
      el.addEventListener('click', function (e) { e.stopPropagation(); show(t, Number(el.getAttribute('data-step'))); });
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && current < data.steps.length) { show(active, current + 1); e.preventDefault(); }
    if (e.key === 'ArrowUp' && current > 0) { show(active, current - 1); e.preventDefault(); }
  });
  // #violation-N opens on the N-th trace.
  var asked = /^#violation-(\\d+)$/.exec(location.hash);
  var first = asked ? Math.min(Math.max(Number(asked[1]), 1), traces.length) - 1 : 0;
  show(first, traces[first].steps.length);
})();
`;
