/** A seqlock reader that only checks the sequence is unchanged, not that it was even: see seqlock.ts. */
import { seqlock } from './seqlock.js';

export const name = 'seqlock-broken';
export const description = 'a seqlock reader that does not wait for an even sequence';
export const model = seqlock(true);
