/**
 * The worker side of `runOnProgramThread`: runs the program on the arguments it was started with,
 * sends its output and exit code to the main thread, and asks a running search to stop once the
 * main thread has raised the shared stop flag. Errors that model code raises outside any step end
 * the run as a model error (strayErrors.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProgram } from './createProgram.js';
import type { Io } from './Io.js';
import type { FromProgram, ProgramStart } from './programThread.js';
import { GUARD_WORD, PHASE, stopReasonOf } from './guardMessages.js';
import { guardStrayErrors } from './strayErrors.js';

const start = workerData as ProgramStart;
const send = (m: FromProgram) => parentPort!.postMessage(m);
const io: Io = {
  out: (text) => send({ type: 'out', text }),
  err: (text) => send({ type: 'err', text }),
  stdoutIsTty: start.stdoutIsTty,
  stderrIsTty: start.stderrIsTty,
  stopRequested: () => stopReasonOf(Atomics.load(start.stop, GUARD_WORD.stop)),
  guard: {
    arm: (limits) => {
      Atomics.store(start.stop, GUARD_WORD.phase, PHASE.searching);
      send({ type: 'arm', limits });
    },
    fallback: (fallback) => send({ type: 'fallback', fallback }),
    // Said at once in shared memory, where a busy main thread may read the message late.
    disarm: () => {
      Atomics.store(start.stop, GUARD_WORD.phase, PHASE.reporting);
      send({ type: 'disarm' });
    },
    checkpointing: (active) =>
      Atomics.store(start.stop, GUARD_WORD.phase, active ? PHASE.checkpointing : PHASE.searching),
  },
};
const guard = guardStrayErrors(io, start.args.includes('--debug'));
const code = await createProgram({ ...io, loadingModelFile: guard.loadingModelFile, strayError: guard.firstError }).run(
  start.args,
);
send({ type: 'exit', code: await guard.settle(code) });
guard.onLateError((late) => send({ type: 'exit', code: late }));
