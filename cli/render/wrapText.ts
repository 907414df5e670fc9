/** Word wrapping for fixed-width terminal columns, at spaces and token boundaries, never inside an identifier. */

const IDENT = /[A-Za-z0-9_$]/;

/** Operators of two characters, which are never split either. */
const OPERATORS = new Set(['->', '&&', '||', '==', '!=', '<=', '>=', '++', '--', '+=', '-=', '<<', '>>']);

/** Whether a line may break between `word[i - 1]` and `word[i]`: not inside an identifier, a hyphenated name, a number or a two-character operator. */
export function isTokenBoundary(word: string, i: number): boolean {
  if (i <= 0 || i >= word.length) return true;
  const before = word[i - 1]!;
  const after = word[i]!;
  if (IDENT.test(before) && IDENT.test(after)) return false;
  // A hyphenated name (`holds-module`, `module-exit`) is one token.
  if (before === '-' && IDENT.test(after) && i >= 2 && IDENT.test(word[i - 2]!)) return false;
  if (after === '-' && IDENT.test(before) && i + 1 < word.length && IDENT.test(word[i + 1]!)) return false;
  // A unary `&`, `*`, `!` or `~` stays with its operand: `&mm->lock`, not `&` and `mm->lock`.
  const unary = '&*!~'.includes(before) && (i < 2 || !/[A-Za-z0-9_$)\]]/.test(word[i - 2]!));
  if (unary && (IDENT.test(after) || after === '(')) return false;
  return !OPERATORS.has(before + after);
}

/** The longest run of `text` that no break may split (an identifier, say), in characters. */
export function longestToken(text: string): number {
  let longest = 0;
  for (const word of text.split(/\s+/)) {
    let start = 0;
    for (let i = 1; i <= word.length; i++) {
      if (i === word.length || isTokenBoundary(word, i)) {
        longest = Math.max(longest, i - start);
        start = i;
      }
    }
  }
  return longest;
}

/**
 * Where a word that is too long for `width` breaks: after an opening bracket, a comma or an arrow
 * where there is one in the second half of the line, else at the last token boundary that
 * fits, else (one token longer than the line) at the end of that token.
 */
function breakAt(word: string, width: number): number {
  for (let i = width; i > width / 2; i--) {
    if ('(,>'.includes(word[i - 1]!) && isTokenBoundary(word, i)) return i;
  }
  for (let i = width; i > 0; i--) if (isTokenBoundary(word, i)) return i;
  let end = width;
  while (end < word.length && !isTokenBoundary(word, end)) end++;
  return end;
}

/** `text` broken into lines of at most `width` characters (more only for a token longer than that), at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= width) {
      line += ` ${rest}`;
      continue;
    }
    // C statements have few spaces: a long one fills the line, broken between tokens.
    const room = width - line.length - 1;
    if (line && rest.length > width && room >= 8) {
      const at = breakAt(rest, room);
      if (at <= room) {
        line += ` ${rest.slice(0, at)}`;
        rest = rest.slice(at);
      }
    }
    if (line) lines.push(line);
    while (rest.length > width) {
      const at = breakAt(rest, width);
      if (at >= rest.length) break;
      lines.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
