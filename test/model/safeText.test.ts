/** Text from a user's file, made safe to print: control characters escaped, quoted values capped. */
import { describe, expect, it } from 'vitest';
import { capText, escapeText, quoteValue } from '../../model/safeText.js';

describe('escapeText', () => {
  it.each([
    ['plain text, with ünïcode → arrows', 'plain text, with ünïcode → arrows'],
    ['two\nlines\r\n', 'two\\nlines\\r\\n'],
    ['\u001b[2Jcleared', '\\x1b[2Jcleared'],
    ['tab\there, nul\u0000, del\u007f, csi\u009b', 'tab\\there, nul\\x00, del\\x7f, csi\\x9b'],
    ['line\u2028separator, \u202eoverride, \u2066isolate', 'line\\u2028separator, \\u202eoverride, \\u2066isolate'],
  ])('%j → %j', (text, shown) => {
    expect(escapeText(text)).toBe(shown);
  });
});

describe('quoteValue', () => {
  it('quotes a short value whole, escaped', () => {
    expect(quoteValue('v9.9')).toBe('"v9.9"');
    expect(quoteValue('a\nb')).toBe('"a\\nb"');
  });

  it('cuts a long value at 80 characters with an ellipsis and its length', () => {
    const quoted = quoteValue('x'.repeat(20 * 2 ** 20));
    expect(quoted).toBe(`"${'x'.repeat(80)}…" (20,971,520 characters)`);
  });
});

describe('capText', () => {
  it('leaves short text whole and cuts long text with its length', () => {
    expect(capText('listeners[0].cpu', 200)).toBe('listeners[0].cpu');
    expect(capText('k'.repeat(1000), 10)).toBe(`${'k'.repeat(10)}… (1,000 characters)`);
  });
});
