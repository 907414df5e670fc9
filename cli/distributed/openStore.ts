/**
 * Opens the store a command names: its address parsed, a connection made, and a first answer
 * awaited briefly, so that an address where no Redis answers is reported as bad input (exit 2)
 * rather than waited on.
 */
import { parseClusterUrl, type ClusterUrl } from '../../checker/distributed/clusterUrl.js';
import { connectStore, DEFAULT_GIVE_UP_MS, type Store } from '../../checker/distributed/StoreConnection.js';
import { InputError } from '../../model/InputError.js';

const FIRST_ANSWER_MS = 5000;

/** An open store and how to hear of its reconnections. */
export interface OpenedStore {
  readonly store: Store;
  readonly url: ClusterUrl;
  onReconnect(listener: () => void): void;
}

export async function openStore(
  text: string,
  option: string,
  note: (text: string) => void,
  giveUpAfterMs = DEFAULT_GIVE_UP_MS,
): Promise<OpenedStore> {
  const url = parseClusterUrl(text, option);
  const listeners: (() => void)[] = [];
  const store = connectStore(url, giveUpAfterMs, () => {
    note(`reconnected to ${url.shown}`);
    for (const l of listeners) l();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.ping(),
      // A first connection refused is an answer: no Redis there (later losses are waited out).
      new Promise((_r, reject) => store.once('error', reject)),
      new Promise((_r, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${FIRST_ANSWER_MS / 1000} s`)), FIRST_ANSWER_MS);
      }),
    ]);
  } catch (e) {
    store.disconnect();
    throw new InputError(`cannot reach Redis at ${url.shown}: ${(e as Error).message}`, undefined, option);
  } finally {
    clearTimeout(timer);
  }
  return { store, url, onReconnect: (l) => listeners.push(l) };
}
