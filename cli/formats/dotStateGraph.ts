/**
 * `--format dot --graph`: the whole reachable state graph of a small scenario or model file. Nodes are numbered in
 * breadth-first order (their tooltip holds the full state); edges are coloured by the thread that
 * moves; states that violate a property are red, and the counterexample's path is drawn bold.
 * After a counterexample, the graph stops where the check stopped: at the counterexample's depth
 * (the states there are drawn, not expanded), so it shows no state the check did not reach.
 */
import { fingerprint, fingerprintHex } from '../../checker/fingerprint.js';
import { encoderOf } from '../../checker/search/SearchForm.js';
import type { RunView } from '../report/RunView.js';
import { quote, threadColour } from './dotText.js';
import { graphTitle } from './dotTrace.js';
import { stateGraph } from './stateGraph.js';
import { count } from '../render/plural.js';

function tooltip(run: RunView, state: unknown): string {
  const { view, threads } = run.stateVars(state);
  return [
    ...Object.entries(view).map(([f, v]) => `${f}: ${v}`),
    ...Object.entries(threads).map(([t, at]) => `${t} at ${at}`),
  ].join('\n');
}

/** The depth at which the check stopped: a counterexample's length, or Infinity (every reachable state). */
function stoppedAt(run: RunView): number {
  const o = run.outcome;
  // A `sometimes` property without a witness is a fact of a complete search: the whole graph was explored.
  if (o.kind !== 'violation' || o.violations.every((v) => v.noWitness === true)) return Infinity;
  return o.trace.steps.length;
}

/** The DOT text of the state graph of `run`'s model; bad input when it has too many states. */
export function dotStateGraph(run: RunView, limit?: number): string {
  const trace = run.trace;
  const depth = stoppedAt(run);
  const graph = stateGraph(run.model, limit, depth);
  const encode = encoderOf(run.model);
  const onPath = new Set(
    trace ? [trace.initial, ...trace.steps.map((s) => s.state)].map((s) => fingerprintHex(fingerprint(s, encode))) : [],
  );
  const names = run.threads.map((t) => t.name);
  /** A program thread's action is its number; any other action is named as its step is. */
  const edgeName = (from: unknown, action: unknown): { name: string; colour: number } =>
    typeof action === 'number' && names[action] !== undefined
      ? { name: names[action]!, colour: action }
      : { name: run.model.formatAction?.(from, action) ?? String(action), colour: 0 };
  const lines = [
    'digraph states {',
    `  label=${quote(`${graphTitle(run)}: ${count(graph.nodes.length, 'state')}, ${count(graph.edges.length, 'transition')}${depth === Infinity ? '' : `, to depth ${depth} (where the check stopped)`}`)}; labelloc=t; fontname="monospace";`,
    '  node [shape=circle, fontname="monospace", fontsize=9, width=0.3];',
    '  edge [fontname="monospace", fontsize=8, arrowsize=0.5];',
  ];
  for (const n of graph.nodes) {
    const label = n.id === 0 ? 'init' : n.violated.length ? `${n.id}\n✗ ${n.violated.join('\n')}` : String(n.id);
    const style = n.violated.length
      ? ', style=filled, fillcolor="#f8d0d0", color="#c00000"'
      : onPath.has(n.key)
        ? ', penwidth=2'
        : '';
    lines.push(`  n${n.id} [label=${quote(label)}, tooltip=${quote(tooltip(run, n.state))}${style}];`);
  }
  for (const e of graph.edges) {
    const bold = onPath.has(graph.nodes[e.from]!.key) && onPath.has(graph.nodes[e.to]!.key) ? ', penwidth=2.5' : '';
    const edge = edgeName(graph.nodes[e.from]!.state, e.action);
    const colour = quote(threadColour(edge.colour));
    lines.push(`  n${e.from} -> n${e.to} [label=${quote(edge.name)}, color=${colour}, fontcolor=${colour}${bold}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
