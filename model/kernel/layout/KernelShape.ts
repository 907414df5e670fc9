/** What neither the packed memory nor the encoding of a kernel state carries: how many of each object there are. */
export interface KernelShape {
  readonly listeners: number;
  /** Interval subscribers; with none, the memory has no interval records at all. */
  readonly mirrors: number;
  readonly threads: number;
  /** SRCU callback queues: one for classic SRCU, one per CPU for tree SRCU. */
  readonly queues: number;
}
