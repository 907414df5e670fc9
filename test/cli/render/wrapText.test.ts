/** Word wrapping for the column view and the narratives. */
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../cli/render/wrapText.js';

describe('wrapText', () => {
  it('breaks at spaces and never exceeds the width', () => {
    expect(wrapText('srcu.readers: exit, reader0 → reader0', 16)).toEqual(['srcu.readers:', 'exit, reader0 →', 'reader0']);
  });

  it('breaks a long C statement at punctuation, filling the line first', () => {
    const lines = wrapText('if (atomic_dec_and_test(&mm->mm_users))', 20);
    expect(lines).toEqual(['if (atomic_dec_and', '_test(&mm->mm', '_users))']);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(20);
  });

  it('keeps short text on one line and an empty text as one empty line', () => {
    expect(wrapText('mmput', 16)).toEqual(['mmput']);
    expect(wrapText('', 16)).toEqual(['']);
  });

  it('cuts a word without punctuation where it must', () => {
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });
});
