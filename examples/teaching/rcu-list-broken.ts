/** The RCU list with B freed before the grace period: a reader still walking it reads freed memory. See rcu-list.ts. */
import { rcuList } from './rcu-list.js';

export const name = 'rcu-list-broken';
export const description =
  'two readers walk an RCU list while an updater unlinks B and frees it before synchronize_rcu()';
export const model = rcuList(2, true);
