/** Bad input from a user: a scenario file, a field, an option. The CLI reports it with exit code 2. */
import { capText } from './safeText.js';

/** How much of a file name and of a field path an error message shows (a field path holds the file's own keys). */
const FILE_MAX_CHARS = 4096;
const FIELD_MAX_CHARS = 200;

/** An error in what the user gave us, naming where (file, field) and what was expected. */
export class InputError extends Error {
  constructor(
    message: string,
    /** The file the error is in, if any. */
    readonly file?: string,
    /** The field path inside the file (e.g. `listeners[0].behaviour`), if any. */
    readonly field?: string,
  ) {
    super(
      [file && capText(file, FILE_MAX_CHARS), field && capText(field, FIELD_MAX_CHARS)].filter(Boolean).join(': ') +
        (file || field ? ': ' : '') +
        message,
    );
    this.name = 'InputError';
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Longer words are not taken for typos (and are not compared letter by letter: a field may be megabytes). */
const TYPO_MAX_CHARS = 64;

/** The closest valid name to a misspelt one, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > TYPO_MAX_CHARS) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "expected one of a, b, c (did you mean b?)". */
export function expectedOneOf(value: string, candidates: readonly string[]): string {
  const guess = closest(value, candidates);
  return `expected one of ${candidates.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`;
}
