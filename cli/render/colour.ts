/** ANSI colour for terminals only; a no-op palette otherwise. */

/** The colours a report uses. */
export interface Palette {
  bad(s: string): string;
  good(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/** A palette that colours when `enabled`. */
export function palette(enabled: boolean): Palette {
  if (!enabled) {
    const id = (s: string) => s;
    return { bad: id, good: id, warn: id, dim: id, bold: id };
  }
  return { bad: wrap('1;31'), good: wrap('1;32'), warn: wrap('1;33'), dim: wrap('2'), bold: wrap('1') };
}
