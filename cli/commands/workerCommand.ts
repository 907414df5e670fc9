/**
 * `mmucheck worker URL`: joins the distributed runs of a Redis store and takes their tasks, run
 * after run (with --once, until the run it joined ends), until SIGINT/SIGTERM. It listens on no
 * port: everything goes through the store.
 */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { DistributedWorker } from '../../checker/distributed/DistributedWorker.js';
import type { RunRecord } from '../../checker/distributed/RunRecord.js';
import { InputError } from '../../model/InputError.js';
import type { Model } from '../../model/Model.js';
import { buildKernelModel } from '../../properties/buildKernelModel.js';
import { modelDigest } from '../checkpoint/RunManifest.js';
import { recordModel } from '../distributed/clusterSource.js';
import { openStore } from '../distributed/openStore.js';
import { EXIT } from '../exitCodes.js';
import type { Io } from '../Io.js';
import { durationOption } from '../parseOptions.js';

interface WorkerFlags {
  readonly once?: boolean;
  /** Milliseconds without the store after which the worker exits. */
  readonly giveUp?: number;
  readonly quiet?: boolean;
  readonly id?: string;
}

/** Adds the `worker` command; `setExit` receives the exit code. */
export function addWorkerCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('worker')
    .description('take tasks of the distributed runs in a Redis store (started by check --cluster URL) until stopped')
    .argument('<url>', 'the store: redis://[user:password@]host:port[,host:port…] or rediss://… (TLS)')
    .option('--once', 'exit when the run this worker joined ends')
    .option('--id <name>', "this worker's name in the store (default: host name and process id)")
    .option(
      '--give-up <duration>',
      'exit (code 3) when the store has not answered for this long: 30s, 2m (default: 15s)',
      durationOption,
    )
    .option('--quiet', 'say nothing on stderr')
    .action(async (url: string, flags: WorkerFlags) => {
      const note = (text: string) => {
        if (flags.quiet !== true) io.err(`mmucheck worker: ${text}\n`);
      };
      const opened = await openStore(url, 'worker', note, flags.giveUp);
      const shown = opened.url.shown;
      const id = flags.id ?? `${hostname()}-${process.pid}`;
      const modelOf = async (record: RunRecord): Promise<Model<unknown, unknown>> => {
        const { scenario } = recordModel(record, shown);
        const model = buildKernelModel(scenario) as unknown as Model<unknown, unknown>;
        if (modelDigest(model) !== record.modelDigest)
          throw new InputError(
            'holds a run of a model this mmucheck builds differently: it cannot take part',
            undefined,
            shown,
          );
        return model;
      };
      const worker = new DistributedWorker(opened.store, id, {
        modelOf,
        note,
        shouldStop: () => io.stopRequested?.() !== undefined,
      });
      try {
        const end = await worker.serve(flags.once === true);
        note(`${end === 'stopped' ? 'stopped' : 'the run ended'} after ${worker.done} tasks`);
        setExit(EXIT.ok);
      } catch (e) {
        if (e instanceof InputError) throw e;
        if (opened.store.status !== 'end') throw e;
        io.err(
          `mmucheck worker: lost the store at ${shown} (${(e as Error).message}); a task it held is taken over by another worker when its lease lapses\n`,
        );
        setExit(EXIT.incomplete);
      } finally {
        opened.store.disconnect();
      }
    });
}
