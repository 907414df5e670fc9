/** Peterson's algorithm with `turn = other` written before `flag[me] = true`: see peterson.ts for why this breaks it. */
import { peterson } from './peterson.js';

export const name = 'peterson-broken';
export const description = "Peterson's algorithm with the flag raised after the turn is given away";
export const model = peterson(true);
