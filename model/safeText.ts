/**
 * Text that came from a user's file (a scenario's name or description, a trace's thread names, a
 * model file's names and values), made safe to print: a terminal must never obey a control
 * character from a file, so a file cannot clear the screen, colour the output or forge a line
 * such as "ALL PROPERTIES HOLD". Every report, explanation and error message prints such text
 * through these functions.
 */

/** Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this module's job.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return (
    NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** `text` with every control character shown as an escape (`\n`, `\x1b`, `\u202e`): one printed line, no terminal commands. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** How many characters of a user's value an error message quotes. */
export const QUOTE_MAX_CHARS = 80;

/**
 * A user's value as an error message quotes it: escaped, in double quotes, and cut at `max`
 * characters with an ellipsis and the original length, so a 20 MB field gives a one-line error.
 */
export function quoteValue(value: string, max: number = QUOTE_MAX_CHARS): string {
  if (value.length <= max) return `"${escapeText(value)}"`;
  return `"${escapeText(value.slice(0, max))}…" (${value.length.toLocaleString('en-US')} characters)`;
}

/** `text` escaped and cut at `max` characters with an ellipsis and the original length, unquoted (a field path, a file name). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return escapeText(text);
  return `${escapeText(text.slice(0, max))}… (${text.length.toLocaleString('en-US')} characters)`;
}
