/**
 * Statement fingerprints of kernel C source (test/fixtures/kernel-source): the normalisation and
 * fragmentation shared by the generator, which reads the kernel functions the model cites, and the
 * test, which checks every step's statement against them. Only truncated hashes are committed,
 * never the kernel text itself.
 *
 * A function's text is normalised (comments dropped, whitespace kept only between two identifier
 * characters) and cut into fragments: at `;`, `{` and `}` outside parentheses, and around each
 * control head — `if (…)`, `while (…)`, `for (…)`, `switch (…)`, a `…for_each…(…)` loop macro —
 * and after `else`, `do` and a leading `label:`. The fingerprint holds the hash of every run of one
 * to three consecutive fragments, and of each head's condition on its own.
 */
import { createHash } from 'node:crypto';

/** Hex digits kept of each SHA-256 (64 bits: a chance collision among a few thousand hashes is negligible). */
export const HASH_HEX_DIGITS = 16;

/** Runs of up to this many consecutive fragments are hashed. */
export const MAX_RUN = 3;

const IDENT = /[A-Za-z0-9_]/;

/** Drops `/* … *\/` and `// …` comments, leaving string and character literals alone. */
export function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/** Comments dropped; whitespace removed except one space between two identifier characters. */
export function normalise(text: string): string {
  const s = stripComments(text).replace(/\s+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== ' ') {
      out += c;
      continue;
    }
    const prev = out[out.length - 1];
    const next = s[i + 1];
    if (prev !== undefined && next !== undefined && IDENT.test(prev) && IDENT.test(next)) out += ' ';
  }
  return out;
}

/** Index just past the parenthesis group that opens at `open` (`s[open] === '('`), or -1. */
function closeParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const HEAD = /^(?:if|while|for|switch|[A-Za-z_][A-Za-z0-9_]*for_each[A-Za-z0-9_]*)\(/;

/** The fragments of normalised text `s`, in order (see the module comment), and the heads' conditions apart. */
export function split(s: string): { fragments: string[]; conditions: string[] } {
  const out: string[] = [];
  const conditions: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.trim();
    if (t !== '') out.push(t);
    cur = '';
  };
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const atWordStart = i === 0 || !IDENT.test(s[i - 1]!);
    if (depth === 0 && atWordStart && IDENT.test(c)) {
      const rest = s.slice(i);
      const head = HEAD.exec(rest);
      if (head) {
        const end = closeParen(s, i + head[0].length - 1);
        if (end > 0) {
          flush();
          out.push(s.slice(i, end));
          if (/^(?:if|while|for|switch)\(/.test(head[0])) {
            const cond = s.slice(i + head[0].length, end - 1).trim();
            if (cond !== '') conditions.push(cond);
          }
          i = end - 1;
          continue;
        }
      }
      const word = /^(else|do)(?![A-Za-z0-9_])/.exec(rest);
      if (word) {
        flush();
        out.push(word[1]!);
        i += word[1]!.length - 1;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      cur += s.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && (c === ';' || c === '{' || c === '}')) {
      flush();
      continue;
    }
    cur += c;
    // A label at the start of a fragment (`out_unlock:`) ends there; `?:` and `::` do not.
    if (depth === 0 && c === ':' && /^[A-Za-z_][A-Za-z0-9_]*:$/.test(cur.trim()) && s[i + 1] !== ':') flush();
  }
  flush();
  return { fragments: out, conditions };
}

/** The fragments of a statement or function text, normalised first (conditions not included). */
export function fragmentsOf(text: string): string[] {
  return split(normalise(text)).fragments;
}

/** The truncated SHA-256 of a run of fragments. */
export function hashRun(run: readonly string[]): string {
  return createHash('sha256').update(run.join('\n')).digest('hex').slice(0, HASH_HEX_DIGITS);
}

/** Every hash of runs of 1 to MAX_RUN consecutive fragments of a function's text and of each head's condition, sorted, without duplicates. */
export function fingerprint(functionText: string): string[] {
  const { fragments: f, conditions } = split(normalise(functionText));
  const hashes = new Set<string>(conditions.map((c) => hashRun([c])));
  for (let i = 0; i < f.length; i++)
    for (let k = 1; k <= MAX_RUN && i + k <= f.length; k++) hashes.add(hashRun(f.slice(i, i + k)));
  return [...hashes].sort();
}

/** Braces and parentheses balance in the statement (comments and literals aside). */
export function balanced(statement: string): boolean {
  const s = stripComments(statement).replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let paren = 0;
  let brace = 0;
  for (const c of s) {
    if (c === '(') paren++;
    if (c === ')' && --paren < 0) return false;
    if (c === '{') brace++;
    if (c === '}' && --brace < 0) return false;
  }
  return paren === 0 && brace === 0;
}

/**
 * The text of the definition of function `name` in C source `text` (from the start of its line to
 * its closing brace), or undefined. A definition is `name(` … `)` followed by `{`; a system call's
 * is `SYSCALL_DEFINEn(name, ` … `)` followed by `{`.
 */
export function extractFunction(text: string, name: string): string | undefined {
  const re = new RegExp(`(^|[^A-Za-z0-9_])(?:${name}\\s*\\(|SYSCALL_DEFINE\\d\\(\\s*${name}\\s*,)`, 'g');
  const code = stripComments(text);
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const open = code.indexOf('(', m.index + m[1]!.length);
    const close = closeParen(code, open);
    if (close < 0) continue;
    const after = code.slice(close).match(/^\s*\{/);
    if (!after) continue;
    let depth = 0;
    const bodyStart = close + after[0].length - 1;
    for (let i = bodyStart; i < code.length; i++) {
      if (code[i] === '{') depth++;
      if (code[i] === '}' && --depth === 0) {
        const lineStart = code.lastIndexOf('\n', m.index) + 1;
        return code.slice(lineStart, i + 1);
      }
    }
  }
  return undefined;
}
