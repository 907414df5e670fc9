/** The lookup takes its reference with a plain kref_get(): it resurrects an object being released. See kref.ts. */
import { kref } from './kref.js';

export const name = 'kref-resurrect';
export const description =
  'a table lookup takes a reference with a plain kref_get() while the owner drops the last one';
export const model = kref(false);
