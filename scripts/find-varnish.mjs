// Finds varnishd, with the xkey module of varnish-modules, for the front-cache tests
// (e2e/front-varnish.spec.ts), which start their own on a free port, in this order:
//   1. VARNISHD_PATH (an explicit choice always wins);
//   2. a system varnishd (/usr/sbin/varnishd, …) with the xkey module beside it;
//   3. on Debian as root with apt-get: installs Debian's varnish and varnish-modules packages
//      (the service is not started: the tests run their own);
// otherwise returns the reason, and the tests that need it are skipped saying so.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/sbin/varnishd', '/usr/local/sbin/varnishd', '/usr/bin/varnishd', '/opt/homebrew/sbin/varnishd'];

/** Debian puts vmods in /usr/lib/<arch>/varnish/vmods; a build from source in /usr/local/lib/varnish/vmods. */
function hasXkey() {
  const dirs = ['/usr/local/lib/varnish/vmods', '/usr/lib/varnish/vmods'];
  try {
    for (const entry of readdirSync('/usr/lib')) dirs.push(path.join('/usr/lib', entry, 'varnish', 'vmods'));
  } catch {
    // no /usr/lib
  }
  return dirs.some((dir) => existsSync(path.join(dir, 'libvmod_xkey.so')));
}

/** @returns {{ path: string } | { reason: string }} */
export function findVarnish(options = {}) {
  return findOptionalTool({
    envVar: 'VARNISHD_PATH',
    locate: () => {
      const binary = SYSTEM_CANDIDATES.find((p) => existsSync(p));
      return binary && hasXkey() ? binary : undefined;
    },
    packages: ['varnish', 'varnish-modules'],
    missing:
      'no varnishd with the xkey module found (install them: Debian/Ubuntu `apt-get install varnish varnish-modules`, or set VARNISHD_PATH to a varnishd whose vmod_path has libvmod_xkey.so)',
    ...options,
  });
}

runFinder(import.meta.url, findVarnish);
