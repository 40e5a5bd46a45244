// `npm run cluster -- --instances <n> --port <p>`: the production topology on one machine (issue 12,
// part 4). Serves the current build (NEXT_DIST_DIR, default .next) with n `next start` instances on
// 127.0.0.1:p+1 … p+n behind one varnishd on 127.0.0.1:p (deploy/varnish/default.vcl, decision
// 007), every instance with this environment (REDIS_URL, DATABASE_URL, CONTENT_DIR, …) and PURGE_URL
// pointing at that Varnish's purge listener (a free loopback port; decision 021) unless it is set.
//
// Ctrl-C (SIGINT) or SIGTERM stops everything it started and removes its temporary folder.
// SIGHUP restarts the instances one at a time, each drained in Varnish first and let back in only
// once it answers: the rolling restart of a deploy, with no failed request.
// An instance that dies is reported and left to Varnish's health probes while another one serves;
// if Varnish dies, or the last instance, everything is stopped. A program that cannot be started
// (no such file, not executable) is reported, and what was started is stopped. An instance whose
// restart fails stops the rolling restart: it stays forced sick in Varnish (another program may
// hold its port), the others keep serving, and the command says so with how to bring it back.
//
// Signals go to a child's process group (it and what it forked) only while the child has not been
// reaped: until then the group id cannot name anyone else's processes; after, it may.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { backendName, backendsVcl, varnishdArgs, workDir } from '../deploy/varnish/backends.cjs';
import { findVarnish } from './find-varnish.mjs';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const HOST = '127.0.0.1';
const MAX_INSTANCES = 32;
/** A page renders in tens of milliseconds: long enough for requests already sent to a drained instance to finish. */
const DRAIN_MS = 2_000;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

const log = (message) => console.log(`cluster: ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function usage() {
  return [
    'usage: npm run cluster -- [--instances <n>] [--port <p>]',
    `  --instances  how many \`next start\` instances (1 to ${MAX_INSTANCES}; default 2), on ports p+1 … p+n`,
    '  --port       Varnish\'s port (default 8080)',
    'Serves the build in NEXT_DIST_DIR (default .next) with the environment it is given (REDIS_URL,',
    'DATABASE_URL, CONTENT_DIR, REVALIDATE_SECRET, PURGE_URL, …). VARNISH_STORAGE sets Varnish\'s',
    'malloc storage (default 256m). Ctrl-C stops everything; `kill -HUP <pid>` restarts the instances',
    'one at a time with no failed request.',
  ].join('\n');
}

function fail(message, code = 2) {
  console.error(`cluster: ${message}`);
  process.exit(code);
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { instances: { type: 'string', default: '2' }, port: { type: 'string', default: '8080' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error.message}\n${usage()}`);
  }
  if (values.help) {
    console.log(usage());
    process.exit(0);
  }
  const whole = (name, text, min, max) => {
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= min && n <= max)) fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}"\n${usage()}`);
    return n;
  };
  const instances = whole('instances', values.instances, 1, MAX_INSTANCES);
  const port = whole('port', values.port, 1, 65535 - instances);
  return { instances, port };
}

/** Whether nothing listens on HOST:port now (a taken port would fail later, less clearly). */
function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** A URL with its password hidden: the environment table is printed to a terminal and to logs. */
function redact(value) {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}

/** Copies a child's output to ours, each line prefixed with who said it. */
function relay(stream, label, target) {
  readline.createInterface({ input: stream }).on('line', (line) => target.write(`[${label}] ${line}\n`));
}

/**
 * Whether `url` answers 200 within `timeoutMs`. node:http with a timer of its own rather than fetch
 * with an AbortSignal: a fetch aborted while a busy server was still answering was seen never to
 * settle, which left the command waiting for ever.
 */
function answers(url, timeoutMs) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
      response.on('error', () => resolve(false));
    });
    request.on('error', () => resolve(false));
    setTimeout(() => {
      request.destroy();
      resolve(false);
    }, timeoutMs).unref();
  });
}

const { instances: count, port } = parseOptions();
const distDir = process.env.NEXT_DIST_DIR || '.next';
const buildIdFile = path.resolve(root, distDir, 'BUILD_ID');
if (!existsSync(buildIdFile)) fail(`no production build in ${distDir}: run \`npm run build\` first${distDir === '.next' ? '' : ` (with NEXT_DIST_DIR=${distDir})`}`, 1);
const buildId = readFileSync(buildIdFile, 'utf8').trim();

const found = findVarnish({ install: false });
if ('reason' in found) fail(`${found.reason}\nVarnish is the cluster's front: install Debian's packages with \`apt-get install varnish varnish-modules\` (as root; the service need not run), then try again.`, 1);
const varnishd = found.path;
const varnishadm = [path.join(path.dirname(varnishd), 'varnishadm'), '/usr/bin/varnishadm', '/usr/local/bin/varnishadm'].find((p) => existsSync(p));

const ports = Array.from({ length: count }, (_, i) => port + 1 + i);
for (const p of [port, ...ports]) if (!(await portFree(p))) fail(`port ${p} is in use on ${HOST} (\`ss -ltnp 'sport = :${p}'\` says by what): choose another --port`, 1);

const varnishUrl = `http://${HOST}:${port}`;
// Purges go to Varnish's purge listener (default.vcl refuses PURGE on the public one), on a port the system picks.
const purgePort = await new Promise((resolve, reject) => {
  const probe = net.createServer().once('error', reject);
  probe.listen(0, HOST, () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const env = { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, PURGE_URL: process.env.PURGE_URL || `http://${HOST}:${purgePort}/` };
const dir = mkdtempSync(path.join(tmpdir(), 'kabar-cluster-'));
writeFileSync(path.join(dir, 'backends.vcl'), backendsVcl(ports));

let stopping = false;
let rolling = false;
/** @type {{ index: number, name: string, port: number, url: string, child?: import('node:child_process').ChildProcess, expectedExit?: boolean, restarting?: boolean, forcedSick?: boolean, spawnError?: Error }[]} */
const instances = ports.map((p, index) => ({ index, name: `instance ${index + 1}`, port: p, url: `http://${HOST}:${p}` }));
/** @type {import('node:child_process').ChildProcess | undefined} */
let varnish;

/** Started and not yet reaped (Node sets exitCode or signalCode as it reaps). */
const alive = (child) => Boolean(child?.pid) && child.exitCode === null && child.signalCode === null;

/** `next start` in its own process group: a Ctrl-C in the terminal reaches us, and we stop it in order. */
function startInstance(instance) {
  const child = spawn(process.execPath, [nextBin, 'start', '-H', HOST, '-p', String(instance.port)], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  instance.child = child;
  instance.expectedExit = false;
  instance.spawnError = undefined;
  relay(child.stdout, instance.name, process.stdout);
  relay(child.stderr, instance.name, process.stderr);
  // No process (ENOENT, EACCES, EAGAIN): 'exit' never comes; waitHealthy reports it.
  child.on('error', (error) => {
    instance.spawnError = error;
  });
  child.on('exit', (code, signal) => {
    // During its own restart, the rolling restart reports it (reportFailedRestart).
    if (stopping || instance.expectedExit || instance.restarting || instance.child !== child) return;
    const left = instances.filter((i) => alive(i.child)).length;
    console.error(`cluster: ${instance.name} (pid ${child.pid}, port ${instance.port}) exited unexpectedly (${signal ?? `code ${code}`})`);
    if (left === 0) void shutdown(1, 'no instance is left: stopping Varnish');
    else console.error(`cluster: Varnish's health probes take it out; ${left} instance(s) still serve. \`kill -HUP ${process.pid}\` starts it again.`);
  });
  return child;
}

async function waitHealthy(instance) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const child = instance.child;
  while (Date.now() < deadline) {
    if (instance.spawnError) throw new Error(`${instance.name} could not be started (${process.execPath} ${nextBin}): ${instance.spawnError.message}`);
    if (!alive(child)) throw new Error(`${instance.name} (port ${instance.port}) exited with ${child.exitCode ?? child.signalCode} before it answered`);
    if (await answers(`${instance.url}/robots.txt`, 2_000)) return;
    await sleep(200);
  }
  throw new Error(`${instance.name} did not answer on ${instance.url}/robots.txt within ${START_TIMEOUT_MS / 1000} s`);
}

/**
 * Signals the child's process group, if the child is still alive: checked in the same synchronous
 * step as the kill, so Node cannot reap it in between. Returns whether the signal was sent.
 */
function signalGroup(child, name) {
  if (!alive(child)) return false;
  try {
    process.kill(-child.pid, name);
    return true;
  } catch {
    return false; // gone in the meantime
  }
}

/**
 * SIGTERM to the child's group (Next's graceful shutdown; varnishd's manager stops its cache
 * process), SIGKILL to it if the child is still there after STOP_TIMEOUT_MS.
 */
async function stopChild(child) {
  // Called from another child's 'exit' handler too: libuv reaps every exited child before it runs
  // any of their handlers, so a turn of the loop first lets this one's exitCode be set.
  await new Promise((resolve) => setImmediate(resolve));
  if (!alive(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function adm(...args) {
  if (!varnishadm) return undefined;
  try {
    const { stdout } = await execFileAsync(varnishadm, ['-n', workDir(dir), ...args], { timeout: 5_000 });
    return stdout;
  } catch (error) {
    console.error(`cluster: varnishadm ${args.join(' ')} failed: ${(error.stderr || error.message).trim()}`);
    return undefined;
  }
}

/** Whether Varnish's own probe of this instance says healthy (backend.list: "… probe 3/3 healthy …"). */
async function varnishSeesHealthy(instance) {
  const out = await adm('backend.list', backendName(instance.index));
  return out === undefined || /\bhealthy\b/i.test(out.split('\n').find((l) => l.includes(backendName(instance.index))) ?? '');
}

/**
 * The rolling restart a deploy does, one instance at a time: Varnish stops sending it requests
 * (backend.set_health sick), the requests it has finish, it is stopped and started again, and it
 * goes back into rotation once it answers and Varnish's probe agrees, before the next one goes.
 */
async function rollingRestart() {
  if (rolling) return log('a rolling restart is already under way');
  rolling = true;
  const started = Date.now();
  log(`rolling restart of ${count} instance(s)${count === 1 ? ' (with one instance, requests that miss the cache fail while it restarts)' : ''}`);
  /** The instance being restarted: its backend is forced sick from here until it answers again. */
  let current;
  try {
    for (const instance of instances) {
      if (stopping) return;
      current = instance;
      instance.restarting = true;
      const name = backendName(instance.index);
      instance.forcedSick = (await adm('backend.set_health', name, 'sick')) !== undefined;
      await sleep(DRAIN_MS);
      instance.expectedExit = true;
      await stopChild(instance.child);
      if (stopping) return;
      startInstance(instance);
      await waitHealthy(instance);
      await adm('backend.set_health', name, 'auto');
      instance.restarting = false;
      current = undefined;
      const deadline = Date.now() + 15_000;
      while (!(await varnishSeesHealthy(instance)) && Date.now() < deadline && !stopping) await sleep(250);
      log(`${instance.name} restarted: pid ${instance.child.pid}, back in rotation`);
    }
    log(`rolling restart done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`cluster: rolling restart stopped: ${error.message}`);
    if (current) reportFailedRestart(current);
  } finally {
    rolling = false;
  }
}

/**
 * What the command did with an instance that did not come back, and what the operator can do. Its
 * backend stays forced sick rather than back on Varnish's probe: whatever holds its port now (the
 * usual cause of a failed start) may answer the probe, and readers would be sent to it.
 */
function reportFailedRestart(instance) {
  const name = backendName(instance.index);
  // Started but never answered: stopped, not left half-way.
  instance.expectedExit = true;
  instance.restarting = false;
  void stopChild(instance.child);
  const serving = instances.filter((i) => i !== instance && alive(i.child));
  const untouched = instances.slice(instance.index + 1).map((i) => i.name);
  console.error(
    [
      instance.forcedSick
        ? `cluster: ${instance.name} (port ${instance.port}) did not come back: Varnish keeps backend ${name} forced sick, so no request is sent to port ${instance.port}.`
        : `cluster: ${instance.name} (port ${instance.port}) did not come back: with no varnishadm to force it sick, Varnish's probe keeps backend ${name} out while port ${instance.port} does not answer.`,
      serving.length
        ? `cluster: ${serving.map((i) => i.name).join(', ')} still serve${untouched.length ? ` (${untouched.join(', ')} not restarted)` : ''}.`
        : 'cluster: no instance is serving: Varnish answers what it has cached (within its grace) and 503 for the rest.',
      `cluster: fix the cause (\`ss -ltnp 'sport = :${instance.port}'\` shows what holds the port), then \`kill -HUP ${process.pid}\` restarts the instances again and puts ${instance.name} back once it answers;`,
      instance.forcedSick && `cluster: or, if you started something there yourself, \`varnishadm -n ${workDir(dir)} backend.set_health ${name} auto\` hands it back to Varnish's probe.`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

let shuttingDown;
function shutdown(code, reason) {
  shuttingDown ??= (async () => {
    stopping = true;
    if (reason) console.error(`cluster: ${reason}`);
    log('stopping Varnish and the instances …');
    // Varnish first: no new request reaches an instance that is going.
    await stopChild(varnish);
    await Promise.all(instances.map((i) => stopChild(i.child)));
    rmSync(dir, { recursive: true, force: true });
    log(`stopped ${varnish?.pid ? `varnishd (pid ${varnish.pid}) and ` : ''}${count} instance(s)`);
    process.exit(code);
  })();
  return shuttingDown;
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void rollingRestart());

try {
  log(`starting ${count} instance(s) of the build in ${distDir} (${buildId}) …`);
  instances.forEach(startInstance);
  await Promise.all(instances.map(waitHealthy));

  varnish = spawn(varnishd, varnishdArgs({ dir, listen: `${HOST}:${port}`, purgeListen: `${HOST}:${purgePort}`, storage: `malloc,${process.env.VARNISH_STORAGE || '256m'}` }), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // No process at all ('exit' never comes): say why, and stop the instances already started.
  varnish.on('error', (error) => {
    void shutdown(1, `could not start ${varnishd}: ${error.message}${error.code === 'EACCES' ? ' (not executable? VARNISHD_PATH chooses another varnishd)' : ''}`);
  });
  relay(varnish.stdout, 'varnish', process.stdout);
  relay(varnish.stderr, 'varnish', process.stderr);
  varnish.on('exit', (code, signal) => {
    if (!stopping) void shutdown(1, `varnishd (pid ${varnish.pid}) exited unexpectedly (${signal ?? `code ${code}`}): stopping everything`);
  });
  const deadline = Date.now() + 30_000;
  while (!(await answers(`${varnishUrl}/robots.txt`, 2_000))) {
    if (!alive(varnish)) throw new Error('varnishd exited before it answered (its output is above)');
    if (Date.now() > deadline) throw new Error(`Varnish on ${varnishUrl} did not answer /robots.txt from an instance within 30 s`);
    await sleep(200);
  }
} catch (error) {
  await shutdown(1, error.message);
}

const rows = [
  ['varnish', varnishUrl, String(varnish.pid), `${path.basename(varnishd)} -n ${workDir(dir)}, malloc ${process.env.VARNISH_STORAGE || '256m'}`],
  ...instances.map((i) => [i.name, i.url, String(i.child.pid), `next start, ${backendName(i.index)} in Varnish`]),
];
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), ['what', 'url', 'pid'][c].length));
const line = (r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('  ');
console.log(`\n${line(['what', 'url', 'pid', 'how'])}\n${line(widths.map((w) => '-'.repeat(w)).concat('---'))}\n${rows.map(line).join('\n')}\n`);

const secret = (name, off) => (process.env[name] ? `set (${process.env[name].length} characters)` : `unset: ${off}`);
const environment = [
  ['NEXT_DIST_DIR', `${distDir} (build ${buildId})`],
  ['CONTENT_DIR', process.env.CONTENT_DIR || 'unset: content/'],
  ['DATABASE_URL', process.env.DATABASE_URL ? redact(process.env.DATABASE_URL) : 'unset: content from CONTENT_DIR'],
  ['REDIS_URL', process.env.REDIS_URL ? redact(process.env.REDIS_URL) : 'unset: each instance caches pages in its own memory (nothing shared)'],
  ['PURGE_URL', process.env.PURGE_URL ? redact(process.env.PURGE_URL) : `${env.PURGE_URL} (this Varnish)`],
  ['REVALIDATE_SECRET', secret('REVALIDATE_SECRET', 'the publish webhook is off')],
  ['PREVIEW_SECRET', secret('PREVIEW_SECRET', 'previews are off')],
];
const nameWidth = Math.max(...environment.map(([n]) => n.length));
console.log(`environment of every instance:\n${environment.map(([n, v]) => `  ${n.padEnd(nameWidth)}  ${v}`).join('\n')}\n`);
if (process.env.DATABASE_URL) log('DATABASE_URL is set: the database must be ready before readers arrive (`npm run db:migrate`, then `npm run content:import -- <folder>` for a new one).');
log(`serving on ${varnishUrl}/ (Ctrl-C stops everything; \`kill -HUP ${process.pid}\` restarts the instances one at a time)`);
