/** Counts in words: "1 property", "2 properties", "1,657 states". */

/** `n` (with thousands separators) and `word`, in the plural unless `n` is 1; `plural` defaults to `word` + "s". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;
}

/** "1 property", "2 properties". */
export function properties(n: number): string {
  return count(n, 'property', 'properties');
}
