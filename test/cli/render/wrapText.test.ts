/** Word wrapping for the column view and the narratives: at spaces and token boundaries, never inside an identifier. */
import { describe, expect, it } from 'vitest';
import { longestToken, wrapText } from '../../../cli/render/wrapText.js';

describe('wrapText', () => {
  it('breaks at spaces and never exceeds the width', () => {
    expect(wrapText('srcu.readers: exit, reader0 → reader0', 16)).toEqual([
      'srcu.readers:',
      'exit, reader0 →',
      'reader0',
    ]);
  });

  it('breaks a long C statement between tokens, filling the line first, never inside an identifier', () => {
    const lines = wrapText('if (atomic_dec_and_test(&mm->mm_users))', 24);
    expect(lines).toEqual(['if (atomic_dec_and_test(', '&mm->mm_users))']);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(24);
  });

  it('never splits an identifier or a two-character operator, even to fill a narrow line', () => {
    expect(wrapText('if (atomic_dec_and_test(&mm->mm_users))', 20)).toEqual([
      'if (',
      'atomic_dec_and_test(',
      '&mm->mm_users))',
    ]);
    expect(wrapText('mn->ops->invalidate_range_start(mn, mm, start, end)', 16)).toEqual([
      'mn->ops->',
      'invalidate_range_start',
      '(mn, mm, start,',
      'end)',
    ]);
    expect(wrapText('a->b', 2)).toEqual(['a', '->', 'b']);
    expect(wrapText('listener0.holds-module: true → false', 16)).toEqual([
      'listener0.',
      'holds-module:',
      'true → false',
    ]);
    expect(wrapText('rcu_dereference_raw(hlist_next_rcu(&mn->hlist))', 36)).toEqual([
      'rcu_dereference_raw(hlist_next_rcu(',
      '&mn->hlist))',
    ]);
  });

  it('keeps short text on one line and an empty text as one empty line', () => {
    expect(wrapText('mmput', 16)).toEqual(['mmput']);
    expect(wrapText('', 16)).toEqual(['']);
  });

  it('lets an identifier longer than the width overflow its line rather than cut it', () => {
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghijklmnopqrstuvwxyz']);
    expect(wrapText('__mmu_notifier_invalidate_range_start', 16)).toEqual(['__mmu_notifier_invalidate_range_start']);
  });

  it('measures the longest unbreakable token', () => {
    expect(longestToken('mn->ops->invalidate_range_start(mn, mm)')).toBe('invalidate_range_start'.length);
    expect(longestToken('')).toBe(0);
  });
});
