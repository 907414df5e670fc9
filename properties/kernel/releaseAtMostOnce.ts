/**
 * `release-at-most-once` (off by default): `->release` runs at most once per listener. Raised by
 * `invokeRelease` (model/kernel/procs/notifier.ts) when the listener's `->release` already ran.
 */
import { raisedByFaults } from './KernelProperty.js';

export const releaseAtMostOnce = raisedByFaults('release-at-most-once', '->release runs at most once per listener');
