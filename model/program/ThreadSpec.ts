/** A thread of a program: its name, where it starts, and whether it is a daemon. */
export interface ThreadSpec {
  readonly name: string;
  /** The procedure the thread starts in. */
  readonly entry: string;
  readonly arg?: number;
  readonly cpu?: number;
  /** A daemon (a worker) never has to finish; it is idle whenever it cannot move. */
  readonly daemon?: boolean;
}
