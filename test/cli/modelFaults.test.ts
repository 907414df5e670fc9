/**
 * Faults inside a model end a run as a model error (exit 4), and the report says where: the step
 * that raised it (thread, CPU, function, statement) and every field of the state it was taken in,
 * for a kernel scenario's report and a model file's alike; a model that breaks the determinism or
 * purity clause of the contract is told which clause and which step.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check } from '../../checker/check.js';
import { checkWithWorkers } from '../../checker/checkWithWorkers.js';
import type { Outcome } from '../../checker/Outcome.js';
import { renderSteps } from '../../checker/renderSteps.js';
import { palette } from '../../cli/render/colour.js';
import { raisingStep } from '../../cli/render/raisingStep.js';
import { textReport } from '../../cli/render/textReport.js';
import { kernelRunView } from '../../cli/report/kernelRunView.js';
import type { CheckRun } from '../../cli/run/kernelRun.js';
import { buildKernelModel, type KernelModelState } from '../../properties/buildKernelModel.js';
import { loadScenario } from '../../model/kernel/loadScenario.js';
import { withThrowingStep } from '../fixtures/faults/throwingKernelStep.js';
import { expectModelError } from '../helpers/expect.js';
import { REPO_ROOT, runCli } from '../helpers/runCli.js';

const FAULTS = join(REPO_ROOT, 'test', 'fixtures', 'faults');
const BUG = 'the driver method invalidate_range_start hit a bug';

/** The block every report of the throwing invalidate_range_start shows: the step, then the state it saw. */
const RAISED_BY = [
  'Raised by the step',
  '    reader0  cpu1  __mmu_notifier_invalidate_range_start',
  '    mn->ops->invalidate_range_start(mn, mm, start, end)',
  'taken in the state after the 2 steps below:',
  '    mm: live',
  '    mm.users: 1',
  '    mm.count: 3',
].join('\n');

/** The seed with a throwing driver method, checked; and its scenario report as `check seed` would print it. */
function throwingSeedRun(): { run: CheckRun; text: string } {
  const scenario = loadScenario('seed');
  const model = withThrowingStep(buildKernelModel(scenario), 'mn->ops->invalidate_range_start', BUG);
  const outcome = check(model);
  const trace = outcome.kind === 'modelError' ? outcome.trace : undefined;
  const run: CheckRun = {
    scenario,
    model,
    outcome,
    command: 'mmucheck check seed',
    steps: trace ? renderSteps(model, trace) : [],
    references: [],
  };
  return { run, text: textReport(kernelRunView(run), palette(false)) };
}

describe('a kernel step that throws', () => {
  it('the scenario report names the thread, CPU, function and statement, and shows the whole state it was taken in', () => {
    const { run, text } = throwingSeedRun();
    expectModelError(run.outcome, new RegExp(`^${BUG}$`));
    expect(text).toContain(`MODEL ERROR: ${BUG}\n\n${RAISED_BY}\n`);
    expect(text).toMatch(/^ {4}srcu\.readers: reader0$/m);
    expect(text).toMatch(/^ {4}listener0: live$/m);
    // The trace ends at the state the step was taken in; its last step is not the one that failed.
    expect(text).toContain('Trace to the state that raised it:');
    expect(text).not.toContain(`✗ ${BUG}`);
  });

  it('a model file wrapping the kernel model: exit 4, the same text, and the step in the JSON report', async () => {
    const file = join(FAULTS, 'throwingKernelStep.ts');
    const text = await runCli(['check', file, '--quiet']);
    expect(text.code).toBe(4);
    expect(text.out).toContain(`MODEL ERROR: ${BUG}\n\n${RAISED_BY}\n`);
    const json = await runCli(['check', file, '--quiet', '--format', 'json']);
    expect(json.code).toBe(4);
    const report = JSON.parse(json.out) as { verdict: string; error: unknown; trace: unknown[] };
    expect(report.verdict).toBe('model-error');
    expect(report.error).toEqual({
      message: BUG,
      step: {
        thread: 'reader0',
        cpu: 1,
        fn: '__mmu_notifier_invalidate_range_start',
        code: 'mn->ops->invalidate_range_start(mn, mm, start, end)',
      },
    });
    expect(report.trace).toHaveLength(2);
  });

  it('two workers report the same step and the same trace as one', async () => {
    const { run } = throwingSeedRun();
    const source = {
      module: pathToFileURL(join(FAULTS, 'throwingKernelStep.ts')).href,
      exportName: 'createModel',
      args: [],
    };
    const parallel = (await checkWithWorkers(run.model, source, { workers: 2 })) as Outcome<KernelModelState, number>;
    const error = expectModelError(parallel, new RegExp(`^${BUG}$`));
    expect(raisingStep(run.model, error)).toEqual(raisingStep(run.model, expectModelError(run.outcome, /./)));
    expect(error.trace?.steps.map((s) => s.action)).toEqual(
      run.outcome.kind === 'modelError' ? run.outcome.trace?.steps.map((s) => s.action) : [],
    );
  });
});

describe('a model that breaks its contract', () => {
  it('actions() in an order that changes between calls: exit 4, and the message says the model is not deterministic', async () => {
    const r = await runCli(['check', join(FAULTS, 'flakyOrder.mjs'), '--quiet']);
    expect(r.code).toBe(4);
    expect(r.out).toContain(
      'MODEL ERROR: the model is not deterministic: replaying the trace, step 2 (action 1) reached a different state than during the search; ' +
        'actions() must list the same actions in the same order for equal states, and nextState() must be pure',
    );
  });

  it('a step that changes the state it is given: exit 4, naming the step and showing the state before it', async () => {
    const r = await runCli(['check', join(FAULTS, 'mutatingStep.mjs'), '--quiet']);
    expect(r.code).toBe(4);
    expect(r.out).toContain(
      'MODEL ERROR: nextState() changed the state it was given: the step "Push at size 0" left it with a different encoding',
    );
    expect(r.out).toContain(
      ['Raised by the step', '    Push at size 0', 'taken in the initial state:', '    size: 0', '    items: []'].join(
        '\n',
      ),
    );
  });

  it('a step that returns a plain object: exit 4, naming the step', async () => {
    const r = await runCli(['check', join(FAULTS, 'plainObjectState.mjs'), '--quiet', '--format', 'json']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out)).toMatchObject({
      verdict: 'model-error',
      error: {
        message: expect.stringMatching(/^the state nextState\(\) returned is a plain object, not an Immutable value/),
        step: { code: 'Inc' },
      },
      initial: { n: 0 },
    });
  });
});
