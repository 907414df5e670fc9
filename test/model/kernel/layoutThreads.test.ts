/** The threads a scenario lays out: every one with a name of its own, also when a kind comes in several groups. */
import { describe, expect, it } from 'vitest';
import { buildKernelModel } from '../../../properties/buildKernelModel.js';
import { layoutThreads } from '../../../model/kernel/layoutThreads.js';
import { parseScenario } from '../../../model/kernel/parseScenario.js';

const twoGroupsEach = parseScenario(
  {
    kernel: 'v3.17',
    listeners: [{ behaviour: 'amdkfd' }],
    threads: [
      { kind: 'exit' },
      { kind: 'reader', cpu: 0, count: 2 },
      { kind: 'reader', cpu: 1 },
      { kind: 'reclaimer', cpu: 1 },
      { kind: 'reclaimer', cpu: 0 },
    ],
  },
  'two-groups.json',
);

describe('layoutThreads', () => {
  it('numbers the threads of one kind across its groups', () => {
    expect(layoutThreads(twoGroupsEach).map((t) => `${t.name}@cpu${t.cpu}`)).toEqual([
      'exit@cpu0',
      'reader0@cpu0',
      'reader1@cpu0',
      'reader2@cpu1',
      'reclaimer0@cpu1',
      'reclaimer1@cpu0',
      'srcu-worker@cpu0',
    ]);
  });

  it('gives a model whose threads the program kit accepts (it refuses two threads of one name)', () => {
    const names = buildKernelModel(twoGroupsEach).spec.threads.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
