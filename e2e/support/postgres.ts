import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './tools';

/**
 * PostgreSQL for tests, never shared with another run:
 * - `testDatabase()`: a database of its own (kabar_test_<random>) on the server at TEST_DATABASE_URL
 *   (default: the machine's, postgres://postgres@127.0.0.1:5432/postgres), dropped afterwards; where
 *   no server answers there, on a private cluster (below);
 * - `startPrivateCluster()`: a cluster of the test's own (initdb in a temporary folder, pg_ctl on a
 *   free port), which a test may stop and start again ("the database is down") without touching
 *   anyone else's.
 */
const root = path.resolve(__dirname, '../..');
export const SHARED_SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** A DATABASE_URL for the site and the commands. */
  url: string;
  /** Drops the database (and stops the private cluster it lives on, if any). */
  remove(): Promise<void>;
}

export interface PrivateCluster {
  /** The cluster's `postgres` database, for creating others. */
  serverUrl: string;
  port: number;
  /** Stops the server (pg_ctl stop -m fast: what an operator's restart does); the data stays. */
  stop(): void;
  /** Starts it again on the same port and folder. */
  start(): void;
  /** Stops it for good and removes its folder. */
  remove(): void;
}

/** The folder of initdb and pg_ctl (scripts/find-postgres.mjs; may install Debian's package), or why not. */
function findPostgres(): { path: string } | { reason: string } {
  const output = execFileSync(process.execPath, [path.join(root, 'scripts/find-postgres.mjs'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output) as { path: string } | { reason: string };
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb and the server refuse to run as root: as root they run as the system's postgres user. */
function runPg(bin: string, args: string[]): void {
  const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
}

export async function startPrivateCluster(): Promise<PrivateCluster | { skipped: string }> {
  const found = findPostgres();
  if ('reason' in found) return { skipped: found.reason };
  if (isRoot && spawnSync('id', ['postgres']).status !== 0) return { skipped: 'running as root, and there is no "postgres" user to run a private PostgreSQL cluster as' };
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const pgCtl = path.join(found.path, 'pg_ctl');
  try {
    runPg(path.join(found.path, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `could not create a private PostgreSQL cluster: ${(error as Error).message}` };
  }
  // The socket in the cluster's own folder, TCP on 127.0.0.1 only; fsync stays on: the tests check
  // that nothing acknowledged is lost across a restart.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const start = () => runPg(pgCtl, ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = () => runPg(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  try {
    start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skipped: `could not start a private PostgreSQL cluster: ${(error as Error).message}` };
  }
  let running = true;
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      if (running) stop();
      running = false;
    },
    start: () => {
      if (!running) start();
      running = true;
    },
    remove: () => {
      try {
        if (running) stop();
      } catch {
        // already gone
      }
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates kabar_test_<random> on `serverUrl` (TEST_DATABASE_PREFIX, lowercase letters, digits and
 * underscores, replaces "kabar_test_": for a shared server with a naming rule); rejects when that server does not answer.
 */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const prefix = /^[a-z_][a-z0-9_]{0,40}$/.test(process.env.TEST_DATABASE_PREFIX ?? '') ? process.env.TEST_DATABASE_PREFIX : 'kabar_test_';
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(serverUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 1 });
      }
    },
  };
}

/** A database of the test's own, on the shared server or else on a private cluster; or why there is none. */
export async function testDatabase(): Promise<TestDatabase | { skipped: string }> {
  try {
    const db = await createDatabase(SHARED_SERVER_URL);
    return { url: db.url, remove: db.drop };
  } catch (error) {
    const shared = `no PostgreSQL answered at ${new URL(SHARED_SERVER_URL).host} (TEST_DATABASE_URL): ${(error as Error).message || (error as { code?: string }).code}`;
    const cluster = await startPrivateCluster();
    if ('skipped' in cluster) return { skipped: `${shared}; and ${cluster.skipped}` };
    const db = await createDatabase(cluster.serverUrl);
    return {
      url: db.url,
      remove: async () => {
        cluster.remove();
      },
    };
  }
}

/** `npm run db:migrate` on `url`. */
export function migrate(url: string): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/db-migrate.mjs')], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
}
