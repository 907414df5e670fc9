import { describe, expect, it } from 'vitest';
import { LevelFrontier } from '../../checker/LevelFrontier.js';

describe('LevelFrontier', () => {
  it('serves a level in the order it was discovered while collecting the next', () => {
    const frontier = new LevelFrontier<string>();
    frontier.push('a', 0);
    frontier.push('b', 1);
    expect(frontier.levelSize).toBe(0);
    expect(frontier.advance()).toBe(2);
    expect([frontier.take(0), frontier.idAt(0), frontier.take(1), frontier.idAt(1)]).toEqual(['a', 0, 'b', 1]);
    frontier.push('c', 2);
    expect(frontier.nextSize).toBe(1);
    expect(frontier.advance()).toBe(1);
    expect(frontier.take(0)).toBe('c');
    expect(frontier.advance()).toBe(0);
  });

  it('drops its reference to a state once taken', () => {
    const frontier = new LevelFrontier<string>();
    frontier.push('a', 0);
    frontier.advance();
    frontier.take(0);
    expect(frontier.take(0)).toBeUndefined();
  });
});
