/**
 * Debian's chromium for the browser tests, driven by playwright-core (never a browser downloaded by
 * a tool; `.ci/run` installs the package), and the flags that keep it off the network.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when chromium is installed; else says which test is skipped and why. */
export function chromiumPresent(test: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) console.warn(`skipping ${test}: ${CHROMIUM} is missing (apt-get install chromium)`);
  return present;
}
