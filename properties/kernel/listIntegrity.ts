/**
 * `list-integrity`: no node is added to the notifier list twice, and no hashed node is on no
 * list. Raised by `hlist_add_head_rcu` and the unlink checks of model/kernel/hlist.ts.
 */
import { raisedByFaults } from './KernelProperty.js';

export const listIntegrity = raisedByFaults('list-integrity', 'no node is added to the notifier list twice');
