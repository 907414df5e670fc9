/**
 * What both program models share about a state's canonical encoding (each thread's stack as its
 * size, then its integers, before the shared part) and about how a step shows in a trace.
 */
import { List } from 'immutable';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import type { ActionView } from '../ActionView.js';
import type { Stack } from './ProgramState.js';
import type { StepDef } from './Step.js';
import type { ThreadSpec } from './ThreadSpec.js';

/** Writes every thread's stack: its size, then its integers. */
export function encodeStacks(threads: List<Stack>, sink: EncodeSink): void {
  for (let t = 0; t < threads.size; t++) {
    const stack = threads.get(t)!;
    sink.int(stack.size);
    for (let i = 0; i < stack.size; i++) sink.int(stack.get(i)!);
  }
}

/** Reads back the stacks of `count` threads written by `encodeStacks`. */
export function decodeStacks(count: number, source: DecodeSource): List<Stack> {
  const stacks: Stack[] = [];
  for (let t = 0; t < count; t++) {
    const size = source.int();
    const frames: number[] = [];
    for (let i = 0; i < size; i++) frames.push(source.int());
    stacks.push(List(frames));
  }
  return List(stacks);
}

/** The trace view of `step` taken by thread `spec`. */
export function stepView<G>(spec: ThreadSpec, step: StepDef<G>): ActionView {
  const { fn, code, kind } = step;
  return {
    thread: spec.name,
    fn,
    code,
    ...(spec.cpu === undefined ? {} : { cpu: spec.cpu }),
    ...(kind === undefined ? {} : { kind }),
  };
}

/** An action view as one line: `thread: function: statement`. */
export function formatStepView(v: ActionView): string {
  return `${v.thread}: ${v.fn}: ${v.code}`;
}
