// Helpers shared by the benchmark scripts: builds, servers, a blank Next app to compare with,
// tables and result files. Nothing here runs inside `npm test`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, waitForServer } from '../scripts/run.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const nextBin = path.join(repoRoot, 'node_modules/next/dist/bin/next');
export const resultsDir = path.join(repoRoot, 'bench/results');

export const SEED = {
  id: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global',
  en: '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
  idShareImage: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global/opengraph-image',
};

/** The environment of a benchmark build or server: our own dist folder, no telemetry. */
export function benchEnv(extra = {}) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench',
    ...extra,
  };
}

/**
 * `next build` of this repo. Next adds "<distDir>/types/**" to tsconfig.json's include for a
 * distDir it has not seen; the benchmark takes out only the entries it caused, so that running a
 * benchmark leaves no change in the work tree and keeps anyone else's edits made meanwhile.
 */
export async function buildApp(env, { quiet = true } = {}) {
  const guard = guardTsconfig(env.NEXT_DIST_DIR);
  try {
    // What `npm run build` makes first: the Web Vitals script sampled page views load.
    await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-vitals.mjs')], { env, cwd: repoRoot, quiet });
    return await run(process.execPath, [nextBin, 'build'], { env, cwd: repoRoot, quiet });
  } finally {
    guard.restore();
  }
}

export function guardTsconfig(distDir = '.next') {
  const file = path.join(repoRoot, 'tsconfig.json');
  const before = JSON.parse(readFileSync(file, 'utf8')).include ?? [];
  return {
    restore() {
      const text = readFileSync(file, 'utf8');
      const config = JSON.parse(text);
      const prefix = `${distDir.replace(/^\.\//, '')}/`;
      const include = (config.include ?? []).filter((entry) => before.includes(entry) || !entry.startsWith(prefix));
      if (include.length === (config.include ?? []).length) return;
      writeFileSync(file, `${JSON.stringify({ ...config, include }, null, 2)}\n`);
    },
  };
}

/**
 * A blank Next app of the installed version (layout + page, nothing else) in a temporary folder.
 * Its node_modules is a link to ours, so nothing is downloaded and the versions are identical.
 */
export function createBlankApp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-blank-next-'));
  mkdirSync(path.join(dir, 'app'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'blank-next', private: true, type: 'module' }, null, 2));
  // Turbopack only follows links inside its root; the root is widened to reach our node_modules.
  writeFileSync(
    path.join(dir, 'next.config.mjs'),
    `export default { turbopack: { root: ${JSON.stringify(path.parse(repoRoot).root)} }, poweredByHeader: false };\n`,
  );
  writeFileSync(
    path.join(dir, 'app/layout.tsx'),
    `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
  );
  writeFileSync(path.join(dir, 'app/page.tsx'), `export default function Page() {\n  return <h1>Blank</h1>;\n}\n`);
  return dir;
}

export async function buildBlankApp(dir, { quiet = true } = {}) {
  const env = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.NEXT_DIST_DIR;
  delete env.CONTENT_DIR;
  return run(process.execPath, [nextBin, 'build'], { env, cwd: dir, quiet });
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

const started = new Set();

/**
 * `next start -H 127.0.0.1 -p <port>` in its own process group; resolves once it answers.
 * Only servers started here are ever stopped, by their own process group id.
 */
export async function startServer({ cwd = repoRoot, port, env, readyPath = '/' }) {
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  started.add(child);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitForServer(origin + readyPath, 60_000),
    exited.then((code) => {
      throw new Error(`next start on port ${port} exited with ${code}:\n${log}`);
    }),
  ]);
  return {
    origin,
    pid: child.pid,
    log: () => log,
    stop: () => stopChild(child),
  };
}

function stopChild(child) {
  started.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000).unref();
  });
}

/** Stops every server this process started (also on Ctrl-C), so no port is left taken. */
export async function stopAllServers() {
  await Promise.all([...started].map(stopChild));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await stopAllServers();
    process.exit(130);
  });
}

/** A plain-text table: columns padded, numbers right-aligned. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[-+]?[\d.,]+\s?\S{0,3}$/.test(String(r[i] ?? ''))));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Writes bench/results/<name>-<date>.json and returns its path. */
export function writeResult(name, data) {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
  const file = path.join(resultsDir, `${name}-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, machine: machineNote(), ...data }, null, 2));
  return file;
}

export const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** The machine's load when a figure was taken: other work on the same cores skews every timing. */
export function machineNote() {
  const [one, five] = loadavg();
  return `${cpus().length} cores, load average ${one.toFixed(1)} (1 min) / ${five.toFixed(1)} (5 min)`;
}

/**
 * Builds our app (unless BENCH_SKIP_BUILD) and a blank Next app of the same version, and serves
 * both with `next start`, the way they are deployed. Used by the size and server benchmarks.
 * `oursEnv` adds to our server's environment (e.g. a content and media folder of the benchmark's own).
 */
export async function serveOursAndBlank(label, { blankDir, portOurs, portBlank, oursEnv = {} }) {
  const env = benchEnv();
  console.log(`${label}: building the blank Next app in ${blankDir} …`);
  await buildBlankApp(blankDir);
  if (process.env.BENCH_SKIP_BUILD) console.log(`${label}: reusing our build in ${env.NEXT_DIST_DIR}`);
  else {
    console.log(`${label}: building ours into ${env.NEXT_DIST_DIR} …`);
    await buildApp(env);
  }
  const ours = await startServer({ port: portOurs, env: { ...env, ...oursEnv, SITE_URL: env.SITE_URL ?? `http://127.0.0.1:${portOurs}` }, readyPath: '/robots.txt' });
  const blank = await startServer({ cwd: blankDir, port: portBlank, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  return { env, ours, blank };
}
