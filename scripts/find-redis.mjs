// Finds redis-server for the tests of the shared page cache (lib/cache, e2e/cluster-redis.spec.ts),
// which start their own on a free port, in this order:
//   1. REDIS_SERVER_PATH (an explicit choice always wins);
//   2. a system redis-server (/usr/bin/redis-server, …);
//   3. on Debian as root with apt-get: installs Debian's redis-server package;
// otherwise returns undefined with the reason, and the tests that need it are skipped saying so.
import { existsSync } from 'node:fs';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server', '/opt/homebrew/bin/redis-server'];

/** @returns {{ path: string } | { reason: string }} */
export function findRedis(options = {}) {
  return findOptionalTool({
    envVar: 'REDIS_SERVER_PATH',
    locate: () => SYSTEM_CANDIDATES.find((p) => existsSync(p)),
    packages: ['redis-server'],
    missing: 'no redis-server found (install it: Debian/Ubuntu `apt-get install redis-server`, macOS `brew install redis`, or set REDIS_SERVER_PATH)',
    ...options,
  });
}

runFinder(import.meta.url, findRedis);
