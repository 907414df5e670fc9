/**
 * The public modelling API of mmucheck: write a model of your own, give it properties, and check it
 * with the same breadth-first checker, traces and reports as the kernel model.
 *
 * A model is either
 * - a {@link Model}: three pure functions over Immutable.js values (initial states, the enabled
 *   actions of a state in a fixed order, the next state) plus named properties; or
 * - a {@link ProgramModel}: threads running procedures of guarded atomic {@link step}s over shared
 *   variables kept in an Immutable.js {@link Record}; an action is the index of the thread that moves.
 *
 * Properties: {@link always} (an invariant of every reachable state), {@link deadlockFree},
 * {@link sometimes} (some reachable state satisfies it: reported with a shortest witness, or as a
 * failure after a complete search, which catches vacuous models), and the liveness properties
 * {@link eventually} (every run passes a state that satisfies it) and {@link leadsTo} (whenever one
 * thing holds, another holds then or later), judged over every run that ends and every run that
 * goes on forever under the model's {@link Fairness} (a program's threads: weak, by default).
 *
 * Check a model with {@link check} in your own code, or export it from a file (see
 * {@link ModelFile}) and run `mmucheck check ./model.ts`. The tutorial is docs/writing-models.md.
 *
 * @packageDocumentation
 */

// The model contract.
export type { Model } from './model/Model.js';
export type { ModelSymmetry } from './model/ModelSymmetry.js';
export type { ActionView, StateView } from './model/ActionView.js';
export type { Statement } from './model/Statement.js';
export type { EncodeSink } from './model/EncodeSink.js';
export type { DecodeSource } from './model/DecodeSource.js';

// Properties.
export {
  always,
  deadlockFree,
  eventually,
  leadsTo,
  sometimes,
  type AlwaysProperty,
  type DeadlockFreeProperty,
  type EventuallyProperty,
  type LeadsToProperty,
  type LivenessProperty,
  type Property,
  type SometimesProperty,
} from './model/Property.js';
export { FAIRNESS_KINDS, type Fairness, type FairnessKind } from './model/Fairness.js';

// The program kit: threads as programs of guarded atomic steps over shared Immutable.js state.
export { ProgramModel, type ProgramSpec, type ThreadSpec } from './model/program/ProgramModel.js';
export type { ProgramState, Stack } from './model/program/ProgramState.js';
export type { ProcDef } from './model/program/Proc.js';
export {
  call,
  choice,
  label,
  step,
  type BodyItem,
  type CallDef,
  type ChoiceDef,
  type LabelDef,
  type StepDef,
  type StepKind,
} from './model/program/Step.js';
export type { StepContext } from './model/program/StepContext.js';
export type { Frame } from './model/program/Frame.js';

// The packed form: steps written once against packed shared memory, searched without Immutable values.
export { PackedProgram, MAX_FRAMES, type PackedProgramSpec } from './model/program/PackedProgram.js';
export { PackedProgramModel, type PackedProgramModelSpec } from './model/program/PackedProgramModel.js';
export type { PackedShared } from './model/program/PackedShared.js';
export type { PackedExpander } from './model/PackedExpander.js';
export type { IntSink } from './model/IntSink.js';

// Checking and its outcomes.
export { check } from './checker/check.js';
/** Check with worker threads: give the module that builds the model, and results equal `check`'s. */
export { checkWithWorkers, singleThreadReason } from './checker/checkWithWorkers.js';
export type { ModelSource } from './checker/parallel/ModelSource.js';
export { DEFAULT_OPTIONS, type CheckOptions } from './checker/CheckOptions.js';
export type { Stats } from './checker/Stats.js';
export { CoverageTally, type StatementCount } from './checker/StatementCoverage.js';
export type {
  IncompleteOutcome,
  IncompleteReason,
  ModelErrorOutcome,
  OkOutcome,
  Outcome,
  Violation,
  ViolationOutcome,
  Witness,
} from './checker/Outcome.js';
export type { Trace, TraceStep } from './checker/Trace.js';
export { replay, ReplayError } from './checker/replay.js';
export { renderSteps, type FieldChange, type RenderedStep } from './checker/renderSteps.js';

// What `mmucheck check ./model.ts` expects a model file to export.
export type { ModelFile } from './cli/userModel/ModelFile.js';

// Immutable.js, re-exported so that a model and the checker share one copy of it.
export { List, Map, Record, Set, is } from 'immutable';
export type { RecordOf } from 'immutable';
