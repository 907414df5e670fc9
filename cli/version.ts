/** The version of mmucheck: what `--version` prints, and what a checkpoint is tied to. */
export const MMUCHECK_VERSION = '0.1.0';
