import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { SEED_PATH } from './support/stories';
import { findTool, freePort } from './support/tools';

// `npm run cluster` as an operator uses it (issue 12, part 4): the command itself, run through npm
// on the e2e build (NEXT_DIST_DIR), with Varnish on p and two instances on p+1 and p+2. What it
// prints is what the operator relies on (the URLs, the pids), so the spec reads its table and
// checks each line against the processes and ports; then a publish through the front, a rolling
// restart (SIGHUP) under load, a restart that fails, and Ctrl-C, after which nothing it started may
// be left. A varnishd that cannot be started at all is reported, and nothing is left running either.

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const SECRET = 'e2e-revalidate-secret-0123456789abcdefghijkl';

interface Row {
  what: string;
  url: string;
  pid: number;
}

let skipped = '';
let cluster: ChildProcess | undefined;
let output = '';
let port = 0;
let store = '';
let drafts = '';
let rows: Row[] = [];
let clusterPid = 0;
let varnishDir = '';

test.describe.configure({ mode: 'serial' });

/** p, p+1 and p+2 free at once: freePort finds one, the next two are checked. */
async function freeRun(length: number): Promise<number> {
  const free = (p: number) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const first = await freePort();
    if (first + length < 65535 && (await Promise.all(Array.from({ length }, (_, i) => free(first + i)))).every(Boolean)) return first;
  }
}

function listening(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(p, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function waitForOutput(pattern: RegExp, timeout: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const match = pattern.exec(output);
    if (match) return match;
    if (cluster!.exitCode !== null) throw new Error(`npm run cluster exited with ${cluster!.exitCode} before printing ${pattern}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm run cluster did not print ${pattern} within ${timeout / 1000} s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The table the command prints: what, url, pid for Varnish and each instance. */
function readTable(text: string): Row[] {
  return [...text.matchAll(/^(varnish|instance \d+)\s+(http:\/\/\S+)\s+(\d+)\s/gm)].map((m) => ({ what: m[1]!, url: m[2]!, pid: Number(m[3]) }));
}

async function get(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text() };
}

function runCluster(args: string[], env: Record<string, string> = {}) {
  return execFileAsync(process.execPath, [path.join(root, 'scripts/cluster.mjs'), ...args], { cwd: root, env: { ...process.env, ...env } }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

test('bad options and a missing build are refused, saying what to do', async () => {
  for (const args of [['--instances', '0'], ['--instances', 'two'], ['--port', '70000'], ['--ports', '8080']]) {
    const { code, stderr } = await runCluster(args);
    expect(code, args.join(' ')).toBe(2);
    expect(stderr, args.join(' ')).toMatch(/cluster: .*(--instances must be a whole number from 1|--port must be a whole number from 1|Unknown option '--ports')[\s\S]*usage: npm run cluster/);
  }
  const { code, stderr } = await runCluster(['--port', String(await freeRun(3))], { NEXT_DIST_DIR: '.next-never-built' });
  expect(code).toBe(1);
  expect(stderr).toContain('no production build in .next-never-built: run `npm run build` first');
});

test('a varnishd that cannot be started (not executable) is reported, and the instances already started are stopped', async () => {
  test.setTimeout(120_000);
  const found = findTool('varnish');
  test.skip('reason' in found, `no varnishd: ${'reason' in found ? found.reason : ''}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-noexec-'));
  const notExecutable = path.join(dir, 'varnishd');
  writeFileSync(notExecutable, '#!/bin/sh\n');
  chmodSync(notExecutable, 0o644);
  const p = await freeRun(3);
  let text = '';
  // Not execFile: without a handler the instances outlive the command and hold its output open.
  const child = spawn(process.execPath, [path.join(root, 'scripts/cluster.mjs'), '--port', String(p)], {
    cwd: root,
    env: { ...process.env, VARNISHD_PATH: notExecutable, PURGE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  try {
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(text).toContain(`cluster: could not start ${notExecutable}: spawn ${notExecutable} EACCES`);
    expect(text).not.toContain('Unhandled');
    expect(text).toMatch(/cluster: stopped 2 instance\(s\)/);
    expect(code).toBe(1);
    for (const q of [p, p + 1, p + 2]) expect(await listening(q), `port ${q} is closed`).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('a running cluster', () => {
  test.beforeAll(async () => {
    test.setTimeout(240_000); // may install Debian's varnish first, and starts two servers on a busy machine
    const found = findTool('varnish');
    if ('reason' in found) {
      skipped = found.reason;
      console.log(`front-cluster: skipped, ${skipped}`);
      return;
    }
    store = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-store-'));
    drafts = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-drafts-'));
    cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
    port = await freeRun(3);
    // Its own process group, as a terminal runs it: Ctrl-C is SIGINT to the whole group.
    cluster = spawn('npm', ['run', 'cluster', '--', '--instances', '2', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, PURGE_URL: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cluster.stdout!.on('data', (d) => (output += d));
    cluster.stderr!.on('data', (d) => (output += d));
    clusterPid = Number((await waitForOutput(/kill -HUP (\d+)`/, 200_000))[1]);
    rows = readTable(output);
    varnishDir = /-n (\S+)\/work\b/.exec(output)?.[1] ?? '';
  });

  test.afterAll(async () => {
    if (cluster && cluster.exitCode === null && cluster.signalCode === null) {
      const closed = new Promise((resolve) => cluster!.once('close', resolve));
      process.kill(-cluster.pid!, 'SIGINT');
      await closed;
    }
    for (const dir of [store, drafts]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.beforeEach(() => {
    test.skip(!cluster, `no varnishd with xkey on this machine: ${skipped}`);
  });

  test('prints Varnish on p and the instances on p+1 and p+2 with their pids; the article answers on each, and through Varnish from the cache', async () => {
    expect(rows.map((r) => [r.what, r.url])).toEqual([
      ['varnish', `http://127.0.0.1:${port}`],
      ['instance 1', `http://127.0.0.1:${port + 1}`],
      ['instance 2', `http://127.0.0.1:${port + 2}`],
    ]);
    for (const row of rows) expect(processExists(row.pid), `${row.what} pid ${row.pid}`).toBe(true);
    expect(output).toMatch(/PURGE_URL\s+http:\/\/127\.0\.0\.1:\d+\/ \(this Varnish\)/);
    expect(output).toMatch(/CONTENT_DIR\s+\/\S+kabar-cluster-store-/);

    for (const row of rows) {
      const answer = await get(row.url + SEED_PATH);
      expect(answer.status, row.url).toBe(200);
      expect(answer.text).toContain('<h1');
    }
    await get(rows[0]!.url + SEED_PATH);
    expect((await get(rows[0]!.url + SEED_PATH)).cache, 'the second request through Varnish is a hit').toBe('HIT');
  });

  test('a publish shows through the front within 5 s: the instances purge the Varnish the command started', async () => {
    const title = 'Klaster uji terbit';
    const home = `${rows[0]!.url}/id`;
    await get(home);
    const before = await get(home);
    expect(before.cache).toBe('HIT');
    expect(before.text).not.toContain(title);
    const at = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const file = path.join(drafts, 'klaster-uji-terbit.md');
    writeFileSync(
      file,
      `---\ntranslationId: klaster-uji\nslug: klaster-uji-terbit\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: published\n---\nIsi berita ${title}.\n`,
    );
    const { stdout } = await execFileAsync('npm', ['run', '-s', 'publish', '--', file], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: SECRET, SITE_URL: rows[1]!.url },
    });
    expect(stdout).toContain('acknowledged');
    await expect(async () => expect((await get(home)).text).toContain(title)).toPass({ timeout: 5_000, intervals: [100, 250] });
  });

  test('SIGHUP restarts the instances one at a time under load with no failed request', async () => {
    test.setTimeout(180_000);
    const { default: autocannon } = (await import(AUTOCANNON)) as { default: Autocannon };
    let n = 0;
    const done = output.length;
    // Every request a miss (its own query string), so each one reaches an instance.
    const run = autocannon({
      url: rows[0]!.url,
      connections: 4,
      duration: 120,
      overallRate: 50,
      requests: [{ setupRequest: (request: { path: string }) => ({ ...request, path: `${SEED_PATH}?n=${n++}` }) }],
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(clusterPid, 'SIGHUP');
    await expect.poll(() => output.slice(done), { timeout: 150_000, intervals: [500] }).toMatch(/rolling restart (done|stopped)/);
    run.stop();
    const result = await run;
    expect(output.slice(done)).toContain('rolling restart done');
    expect(output.slice(done)).not.toContain('exited unexpectedly');
    const restarted = [...output.slice(done).matchAll(/(instance \d+) restarted: pid (\d+)/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(restarted.map(([what]) => what)).toEqual(['instance 1', 'instance 2']);
    for (const [what, pid] of restarted) {
      expect(pid, `${what} is a new process`).not.toBe(rows.find((r) => r.what === what)!.pid);
      expect(processExists(pid)).toBe(true);
    }
    expect(result.requests.total).toBeGreaterThan(100);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    rows = rows.map((r) => ({ ...r, pid: restarted.find(([what]) => what === r.what)?.[1] ?? r.pid }));
  });

  test('a restart that fails (its port taken meanwhile) leaves that instance forced sick, says so and how to bring it back; the next SIGHUP does', async () => {
    test.setTimeout(180_000);
    const first = rows.find((r) => r.what === 'instance 1')!;
    const second = rows.find((r) => r.what === 'instance 2')!;
    const done = output.length;
    process.kill(clusterPid, 'SIGHUP');
    // Another program takes instance 1's port between its stop and its start: the new `next start`
    // takes a few hundred milliseconds to listen, this takes a few.
    await expect.poll(() => processExists(first.pid), { timeout: 30_000, intervals: [5] }).toBe(false);
    const squatter = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => squatter.once('error', reject).listen(port + 1, '127.0.0.1', resolve));
    try {
      await expect.poll(() => output.slice(done), { timeout: 120_000, intervals: [250] }).toMatch(/rolling restart (done|stopped)/);
      // What the command did with it, and what the operator can do, in its own words.
      await expect.poll(() => output.slice(done), { timeout: 5_000 }).toMatch(/varnishadm -n \S+ backend\.set_health \S+ auto/);
      const said = output.slice(done);
      expect(said).toContain('rolling restart stopped: instance 1');
      const sick = new RegExp(`instance 1 \\(port ${port + 1}\\) did not come back: Varnish keeps backend (\\S+) forced sick`).exec(said);
      expect(sick, said).not.toBeNull();
      expect(said).toContain('instance 2 still serve');
      expect(said).toContain(`\`kill -HUP ${clusterPid}\` restarts the instances again`);
      expect(said).not.toContain('exited unexpectedly');
      // Varnish says the same: the backend is forced sick; instance 2 was left alone and serves every request.
      const command = /`(varnishadm -n (\S+)) backend\.set_health (\S+) auto`/.exec(said)!;
      const { stdout } = await execFileAsync('varnishadm', ['-n', command[2]!, 'backend.list', command[3]!]);
      expect(stdout.split('\n').find((l) => l.includes(command[3]!)), stdout).toMatch(/\bsick\b/);
      expect(processExists(second.pid), 'instance 2 was not restarted').toBe(true);
      for (let i = 0; i < 10; i++) expect((await get(`${rows[0]!.url}${SEED_PATH}?failed-restart=${i}`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }

    const again = output.length;
    process.kill(clusterPid, 'SIGHUP');
    await expect.poll(() => output.slice(again), { timeout: 150_000, intervals: [500] }).toMatch(/rolling restart (done|stopped)/);
    expect(output.slice(again)).toContain('rolling restart done');
    const restarted = [...output.slice(again).matchAll(/(instance \d+) restarted: pid (\d+)/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(restarted.map(([what]) => what)).toEqual(['instance 1', 'instance 2']);
    rows = rows.map((r) => ({ ...r, pid: restarted.find(([what]) => what === r.what)?.[1] ?? r.pid }));
    expect((await get(`${rows[1]!.url}${SEED_PATH}`)).status, 'instance 1 answers again').toBe(200);
  });

  test('Ctrl-C stops everything it started: every port closed, no process left, its folder removed', async () => {
    test.setTimeout(60_000);
    // npm's shell dies of the SIGINT at once, and npm with it (code 130 in a terminal), but only
    // once the command has closed its output: when the prompt comes back, everything is stopped.
    const closed = new Promise((resolve) => cluster!.once('close', resolve));
    process.kill(-cluster!.pid!, 'SIGINT');
    await closed;
    expect(output).toMatch(/stopped varnishd \(pid \d+\) and 2 instance\(s\)/);
    for (const p of [port, port + 1, port + 2]) expect(await listening(p), `port ${p} is closed`).toBe(false);
    for (const row of [...rows, { what: 'cluster', pid: clusterPid }]) {
      expect(processExists(row.pid), `${row.what} (pid ${row.pid}) is gone`).toBe(false);
      expect(processExists(-row.pid), `${row.what}'s process group is gone`).toBe(false);
    }
    expect(varnishDir).not.toBe('');
    expect(existsSync(varnishDir), `${varnishDir} is removed`).toBe(false);
    // varnishd's cache process carries the same command line (-n <folder>): none may be left.
    expect(() => execFileSync('pgrep', ['-f', varnishDir]), 'no varnishd process of this cluster').toThrow();
  });
});

// autocannon has no type declarations; the import names only what this spec uses.
const AUTOCANNON: string = 'autocannon';
type Autocannon = (options: object) => Promise<{ requests: { total: number }; errors: number; timeouts: number; non2xx: number }> & { stop(): void };
