/**
 * Kernel states and environments for tests of the kernel model's pieces (hlist, SRCU, views,
 * encoding), built from scenario JSON the way a user writes it, so the tests need no knowledge of
 * how an environment is assembled; and the bridge that runs the packed-memory helpers on them.
 */
import { buildKernelModel, type KernelModel } from '../../properties/buildKernelModel.js';
import { parseScenario } from '../../model/kernel/parseScenario.js';
import type { KernelEnv } from '../../model/kernel/KernelEnv.js';
import type { KernelState } from '../../model/kernel/state/KernelState.js';
import { decodeKernel, encodeKernel } from '../../model/kernel/encode.js';
import type { KernelShape } from '../../model/kernel/layout/KernelShape.js';
import { KernelMem } from '../../model/kernel/KernelMem.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';

/** A scenario file's fields; the defaults are the seed's, with two CPUs and classic SRCU. */
export type ScenarioJson = Record<string, unknown>;

const SEED: ScenarioJson = {
  kernel: 'v3.17',
  listeners: [{ behaviour: 'amdkfd', maps: true }],
  threads: [
    { kind: 'exit', cpu: 0 },
    { kind: 'reader', count: 1, cpu: 1 },
    { kind: 'module-exit', cpu: 0, synchronize: true },
  ],
};

/** The model, its environment and its initial shared state for the seed changed by `fields`. */
export function kernelAt(fields: ScenarioJson = {}): { model: KernelModel; env: KernelEnv; g: KernelState } {
  const model = buildKernelModel(parseScenario({ ...SEED, ...fields }, 'fixture.json'));
  return { model, env: model.env, g: model.initStates()[0]!.shared };
}

/** `n` listeners of `behaviour` (registered in order, so the list reads L(n-1) … L0). */
export function listenersOf(n: number, behaviour = 'amdkfd'): ScenarioJson {
  return { listeners: Array.from({ length: n }, () => ({ behaviour })) };
}

/** The notifier list as listener indices, from its head. */
export function listOrder(g: KernelState): number[] {
  const order: number[] = [];
  for (let l = g.nmm.first; l >= 0 && order.length <= g.listeners.size; l = g.listeners.get(l)!.next) order.push(l);
  return order;
}

/** The faults a step recorded, as `property: message`. */
export function faultsOf(g: KernelState): string[] {
  return g.faults.map((f) => `${f.property}: ${f.message}`).toArray();
}

/** The integers `encodeKernel` writes for `g` (strings as their char codes after their length). */
export function encodingOf(g: KernelState): number[] {
  const out: number[] = [];
  encodeKernel(g, {
    int: (v) => out.push(v | 0),
    string: (s) => out.push(s.length, ...Array.from(s, (c) => c.charCodeAt(0))),
  });
  return out;
}

/** How many listeners, threads and callback queues `g` has. */
export function shapeOf(g: KernelState): KernelShape {
  return { listeners: g.listeners.size, mirrors: g.mirrors.size, threads: g.srcuNesting.size, queues: g.queues.size };
}

/** Packed memory of `g`'s shape holding `g`, ready for a step to build a successor in it. */
export function memOf(g: KernelState): KernelMem {
  const m = new KernelMem(shapeOf(g));
  m.a = new Int32Array(m.width);
  m.base = 0;
  const buffer = new IntBuffer();
  encodeKernel(g, buffer);
  if (m.readFrom(buffer.data, 0) !== buffer.length)
    throw new Error('the kernel state encodes longer or shorter than its packed memory reads');
  m.begin();
  return m;
}

/** The kernel state the packed memory `m` holds. */
export function stateOf(m: KernelMem): KernelState {
  const buffer = new IntBuffer();
  m.writeTo(buffer);
  const source = new IntReader(buffer.data, 0, buffer.length);
  const g = decodeKernel(
    { listeners: m.listenerCount, mirrors: m.mirrorCount, threads: m.threadCount, queues: m.queueCount },
    source,
  );
  if (!source.done) throw new Error('the packed state wrote more than a kernel state');
  return g;
}

/** `g` after `f` changed it in place, as a step of the model does. */
export function withMem(g: KernelState, f: (m: KernelMem) => void): KernelState {
  const m = memOf(g);
  f(m);
  return stateOf(m);
}

/** What `f` reads from `g` in packed form. */
export function readMem<T>(g: KernelState, f: (m: KernelMem) => T): T {
  return f(memOf(g));
}

/** The packed-memory operation `op(env, m, ...args)` as a function from a state to the state after it. */
export function onState<A extends unknown[]>(
  op: (env: KernelEnv, m: KernelMem, ...args: A) => void,
): (env: KernelEnv, g: KernelState, ...args: A) => KernelState {
  return (env, g, ...args) => withMem(g, (m) => op(env, m, ...args));
}
