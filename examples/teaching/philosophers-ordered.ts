/** Five dining philosophers taking the lower-numbered fork first: no deadlock. See philosophers.ts for the proof idea. */
import { philosophers } from './philosophers.js';

export const name = 'philosophers-ordered';
export const description = 'five dining philosophers, each taking the lower-numbered fork first';
export const model = philosophers(5, true);
