/**
 * The code flow of a counterexample in SARIF 2.1.0: one thread flow per thread that moves,
 * each location a step with its global `executionOrder`, its `kinds` (acquire/release for locks and
 * SRCU, …) and the fields it changed as `state`.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import type { SrcuImpl } from '../../model/kernel/Scenario.js';
import type { TraceThread, TraceView } from '../render/TraceView.js';
import { showValue } from '../render/TraceView.js';
import { kernelSourceFile } from './kernelSourceFile.js';
import { count } from '../render/plural.js';
import { LOOP_START_HERE, lassoShape, loopBack } from '../render/loopMarks.js';

/** The uriBaseId of kernel source files: the root of a kernel tree of the scenario's version. */
export const KERNEL_SRC = 'KERNEL_SRC';

/** SARIF's threadFlowLocation kinds for each step kind of the model (the model's own word is kept last). */
const KINDS: Readonly<Record<string, readonly string[]>> = {
  acquire: ['acquire', 'lock'],
  release: ['release', 'lock'],
  'srcu-lock': ['acquire', 'enter', 'scope'],
  'srcu-unlock': ['release', 'exit', 'scope'],
  call: ['call', 'function'],
  free: ['release', 'memory'],
  wait: ['wait'],
  queue: ['call', 'resource'],
  check: ['branch'],
};

/** The kinds of a step: SARIF's words, the model's kind, and `danger` for the failing step. */
export function stepKinds(kind: string | undefined, failing: boolean): string[] {
  const kinds = kind === undefined ? [] : [...(KINDS[kind] ?? []), kind];
  if (failing) kinds.push('danger');
  return [...new Set(kinds)];
}

/** Where a step is, as a SARIF location. */
export type StepLocator = (s: RenderedStep) => Record<string, unknown>;

/** Where a kernel step is: its kernel function (logical), its file when known (physical), its statement. */
export function kernelStepLocator(srcu: SrcuImpl): StepLocator {
  return (s) => {
    const file = kernelSourceFile(s.fn, srcu);
    return {
      ...(file ? { physicalLocation: { artifactLocation: { uri: file, uriBaseId: KERNEL_SRC } } } : {}),
      logicalLocations: [{ name: s.fn, fullyQualifiedName: s.fn, kind: 'function' }],
      message: { text: s.code },
    };
  };
}

/** Where a model file's step is: the model file (physical), its function when it has one (logical), its statement. */
export function modelFileStepLocator(file: string): StepLocator {
  return (s) => ({
    physicalLocation: { artifactLocation: { uri: encodeURI(file.split('\\').join('/')) } },
    ...(s.fn === '' ? {} : { logicalLocations: [{ name: s.fn, fullyQualifiedName: s.fn, kind: 'function' }] }),
    message: { text: s.code },
  });
}

function threadFlowLocation(s: RenderedStep, view: TraceView, locate: StepLocator): Record<string, unknown> {
  const failing = s.step === view.steps.length && view.failure !== undefined;
  const essential = failing || view.references.some((r) => r.step === s.step);
  const state = Object.fromEntries(
    s.changes.map((c) => [
      c.field,
      { text: showValue(c.to), markdown: `\`${showValue(c.from)}\` → \`${showValue(c.to)}\`` },
    ]),
  );
  const kinds = stepKinds(s.kind, failing);
  const location = locate(s);
  // A lasso's first loop step says the loop starts here; its last, where the loop goes back to.
  const loopStart = view.cycleStart !== undefined && s.step === view.cycleStart + 1;
  const loopEnd = view.cycleStart !== undefined && s.step === view.steps.length;
  const loopNote = [
    ...(loopStart ? [`${LOOP_START_HERE}: the steps from here on repeat forever`] : []),
    ...(loopEnd && view.cycleStart !== undefined ? [`then ${loopBack(view.cycleStart)}`] : []),
  ];
  const message = location['message'] as { text: string } | undefined;
  return {
    executionOrder: s.step,
    location: loopNote.length
      ? { ...location, message: { text: [message?.text ?? '', ...loopNote].filter((x) => x !== '').join(' — ') } }
      : location,
    ...(kinds.length || loopStart ? { kinds: loopStart ? [...kinds, 'loop-start'] : kinds } : {}),
    ...(s.changes.length ? { state } : {}),
    importance: essential || loopStart ? 'essential' : s.changes.length ? 'important' : 'unimportant',
    ...(loopStart ? { properties: { loopStart: true } } : {}),
  };
}

/** The threads of the view, then any thread a step names that the view does not list (a plain model's actors, or none: ''). */
function flowThreads(view: TraceView): readonly TraceThread[] {
  const named = new Set(view.threads.map((t) => t.name));
  const others = [...new Set(view.steps.map((s) => s.thread).filter((t) => !named.has(t)))];
  return [...view.threads, ...others.map((name) => ({ name }))];
}

/** One code flow: a thread flow for each thread that takes a step, in model order; undefined for an empty trace. `name` says what the trace is. */
export function codeFlow(
  view: TraceView,
  locate: StepLocator,
  name = 'shortest counterexample',
): Record<string, unknown> | undefined {
  const threadFlows = flowThreads(view)
    .map((t) => ({ t, steps: view.steps.filter((s) => s.thread === t.name) }))
    .filter(({ steps }) => steps.length > 0)
    .map(({ t, steps }) => ({
      id: t.name === '' ? 'model' : t.name,
      message: { text: t.name === '' ? 'the model' : t.cpu === undefined ? t.name : `${t.name} on cpu${t.cpu}` },
      locations: steps.map((s) => threadFlowLocation(s, view, locate)),
    }));
  if (threadFlows.length === 0) return undefined;
  const c = view.cycleStart;
  const lasso = c === undefined ? '' : `, looping forever (${lassoShape(c, view.steps.length)}, ${loopBack(c)})`;
  return {
    message: {
      text:
        name === 'shortest counterexample'
          ? `the shortest interleaving that violates the property: ${count(view.steps.length, 'step')}${lasso}`
          : `an interleaving that violates the property (${name}): ${count(view.steps.length, 'step')}${lasso}`,
    },
    threadFlows,
    // a lasso: the state after step cycleStart (0: the initial state) is where the last step leads back to
    ...(c === undefined ? {} : { properties: { cycleStart: c } }),
  };
}
