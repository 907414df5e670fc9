/**
 * The explorer's page: one self-contained document (inline style and script, nothing from the
 * network; the server's Content-Security-Policy allows only its own API). It reuses the HTML
 * report's style (cli/formats/htmlAssets.ts) and its way of breaking code between tokens.
 */
import { escapeHtml } from '../formats/htmlReport.js';
import { HTML_STYLE } from '../formats/htmlAssets.js';
import { EXPLORE_SCRIPT } from './exploreScript.js';

/** What the explorer adds to the report's style: the toolbar, the thread cards, one column below 900 px. */
const EXPLORE_STYLE = `
header .bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; }
header button, header input { font: inherit; padding: 3px 8px; }
header input { width: 8em; }
#status { min-height: 1.4em; }
#status.busy { color: var(--warn); }
#status.bad { color: var(--bad); }
.explore { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; padding: 12px 20px; }
.explore section { min-width: 0; }
@media (max-width: 900px) { .explore { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 15px; margin: 10px 0 6px; }
.threads { display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 8px; }
.thread { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; }
.thread h3 { font-size: 13px; margin: 0 0 4px; }
.thread .key { display: inline-block; min-width: 1.4em; text-align: center; border: 1px solid var(--line); border-radius: 3px; font-size: 11px; margin-right: 4px; }
.thread.blocked { background: #fafafa; }
.thread.done { opacity: 0.6; }
.thread .reason { color: var(--warn); font-size: 12px; }
.thread .pending { opacity: 0.7; margin-top: 4px; border-left: 4px solid #bbb; padding-left: 6px; }
.thread .fn { overflow-wrap: anywhere; }
.thread .step + .step { margin-top: 4px; }
.explains, .file { color: #666; font-size: 11px; }
ol.path { list-style: none; padding: 0; margin: 0; }
ol.path li { padding: 2px 4px; border-bottom: 1px solid #eee; cursor: pointer; }
ol.path li.current { background: var(--sel); }
ol.path li.ahead { opacity: 0.5; }
ol.path li.violating { background: #fde0e0; }
ol.path .chg { color: #666; font: 11px ui-monospace, monospace; margin-left: 3.2em; }
ol.path .num { display: inline-block; min-width: 2.5em; color: #666; text-align: right; margin-right: 6px; }
table.props { border-collapse: collapse; width: 100%; font-size: 12px; }
table.props td { border-bottom: 1px solid #eee; padding: 2px 4px; vertical-align: top; }
table.props tr.violated td, table.props tr.error td { background: #fde0e0; color: var(--bad); }
table.props tr.witnessed td, table.props tr.reached td { color: var(--good); }
.found { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin: 8px 20px 0; }
.keys { font-size: 12px; color: #666; }
`;

/** The page for the target named `name` (its data comes from the API). */
export function explorePage(name: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mmucheck explore: ${escapeHtml(name)}</title>
<style>${HTML_STYLE}${EXPLORE_STYLE}</style>
</head>
<body>
<header>
<h1>mmucheck explore: <span id="name">${escapeHtml(name)}</span></h1>
<div class="muted" id="description"></div>
<div class="bar">
<button id="undo" title="u or Backspace">Undo</button>
<button id="random" title="r">Random step</button>
<button id="search" title="s">Shortest violation from here</button>
<label class="muted">within <input id="search-bound" type="number" min="1" step="1"> states</label>
<button id="counterexample" title="c">Load the checker's counterexample</button>
<button id="cancel" disabled>Cancel search</button>
<button id="reset" title="Home">Initial state</button>
</div>
<p id="status" role="status"></p>
<p class="keys">Keys: 1–9 take the step of thread 1–9 · u or Backspace undo · ← → move along the path · Home initial state · r random step · s search · p play the path on · Esc stop</p>
</header>
<div class="found" id="found" hidden></div>
<div class="explore">
<section>
<h2>Threads: the next step of each <span class="muted" id="position"></span></h2>
<div class="threads" id="threads"></div>
<h2>Path <span class="muted" id="path-length"></span></h2>
<ol class="path" id="path"></ol>
</section>
<section>
<h2>Properties at this state</h2>
<table class="props" id="properties"></table>
<h2>State <span class="muted">(fields the last step changed are highlighted)</span></h2>
<table class="state" id="state"></table>
</section>
</div>
<script>${EXPLORE_SCRIPT}</script>
</body>
</html>
`;
}
