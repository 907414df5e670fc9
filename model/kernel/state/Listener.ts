/** A listener object (e.g. amdkfd's kfd_process) with its embedded mmu_notifier hlist node. */
import { Record, type RecordOf } from 'immutable';

/** The state of the node's `pprev`, which is what hlist_unhashed() looks at. */
export const enum Link {
  /** pprev == NULL: not on a list. */
  Unhashed = 0,
  /** On the list. */
  Hashed = 1,
  /** Unlinked by hlist_del_rcu: pprev is LIST_POISON2, so the node still counts as hashed. */
  Poisoned = 2,
}

export interface ListenerProps {
  readonly freed: boolean;
  readonly link: Link;
  /** The node's `next` pointer (a listener index or -1); left readable when the node is unlinked. */
  readonly next: number;
  /** The listener's secondary MMU maps the page. Once flushed, never re-established. */
  readonly maps: boolean;
  /** How many times `->release` has been invoked on it. */
  readonly releases: number;
  /** Registered by its driver and not yet unregistered by the driver itself. */
  readonly registered: boolean;
  /** Its driver still holds the module: `->release` has not returned or the teardown thread has not finished. */
  readonly holdsModule: boolean;
  /** `mn->users`: references taken by mmu_notifier_get and not yet put (v5.4 get/put listeners; 0 otherwise). */
  readonly users: number;
  /** The thread holding the driver's own lock (`lock` in its script), or -1. */
  readonly lock: number;
}

/** An immutable listener object. */
export type Listener = RecordOf<ListenerProps>;

/** Builds a listener object. */
export const makeListener = Record<ListenerProps>(
  {
    freed: false,
    link: Link.Unhashed,
    next: -1,
    maps: false,
    releases: 0,
    registered: false,
    holdsModule: true,
    users: 0,
    lock: -1,
  },
  'Listener',
);
