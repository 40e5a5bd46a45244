// Finds varnishd, with the xkey module of varnish-modules, for the front-cache tests
// (e2e/front-varnish.spec.ts), which start their own on a free port, in this order:
//   1. VARNISHD_PATH (an explicit choice always wins);
//   2. a system varnishd (/usr/sbin/varnishd, …) with the xkey module beside it;
//   3. on Debian as root with apt-get: installs Debian's varnish and varnish-modules packages
//      (the service is not started: the tests run their own);
// otherwise returns the reason, and the tests that need it are skipped saying so.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

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

function installWithApt(log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version') || spawnSync('which', ['apt-get']).status !== 0) return false;
  log('No varnishd with xkey found: installing Debian\'s "varnish" and "varnish-modules" packages (apt-get, as root)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'varnish', 'varnish-modules'], { stdio: ['ignore', 2, 2], env });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    install();
  }
  return true;
}

/** @returns {{ path: string } | { reason: string }} */
export function findVarnish({ install = true, log = (m) => console.error(m) } = {}) {
  const explicit = process.env.VARNISHD_PATH;
  if (explicit) return existsSync(explicit) ? { path: explicit } : { reason: `VARNISHD_PATH is set to "${explicit}", but no file is there.` };
  const found = () => {
    const binary = SYSTEM_CANDIDATES.find((p) => existsSync(p));
    return binary && hasXkey() ? binary : undefined;
  };
  if (found()) return { path: found() };
  try {
    if (install && installWithApt(log) && found()) return { path: found() };
  } catch (error) {
    return { reason: `installing Debian's varnish and varnish-modules failed: ${error.message}` };
  }
  return {
    reason:
      'no varnishd with the xkey module found (install them: Debian/Ubuntu `apt-get install varnish varnish-modules`, or set VARNISHD_PATH to a varnishd whose vmod_path has libvmod_xkey.so)',
  };
}

// `node scripts/find-varnish.mjs` prints the path, or the reason on stderr with exit code 1;
// `--json` prints the result as JSON either way (what e2e/support/varnish.ts reads).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = findVarnish({ log: (m) => console.error(m) });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else if ('path' in result) console.log(result.path);
  else {
    console.error(result.reason);
    process.exit(1);
  }
}
