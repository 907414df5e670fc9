/** The entry of a search worker thread: builds its model, then expands the level ranges it is sent. */
import { parentPort } from 'node:worker_threads';
import { loadModel } from './ModelSource.js';
import { LevelWorker } from './LevelWorker.js';
import type { FromWorker, ToWorker } from './messages.js';
import { copyRegions } from './TableGrowth.js';

const port = parentPort;
if (!port) throw new Error('workerEntry must run in a worker thread');

let worker: LevelWorker<unknown, unknown> | undefined;
const reply = (msg: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

port.on('message', async (msg: ToWorker) => {
  switch (msg.type) {
    case 'init':
      try {
        worker = new LevelWorker(await loadModel(msg.source), msg.control, msg.maxStates, msg.symmetry, msg.coverage);
        reply({ type: 'ready' });
      } catch (e) {
        reply({ type: 'initError', message: (e as Error).message ?? String(e) });
      }
      break;
    case 'level': {
      reply(worker!.expandLevel(msg));
      break;
    }
    case 'grow':
      reply(copyRegions(msg));
      break;
    case 'close':
      port.close();
      break;
  }
});
