/** How many positions a worker claims at a time: small chunks for small levels, up to 1,024 for large ones. */
import { describe, expect, it } from 'vitest';
import { chunkSize } from '../../../checker/parallel/chunkSize.js';

describe('chunkSize', () => {
  it('keeps 64 positions until every worker still gets 128 chunks of twice that', () => {
    expect(chunkSize(1, 2)).toBe(64);
    expect(chunkSize(32_767, 2)).toBe(64);
    expect(chunkSize(32_768, 2)).toBe(128);
    expect(chunkSize(65_535, 4)).toBe(64);
    expect(chunkSize(65_536, 4)).toBe(128);
  });

  it('grows in powers of two up to 1,024 positions', () => {
    expect(chunkSize(100_000, 2)).toBe(256);
    expect(chunkSize(262_144, 2)).toBe(1024);
    expect(chunkSize(386_456, 2)).toBe(1024);
    expect(chunkSize(100_000_000, 1)).toBe(1024);
  });
});
