// What the finders of test tools share (find-chromium, find-java, find-nginx, find-redis,
// find-varnish): installing Debian packages when run as root on Debian, and the shape of a finder
// for an optional service, whose tests are skipped, with the reason, when it cannot be had.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Installs Debian packages with apt-get, when this is Debian and we are root; returns false (and
 * does nothing) anywhere else. Tries without `apt-get update` first: it is slow and often not needed.
 */
export function installDebianPackages(packages, log = (m) => console.error(m)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version') || spawnSync('which', ['apt-get']).status !== 0) return false;
  log(`Installing Debian's ${packages.map((p) => `"${p}"`).join(' and ')} (apt-get, as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { stdio: ['ignore', 2, 2], env });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    install();
  }
  return true;
}

/**
 * Finds an optional tool: `envVar` if set (an explicit choice always wins), else what `locate`
 * finds on the system, else (when `install`) after installing `packages`.
 * @returns {{ path: string } | { reason: string }}
 */
export function findOptionalTool({ envVar, locate, packages, missing, install = true, log = (m) => console.error(m) }) {
  const explicit = process.env[envVar];
  if (explicit) return existsSync(explicit) ? { path: explicit } : { reason: `${envVar} is set to "${explicit}", but no file is there.` };
  const found = locate();
  if (found) return { path: found };
  try {
    if (install && installDebianPackages(packages, log)) {
      const installed = locate();
      if (installed) return { path: installed };
    }
  } catch (error) {
    return { reason: `installing Debian's ${packages.join(' and ')} failed: ${error.message}` };
  }
  return { reason: missing };
}

/**
 * `node scripts/find-<tool>.mjs` prints the path, or the reason on stderr with exit code 1;
 * `--json` prints the result as JSON either way (what the e2e support modules read).
 */
export function runFinder(importMetaUrl, find) {
  if (importMetaUrl !== `file://${process.argv[1]}`) return;
  const result = find({ log: (m) => console.error(m) });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else if ('path' in result) console.log(result.path);
  else {
    console.error(result.reason);
    process.exit(1);
  }
}
