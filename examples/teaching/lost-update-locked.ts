/** The lost update fixed with a spin lock around each increment. See lost-update.ts for the proof idea. */
import { lostUpdate } from './lost-update.js';

export const name = 'lost-update-locked';
export const description = 'two threads add 1 to a shared counter twice each, under a spin lock';
export const model = lostUpdate(true);
