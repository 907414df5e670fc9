/**
 * `--format dot`: the counterexample as a Graphviz graph, states top to bottom. Each edge is a step
 * (number, thread, function, statement) in its thread's colour; each state lists the fields the
 * step changed. The steps that set the failure up are yellow, the failing state red. A lasso's
 * last state is the state its loop began at again: a dashed back edge leads from it to that state,
 * which is marked as the loop's start.
 */
import type { RunView } from '../report/RunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import { shortNote, showValue } from '../render/TraceView.js';
import { leftLabel, quote, threadColour } from './dotText.js';
import { LOOP_START_HERE, loopBack } from '../render/loopMarks.js';

/** The header lines every graph of a run starts with. */
export function graphTitle(run: RunView): string {
  const o = run.outcome;
  const verdict =
    o.kind === 'violation'
      ? `${run.continued ? run.continued.entries.map((e) => e.violation.propertyId).join(', ') : o.violations[0]!.propertyId} violated`
      : o.kind === 'ok'
        ? 'all properties hold'
        : o.kind;
  return `${run.name}: ${verdict}`;
}

/** The node attributes that mark state `node` as where a lasso's loop starts (a later statement adds to its earlier ones). */
function loopStartNode(indent: string, node: string): string {
  return `${indent}${node} [xlabel=${quote(LOOP_START_HERE)}, peripheries=2];`;
}

/**
 * The DOT text of `run`'s counterexample (the initial state alone when there is none); for a run of
 * `check --continue` that found violations, one graph with a cluster per violated property, each
 * its own counterexample, in the order found.
 */
export function dotTrace(run: RunView): string {
  const c = run.continued;
  const lines = [
    `digraph ${c === undefined ? 'counterexample' : 'counterexamples'} {`,
    `  label=${quote(`${graphTitle(run)}\n${run.command}`)}; labelloc=t; fontname="monospace";`,
    '  node [shape=box, fontname="monospace", fontsize=10];',
    '  edge [fontname="monospace", fontsize=9];',
  ];
  if (c === undefined) lines.push(...traceLines(run, 's', '  '));
  else
    c.entries.forEach((e, i) => {
      const title = `${i + 1} of ${c.entries.length}: ${e.violation.propertyId} (${e.view.steps.length} steps)`;
      lines.push(
        `  subgraph cluster_${i + 1} {`,
        `    label=${quote(title)};`,
        ...traceLines(e.view, `v${i + 1}s`, '    '),
        '  }',
      );
    });
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The nodes and edges of `run`'s trace, the state after step n named `${prefix}${n}`. */
function traceLines(run: RunView, prefix: string, indent: string): string[] {
  const view = traceViewOfRun(run);
  const tids = new Map(view.threads.map((t, i) => [t.name, i]));
  const lines = [`${indent}${prefix}0 [label=${leftLabel(['initial state'])}];`];
  if (view.cycleStart === 0) lines.push(loopStartNode(indent, `${prefix}0`));
  view.steps.forEach((s, i) => {
    const failing = i === view.steps.length - 1 && view.failure !== undefined;
    const notes = view.references.filter((r) => r.step === s.step).map((r) => `* ${shortNote(r.note)}`);
    const body = [
      `after step ${s.step}`,
      ...s.changes.map((c) => `${c.field}: ${showValue(c.from)} → ${showValue(c.to)}`),
      ...notes,
      ...(failing ? [`✗ ${view.failure}`] : []),
    ];
    const style = failing
      ? ', style=filled, fillcolor="#f8d0d0", color="#c00000"'
      : notes.length
        ? ', style=filled, fillcolor="#fff3c0"'
        : '';
    lines.push(`${indent}${prefix}${s.step} [label=${leftLabel(body)}${style}];`);
    if (s.step === view.cycleStart) lines.push(loopStartNode(indent, `${prefix}${s.step}`));
    const colour = threadColour(tids.get(s.thread) ?? 0);
    const label = leftLabel([`${s.step}  ${s.thread}${s.cpu === undefined ? '' : ` (cpu${s.cpu})`}`, s.fn, s.code], 50);
    lines.push(
      `${indent}${prefix}${s.step - 1} -> ${prefix}${s.step} [label=${label}, color=${quote(colour)}, fontcolor=${quote(colour)}];`,
    );
  });
  if (view.cycleStart !== undefined) {
    const back = quote(`${loopBack(view.cycleStart)}: repeats forever`);
    lines.push(
      `${indent}${prefix}${view.steps.length} -> ${prefix}${view.cycleStart} [label=${back}, style=dashed, color="#c00000", fontcolor="#c00000", constraint=false];`,
    );
  }
  return lines;
}
