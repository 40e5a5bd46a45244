// Finds nginx for the reverse-proxy tests (e2e/crawler-proxy.spec.ts), in this order:
//   1. NGINX_PATH (an explicit choice always wins);
//   2. a system nginx (/usr/sbin/nginx, …);
//   3. on Debian as root with apt-get: installs Debian's nginx package (it is not started as a service);
// otherwise returns undefined with the reason, and the tests that need it are skipped saying so.
import { existsSync } from 'node:fs';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx', '/opt/homebrew/bin/nginx'];

/** @returns {{ path: string } | { reason: string }} */
export function findNginx(options = {}) {
  return findOptionalTool({
    envVar: 'NGINX_PATH',
    locate: () => SYSTEM_CANDIDATES.find((p) => existsSync(p)),
    packages: ['nginx'],
    missing: 'no nginx found (install it: Debian/Ubuntu `apt-get install nginx`, macOS `brew install nginx`, or set NGINX_PATH)',
    ...options,
  });
}

runFinder(import.meta.url, findNginx);
