/**
 * Real Redis servers for the distributed search's tests (bench/localRedis.ts starts them).
 * `.ci/run` installs redis-server; without it a test is skipped with the reason, unless
 * MMUCHECK_REQUIRE_REDIS is set (CI sets it), where it fails.
 */
import { redisInstalled } from '../../bench/localRedis.js';

export { freePort, RedisClusterServers, RedisServer } from '../../bench/localRedis.js';

/** True when redis-server is installed; else says which test is skipped and why (or fails, when it must be there). */
export function redisPresent(test: string): boolean {
  if (redisInstalled()) return true;
  if (process.env.MMUCHECK_REQUIRE_REDIS)
    throw new Error(`${test}: redis-server is missing and MMUCHECK_REQUIRE_REDIS is set`);
  console.warn(`skipping ${test}: redis-server is missing (apt-get install redis-server)`);
  return false;
}
