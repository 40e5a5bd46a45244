// Finds nginx for the reverse-proxy tests (e2e/crawler-proxy.spec.ts), in this order:
//   1. NGINX_PATH (an explicit choice always wins);
//   2. a system nginx (/usr/sbin/nginx, …);
//   3. on Debian as root with apt-get: installs Debian's nginx package (it is not started as a service);
// otherwise returns undefined with the reason, and the tests that need it are skipped saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx', '/opt/homebrew/bin/nginx'];

function installWithApt(log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version') || spawnSync('which', ['apt-get']).status !== 0) return false;
  log('No nginx found: installing Debian\'s "nginx" package (apt-get, as root)…');
  // policy-rc.d in containers stops the package from starting its service; the tests start their own.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'nginx'], { stdio: ['ignore', 2, 2], env });
  } catch {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'nginx'], { stdio: ['ignore', 2, 2], env });
  }
  return true;
}

/** @returns {{ path: string } | { reason: string }} */
export function findNginx({ install = true, log = (m) => console.error(m) } = {}) {
  const explicit = process.env.NGINX_PATH;
  if (explicit) return existsSync(explicit) ? { path: explicit } : { reason: `NGINX_PATH is set to "${explicit}", but no file is there.` };
  const found = SYSTEM_CANDIDATES.find((p) => existsSync(p));
  if (found) return { path: found };
  try {
    if (install && installWithApt(log)) {
      const installed = SYSTEM_CANDIDATES.find((p) => existsSync(p));
      if (installed) return { path: installed };
    }
  } catch (error) {
    return { reason: `installing Debian's nginx failed: ${error.message}` };
  }
  return {
    reason: 'no nginx found (install it: Debian/Ubuntu `apt-get install nginx`, macOS `brew install nginx`, or set NGINX_PATH)',
  };
}

// `node scripts/find-nginx.mjs` prints the path, or the reason on stderr with exit code 1;
// `--json` prints the result as JSON either way (what e2e/support/nginx.ts reads).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = findNginx({ log: (m) => console.error(m) });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else if ('path' in result) console.log(result.path);
  else {
    console.error(result.reason);
    process.exit(1);
  }
}
