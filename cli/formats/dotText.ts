/** Small pieces of Graphviz DOT: quoted strings, left-justified multi-line labels, thread colours. */
import { wrapText } from '../render/wrapText.js';

/** A DOT string literal; a line break becomes DOT's centred-line escape `\n`. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A label of left-justified lines, each wrapped at `width` characters (`\l` ends a line in DOT). */
export function leftLabel(lines: readonly string[], width = 60): string {
  const wrapped = lines.flatMap((l) => wrapText(l, width));
  return `"${wrapped.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\l')}\\l"`;
}

const COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
];

/** The colour of thread number `tid`, the same in every graph. */
export function threadColour(tid: number): string {
  return COLOURS[tid % COLOURS.length]!;
}
