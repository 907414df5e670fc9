import { describe, expect, it } from 'vitest';
import { rerunWithoutViolated, type RunEnd } from '../../checker/rerunWithoutViolated.js';

const violated = (...ids: string[]): RunEnd => ({
  kind: 'violation',
  violations: ids.map((id) => ({ propertyId: id, propertyName: id, message: `${id} fails` })),
});

/** A search whose first violation, among the properties it checks, is the first of `order` it checks. */
function fakeSearch(order: readonly (readonly string[])[], end: RunEnd) {
  const batches: string[][] = [];
  const runOnce = async (open: readonly string[]) => {
    batches.push([...open]);
    const found = order.find((ids) => ids.some((id) => open.includes(id)));
    return found ? violated(...found.filter((id) => open.includes(id))) : end;
  };
  return { batches, runOnce };
}

describe('rerunWithoutViolated', () => {
  it('runs again without the properties found violated until a run holds', async () => {
    const search = fakeSearch([['b', 'c'], ['a']], { kind: 'ok' });
    const ends = await rerunWithoutViolated(['a', 'b', 'c', 'd'], search.runOnce);
    expect(search.batches).toEqual([['a', 'b', 'c', 'd'], ['a', 'd'], ['d']]);
    expect(ends.map((e) => e.kind)).toEqual(['violation', 'violation', 'ok']);
  });

  it('stops when every property is found violated, without a run that checks nothing', async () => {
    const search = fakeSearch([['a'], ['b']], { kind: 'ok' });
    const ends = await rerunWithoutViolated(['a', 'b'], search.runOnce);
    expect(search.batches).toEqual([['a', 'b'], ['b']]);
    expect(ends).toHaveLength(2);
  });

  it('stops at a run that ends incomplete or in a model error: it decides the rest', async () => {
    for (const end of [{ kind: 'incomplete' }, { kind: 'modelError' }]) {
      const search = fakeSearch([['a']], end);
      const ends = await rerunWithoutViolated(['a', 'b', 'c'], search.runOnce);
      expect(ends.map((e) => e.kind)).toEqual(['violation', end.kind]);
    }
  });

  it('stops at a `sometimes` without a witness: that run covered the whole space', async () => {
    const noWitness: RunEnd = {
      kind: 'violation',
      violations: [{ propertyId: 's', propertyName: 's', message: 'none', noWitness: true }],
    };
    const runs: string[][] = [];
    const ends = await rerunWithoutViolated(['a', 's', 'b'], async (open) => {
      runs.push([...open]);
      return open.includes('a') ? violated('a') : noWitness;
    });
    expect(runs).toEqual([
      ['a', 's', 'b'],
      ['s', 'b'],
    ]);
    expect(ends.at(-1)).toBe(noWitness);
  });

  it('refuses a run whose violation names none of the properties it checked', async () => {
    await expect(rerunWithoutViolated(['a'], async () => violated('z'))).rejects.toThrow('a run decided none of a');
  });
});
