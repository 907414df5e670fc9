/** Word wrapping for fixed-width terminal columns. */

/** Where a word that is too long may break: after an opening bracket, a comma, an arrow or `&`, or before `_`. */
function breakAt(word: string, width: number): number {
  for (let i = width; i > width / 2; i--) {
    if ('(,>&'.includes(word[i - 1]!) || word[i] === '_') return i;
  }
  return width;
}

/** `text` broken into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= width) {
      line += ` ${rest}`;
      continue;
    }
    // C statements and kernel identifiers have few spaces: a long one fills the line, broken at punctuation.
    const room = width - line.length - 1;
    if (line && rest.length > width && room >= 8) {
      const at = breakAt(rest, room);
      line += ` ${rest.slice(0, at)}`;
      rest = rest.slice(at);
    }
    if (line) lines.push(line);
    while (rest.length > width) {
      const at = breakAt(rest, width);
      lines.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
