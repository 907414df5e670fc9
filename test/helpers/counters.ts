/** Counter models: an unbounded counter cut by a boundary, one that stops, and a 2-D grid for search order. */
import { Record, type RecordOf } from 'immutable';
import type { Model } from '../../model/Model.js';
import { always, deadlockFree } from '../../model/Property.js';

/** Counts up forever; `withinBoundary` keeps the search to 0…limit (limit + 1 is stored but not visited). */
export function boundedCounter(limit: number): Model<number, 'Inc'> {
  return {
    initStates: () => [0],
    actions: () => ['Inc'],
    nextState: (n) => n + 1,
    withinBoundary: (n) => n <= limit,
    properties: () => [
      always<number>('within-limit', 'the counter stays within its limit', (n) =>
        n > limit ? `counter is ${n}` : undefined,
      ),
    ],
  };
}

/** Counts up to `top` and stops there: a deadlock unless `finalAtTop` says that is a proper end. */
export function stoppingCounter(top: number, finalAtTop: boolean): Model<number, 'Inc'> {
  return {
    initStates: () => [0],
    actions: (n) => (n < top ? ['Inc'] : []),
    nextState: (n) => n + 1,
    ...(finalAtTop && { isFinal: (n: number) => n === top }),
    properties: () => [deadlockFree('deadlock-free', 'the counter can always move')],
  };
}

/** A point of the grid. */
export interface GridProps {
  readonly x: number;
  readonly y: number;
}
/** A point of the grid as an Immutable record. */
export type Point = RecordOf<GridProps>;
/** Builds points. */
export const Point = Record<GridProps>({ x: 0, y: 0 }, 'Point');

/** Walks from (0,0) to (size,size) by IncX and IncY; `visited` records the order states are checked in. */
export function gridCounter(size: number, visited: Point[] = []): Model<Point, 'IncX' | 'IncY'> {
  return {
    initStates: () => [Point()],
    actions: (p) => [...(p.x < size ? (['IncX'] as const) : []), ...(p.y < size ? (['IncY'] as const) : [])],
    nextState: (p, action) => (action === 'IncX' ? p.set('x', p.x + 1) : p.set('y', p.y + 1)),
    isFinal: (p) => p.x === size && p.y === size,
    properties: () => [
      always<Point>('records-order', 'visiting records the order', (p) => {
        visited.push(p);
        return undefined;
      }),
      deadlockFree('deadlock-free', 'only the far corner has no move'),
    ],
  };
}

/** An infinite binary tree of numbers (n → 2n+1, 2n+2): unbounded in depth and width, for time bounds. */
export function infiniteTree(): Model<number, 'Left' | 'Right'> {
  return {
    initStates: () => [0],
    actions: () => ['Left', 'Right'],
    nextState: (n, action) => 2 * n + (action === 'Left' ? 1 : 2),
    properties: () => [],
  };
}
