/**
 * `release-before-pages-freed`: `exit_mmap` frees the pages only after `->release` ran on every
 * registered listener, and no page is freed while a listener's secondary MMU maps it. Raised where
 * `exit_mmap` frees the pages (model/kernel/procs/fork.ts): v3.9's early unlink before `->release`
 * is the bug it finds.
 */
import { raisedByFaults } from './KernelProperty.js';

export const releaseBeforePagesFreed = raisedByFaults(
  'release-before-pages-freed',
  'pages are freed only after ->release ran on every registered listener and no listener maps them',
);
