/**
 * `no-null-deref`: no `hlist_del_rcu` on an unhashed node (`pprev == NULL`) and no unlink through
 * a poisoned `pprev` (`LIST_POISON2`). Raised by the hlist operations of model/kernel/hlist.ts:
 * v3.8's unregister racing exit's `hlist_del_init_rcu` is the bug it finds.
 */
import { raisedByFaults } from './KernelProperty.js';

export const noNullDeref = raisedByFaults('no-null-deref', 'no hlist_del_rcu on an unhashed or poisoned node');
