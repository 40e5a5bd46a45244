// Finds redis-server for the tests of the shared page cache (lib/cache, e2e/cluster-redis.spec.ts),
// which start their own on a free port, in this order:
//   1. REDIS_SERVER_PATH (an explicit choice always wins);
//   2. a system redis-server (/usr/bin/redis-server, …);
//   3. on Debian as root with apt-get: installs Debian's redis-server package;
// otherwise returns undefined with the reason, and the tests that need it are skipped saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server', '/opt/homebrew/bin/redis-server'];

function installWithApt(log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version') || spawnSync('which', ['apt-get']).status !== 0) return false;
  log('No redis-server found: installing Debian\'s "redis-server" package (apt-get, as root)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'redis-server'], { stdio: ['ignore', 2, 2], env });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    install();
  }
  return true;
}

/** @returns {{ path: string } | { reason: string }} */
export function findRedis({ install = true, log = (m) => console.error(m) } = {}) {
  const explicit = process.env.REDIS_SERVER_PATH;
  if (explicit) return existsSync(explicit) ? { path: explicit } : { reason: `REDIS_SERVER_PATH is set to "${explicit}", but no file is there.` };
  const found = SYSTEM_CANDIDATES.find((p) => existsSync(p));
  if (found) return { path: found };
  try {
    if (install && installWithApt(log)) {
      const installed = SYSTEM_CANDIDATES.find((p) => existsSync(p));
      if (installed) return { path: installed };
    }
  } catch (error) {
    return { reason: `installing Debian's redis-server failed: ${error.message}` };
  }
  return {
    reason: 'no redis-server found (install it: Debian/Ubuntu `apt-get install redis-server`, macOS `brew install redis`, or set REDIS_SERVER_PATH)',
  };
}

// `node scripts/find-redis.mjs` prints the path, or the reason on stderr with exit code 1;
// `--json` prints the result as JSON either way (what e2e/support/redis.ts reads).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = findRedis({ log: (m) => console.error(m) });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else if ('path' in result) console.log(result.path);
  else {
    console.error(result.reason);
    process.exit(1);
  }
}
