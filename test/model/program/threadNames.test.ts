/** Thread names are unique: a program model with two threads of one name is refused when it is built. */
import { describe, expect, it } from 'vitest';
import { ProgramModel } from '../../../model/program/ProgramModel.js';
import { step } from '../../../model/program/Step.js';
import { requireUniqueThreadNames } from '../../../model/program/threadNames.js';

describe('requireUniqueThreadNames', () => {
  it('accepts distinct names and names the duplicate with both thread indices', () => {
    expect(() => requireUniqueThreadNames([{ name: 'a' }, { name: 'b' }])).not.toThrow();
    expect(() => requireUniqueThreadNames([{ name: 'a' }, { name: 'b' }, { name: 'a' }])).toThrow(
      'two threads are named "a" (threads 0 and 2): thread names must be unique, as traces, reports and replay tell threads apart by name',
    );
  });

  it('is checked by ProgramModel', () => {
    const spec = {
      procs: [{ name: 'main', body: [step<number>('work', 'work();')] }],
      threads: [
        { name: 'worker', entry: 'main' },
        { name: 'worker', entry: 'main' },
      ],
      initShared: 0,
      properties: [],
    };
    expect(() => new ProgramModel(spec)).toThrow('two threads are named "worker" (threads 0 and 1)');
  });
});
