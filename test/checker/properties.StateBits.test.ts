import { describe, expect, it } from 'vitest';
import { StateBits } from '../../checker/StateBits.js';

describe('StateBits', () => {
  it('reads zero for ids never written, and what was written otherwise, across pages', () => {
    const bits = new StateBits(3);
    bits.set(5, 0b101);
    bits.set(40_000, 0b011);
    expect([bits.get(0), bits.get(5), bits.get(40_000), bits.get(1_000_000)]).toEqual([0, 0b101, 0b011, 0]);
  });

  it('takes one byte a state up to 8 bits, two up to 16, four up to 32, in pages of 16,384 states', () => {
    for (const [width, bytes] of [
      [8, 1],
      [9, 2],
      [16, 2],
      [17, 4],
      [32, 4],
    ] as const) {
      const bits = new StateBits(width);
      bits.set(0, 2 ** width - 1);
      expect(bits.get(0)).toBe(2 ** width - 1);
      expect(bits.bytes).toBe(16_384 * bytes);
    }
  });

  it('rejects a width outside 1 to 32', () => {
    expect(() => new StateBits(0)).toThrow(RangeError);
    expect(() => new StateBits(33)).toThrow(RangeError);
  });
});
