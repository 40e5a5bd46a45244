// Finds PostgreSQL's server programs (initdb, pg_ctl) for the tests of the PostgreSQL content
// store (lib/content/pg-store.test.ts, e2e/cluster-postgres.spec.ts), which start a cluster of
// their own in a temporary folder on a free port when they need one they may stop, in this order:
//   1. PG_BIN (an explicit choice always wins: the folder holding initdb and pg_ctl);
//   2. Debian's /usr/lib/postgresql/<version>/bin (the newest), or initdb on the PATH's usual places;
//   3. on Debian as root with apt-get: installs Debian's postgresql package (its own service is
//      not used: the tests run their own cluster);
// otherwise returns the reason, and the tests that need it are skipped saying so.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findOptionalTool, runFinder } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = ['/usr/local/bin', '/usr/bin', '/opt/homebrew/bin', '/usr/local/pgsql/bin'];

function locate() {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debian, v, 'bin'))
    : [];
  return [...versions, ...SYSTEM_CANDIDATES].find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
}

/** @returns {{ path: string } | { reason: string }} the folder of initdb and pg_ctl */
export function findPostgres(options = {}) {
  return findOptionalTool({
    envVar: 'PG_BIN',
    locate,
    packages: ['postgresql'],
    missing: 'no PostgreSQL server programs (initdb, pg_ctl) found (install them: Debian/Ubuntu `apt-get install postgresql`, macOS `brew install postgresql`, or set PG_BIN to their folder)',
    ...options,
  });
}

runFinder(import.meta.url, findPostgres);
