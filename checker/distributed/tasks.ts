/**
 * The tasks of a distributed level, as entries of the task stream: expand a chunk of the level
 * (check its states, claim their successors), then, once every chunk has claimed, select a
 * chunk's successors that hold their claims (the next level's states from that chunk). A task
 * names its phase's epoch: a task of a phase that is over, or of an attempt at a level that was
 * begun again, is acknowledged and dropped.
 */

export type Phase = 'expand' | 'select';

export interface Task {
  readonly level: number;
  readonly phase: Phase;
  readonly epoch: string;
  readonly chunk: number;
  /** The level position of the chunk's first state, and how many states it has. */
  readonly first: number;
  readonly n: number;
  /** False at the depth bound: states are checked, not expanded. */
  readonly expand: boolean;
}

/** The stream fields of a task. */
export function taskFields(t: Task): string[] {
  return [
    'level',
    String(t.level),
    'phase',
    t.phase,
    'epoch',
    t.epoch,
    'chunk',
    String(t.chunk),
    'first',
    String(t.first),
    'n',
    String(t.n),
    'expand',
    t.expand ? '1' : '0',
  ];
}

/** The task of a stream entry's fields, or undefined when they are not one. */
export function taskOf(fields: readonly string[]): Task | undefined {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
  const phase = f.get('phase');
  const num = (name: string) => Number(f.get(name));
  if (phase !== 'expand' && phase !== 'select') return undefined;
  const task = {
    level: num('level'),
    phase,
    epoch: f.get('epoch') ?? '',
    chunk: num('chunk'),
    first: num('first'),
    n: num('n'),
    expand: f.get('expand') === '1',
  } as const;
  return [task.level, task.chunk, task.first, task.n].every(Number.isSafeInteger) ? task : undefined;
}

/** The phase word of a task's phase: the store's `phase` key holds the one in progress. */
export function phaseWord(level: number, phase: Phase, epoch: string): string {
  return `${level}:${phase}:${epoch}`;
}

/** What expanding a chunk found, as the coordinator reads it. */
export interface ExpandSummary {
  readonly generated: number;
  readonly visited: number;
  readonly kept: number;
  readonly violation: number;
  readonly error?: { message: string; stack?: string; position: number; actionIndex: number };
  readonly cutOff: boolean;
}
