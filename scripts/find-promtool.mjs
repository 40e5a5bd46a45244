// Finds promtool (Prometheus' checker) for the tests that check /metrics' output
// (lib/observability/metrics.test.ts, e2e/crawler-metrics.spec.ts), in this order:
//   1. PROMTOOL_PATH (an explicit choice always wins);
//   2. promtool on PATH, or where packages put it;
//   3. on Debian as root with apt-get: installs Debian's prometheus package, which ships it (the
//      server itself is not started: containers have no init to start it, and the tests never need it);
// otherwise returns the reason, and the checks that need it are skipped saying so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/bin/promtool', '/usr/local/bin/promtool', '/opt/homebrew/bin/promtool'];

function onPath() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'promtool');
    if (dir && existsSync(candidate) && spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  return undefined;
}

/** @returns {{ path: string } | { reason: string }} */
export function findPromtool(options = {}) {
  return findOptionalTool({
    envVar: 'PROMTOOL_PATH',
    locate: () => onPath() ?? SYSTEM_CANDIDATES.find((p) => existsSync(p)),
    packages: ['prometheus'],
    missing: 'no promtool found (install it: Debian/Ubuntu `apt-get install prometheus`, macOS `brew install prometheus`, or set PROMTOOL_PATH)',
    ...options,
  });
}

runFinder(import.meta.url, findPromtool);
