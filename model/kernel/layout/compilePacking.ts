/**
 * The packing of a record kind between its slots and its encoding words, compiled from its layout
 * into one straight line of shifts and masks by constants, as one would write it by hand. A loop
 * over the layout instead made reading and writing a packed state about three times slower (a
 * micro-benchmark of KernelMem's readFrom and writeTo), and the search does one or the other for
 * every state it expands and every successor it generates. Only integers of the layout go into the
 * compiled source, never a name.
 */
import type { FieldLayout } from './RecordLayout.js';

/** Writes the encoding of the record whose slots start at `a[at]` to `out[n…]`; returns where it ended. */
export type Pack = (a: ArrayLike<number>, at: number, out: Int32Array, n: number) => number;

/** Reads the encoding at `data[at…]` into the slots from `a[to]` on; returns where the encoding ended. */
export type Unpack = (data: ArrayLike<number>, at: number, a: Int32Array, to: number) => number;

/** `fields` in slot order, packed into `words` words. */
export function compilePack(fields: readonly FieldLayout[], words: number): Pack {
  const lines = Array.from({ length: words }, (_, w) => {
    const terms = fields
      .filter((f) => f.word === w)
      .map((f) => {
        const value = f.bias === 0 ? `a[at + ${f.slot}]` : `(a[at + ${f.slot}] + ${f.bias})`;
        return f.shift === 0 ? value : `(${value} << ${f.shift})`;
      });
    return `out[n + ${w}] = ${terms.join(' | ')};`;
  });
  return new Function('a', 'at', 'out', 'n', `'use strict';\n${lines.join('\n')}\nreturn n + ${words};`) as Pack;
}

/** The inverse of `compilePack`'s function: each field shifted down, masked and unbiased. */
export function compileUnpack(fields: readonly FieldLayout[], words: number): Unpack {
  const lines = Array.from({ length: words }, (_, w) => `const w${w} = data[at + ${w}];`);
  for (const f of fields) {
    const code = `w${f.word}`;
    const bits =
      f.mask === -1 ? code : f.shift === 0 ? `(${code} & ${f.mask})` : `((${code} >>> ${f.shift}) & ${f.mask})`;
    lines.push(`a[to + ${f.slot}] = ${f.bias === 0 ? bits : `${bits} - ${f.bias}`};`);
  }
  return new Function('data', 'at', 'a', 'to', `'use strict';\n${lines.join('\n')}\nreturn at + ${words};`) as Unpack;
}
