// `npm run bench:archive`: the archive at newsroom scale (issue 26, part 5), measured on real
// servers: PostgreSQL, `content:import`, a production build served by `next start`.
//
// For each size in BENCH_ARCHIVE_SIZES (default "100000,1000000": stories in all, half Indonesian,
// half English; bench/newsroom-archive.mjs writes them into a temporary folder) it:
// - creates a database of its own (<BENCH_DB_PREFIX><size>), runs `npm run db:migrate`, and times
//   `npm run content:import -- <folder>` (and reports the database's size);
// - starts `next start` with DATABASE_URL (and an empty CONTENT_DIR, so everything comes from the
//   database) and times its cold start, from the spawn to `/readyz` answering 200;
// - sends 1,000 requests (articles all over the archive, home and section pages, 10 connections),
//   then reads the resident memory of the server's process tree (/proc);
// - times, one request at a time: article cache misses (distinct old stories nobody asked for) and
//   hits (one story again), the home page and a deep section page (first request and the rest),
//   search for 1-, 2- and 4-word Indonesian queries (each query new; "n/a" while the route
//   answers 404), and the size of /sitemap.xml (a <sitemapindex>: every child fetched, the largest
//   reported);
// - publishes BENCH_ARCHIVE_PUBLISHES new stories (default 15) with `npm run publish` (DATABASE_URL:
//   its NOTIFY is what tells the server) and polls the home page until each shows (publish to visible).
// Every request carries `Host` and `X-Forwarded-Proto: https`, as behind the front. Prints one table
// per size with the issue's targets beside the figures, then one across sizes; writes
// bench/results/archive-<date>.json. Stops its servers, drops its databases and deletes its
// folders at the end, on failure and on Ctrl-C.
//
// Env: BENCH_ARCHIVE_SIZES; BENCH_ARCHIVE_IMPORT_ONLY=1 (generate, import, database size: no
// server); BENCH_ARCHIVE_PUBLISHES (15); BENCH_PORT (3320); BENCH_PG_URL (the server's maintenance
// database, default postgres://postgres@127.0.0.1:5432/postgres); BENCH_DB_PREFIX
// (kabar_bench_archive_); BENCH_SKIP_BUILD=1 reuses NEXT_DIST_DIR (default .next-bench-scale).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { generateArchive, perLanguage, SECTIONS, storyFacts } from './newsroom-archive.mjs';
import { benchEnv, buildApp, machineNote, nextBin, removeDir, repoRoot, table, writeResult } from './lib.mjs';

const sizes = (process.env.BENCH_ARCHIVE_SIZES ?? '100000,1000000').split(',').map((s) => Number(s.trim())).filter((n) => n >= 100);
const importOnly = Boolean(process.env.BENCH_ARCHIVE_IMPORT_ONLY);
const publishes = Number(process.env.BENCH_ARCHIVE_PUBLISHES ?? 15);
const port = Number(process.env.BENCH_PORT ?? 3320);
const pgUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbPrefix = process.env.BENCH_DB_PREFIX || 'kabar_bench_archive_';
const distDir = process.env.NEXT_DIST_DIR || '.next-bench-scale';
const secret = 'bench-revalidate-secret-0123456789abcdef0123';
const origin = `http://127.0.0.1:${port}`;
const HEADERS = { host: `127.0.0.1:${port}`, 'x-forwarded-proto': 'https' };
const MIXED_REQUESTS = 1_000;
const COLD_START_LIMIT_MS = 15 * 60_000;

/** The issue's targets at 1,000,000 stories. */
const TARGETS = { rssMb: 1024, coldStartMs: 10_000, missP95: 100, searchP95: 150, publishP95: 1_000 };

const SEGMENTS = {
  id: { news: 'berita', section: 'rubrik', search: 'cari', sections: { technology: 'teknologi', world: 'dunia', business: 'ekonomi' } },
  en: { news: 'news', section: 'section', search: 'search', sections: { technology: 'technology', world: 'world', business: 'business' } },
};
// Read from the language files, so that the bench follows a renamed segment.
for (const locale of Object.keys(SEGMENTS)) {
  const text = readFileSync(path.join(repoRoot, 'i18n/locales', `${locale}.ts`), 'utf8');
  const paths = /paths:\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  for (const key of ['news', 'section', 'search']) {
    const value = new RegExp(`${key}:\\s*'([^']+)'`).exec(paths)?.[1];
    if (value) SEGMENTS[locale][key] = value;
  }
  const sections = /sections:\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  for (const id of SECTIONS) {
    const value = new RegExp(`${id}:\\s*'([^']+)'`).exec(sections)?.[1];
    if (value) SEGMENTS[locale].sections[id] = value;
  }
}
const PAGE_SIZE = Number(/export const pageSize = (\d+)/.exec(readFileSync(path.join(repoRoot, 'lib/site.ts'), 'utf8'))?.[1] ?? 20);

const articlePath = (locale, slug) => `/${locale}/${SEGMENTS[locale].news}/${slug}`;
const sectionPath = (locale, section, page) => `/${locale}/${SEGMENTS[locale].section}/${SEGMENTS[locale].sections[section]}${page > 1 ? `/${page}` : ''}`;
const searchPath = (locale, q) => `/${locale}/${SEGMENTS[locale].search}?q=${encodeURIComponent(q)}`;

const SEARCHES = {
  1: ['pembangunan', 'kerjasama', 'ekonomi', 'investasi', 'pendidikan', 'banjir', 'korupsi', 'bandara', 'vaksin', 'satelit', 'nelayan', 'anggaran'],
  2: ['kerja sama', 'membangun jalan', 'harga beras', 'rumah sakit', 'kecerdasan buatan', 'pajak ekspor', 'gempa provinsi', 'bekerja sama', 'energi listrik', 'sekolah desa', 'pasar saham', 'hutan lingkungan'],
  4: [
    'bekerja sama membangun infrastruktur',
    'pemerintah kerjasama pembangunan bandara',
    'harga beras petani desa',
    'investasi teknologi data digital',
    'kebijakan pajak ekspor impor',
    'rumah sakit pasien vaksin',
    'pembangunan jalan tol provinsi',
    'korupsi pengadilan polisi hukum',
    'energi listrik batu bara',
    'pendidikan guru sekolah mahasiswa',
    'banjir gempa cuaca hutan',
    'bangun pelabuhan kerja sama',
  ],
};

// ---------------------------------------------------------------------------------------------
// Clean-up: everything this run started or made is undone at the end, on failure and on a signal.

const cleanups = new Set();
/** Registers `undo`; returns a function that runs it (once) and unregisters it. */
function onCleanup(undo) {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    try {
      await undo();
    } catch (error) {
      console.error(`bench:archive: clean-up failed: ${error.message}`);
    }
  };
  cleanups.add(run);
  return run;
}
async function cleanUpEverything() {
  // Newest first: a server before its database, a database before its folder.
  for (const run of [...cleanups].reverse()) await run();
}
// bench/lib.mjs stops its own servers on a signal and exits; this bench has more to undo first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.removeAllListeners(signal);
  process.once(signal, () => {
    console.error(`\nbench:archive: ${signal}: stopping servers, dropping databases, removing folders …`);
    cleanUpEverything().finally(() => process.exit(130));
  });
}

/** A process in its own group, stopped (the whole group) at clean-up. Resolves with its output; rejects on a non-zero exit. */
function command(args, { env, quiet = true, label = args.join(' ') } = {}) {
  const child = spawn(args[0], args.slice(1), { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!quiet) process.stderr.write(d);
  });
  const stop = onCleanup(() => killGroup(child));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      void stop();
      if (code === 0) resolve({ stdout, stderr });
      else reject(Object.assign(new Error(`${label} exited with ${code ?? signal}:\n${stdout}${stderr}`), { stdout, stderr }));
    });
  });
}

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5_000).unref();
  });
}

const npm = (args, env, options) => command(['npm', 'run', '-s', ...args], { env, label: `npm run ${args.join(' ')}`, ...options });

// ---------------------------------------------------------------------------------------------
// Measuring.

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const stats = (values) => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : Number.NaN });

/** One GET through a keep-alive connection: status, headers, body, and ms to the last byte. */
function get(pathname, { timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(origin + pathname, { agent, headers: { ...HEADERS, 'accept-encoding': 'identity' }, timeout }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${pathname}: no answer within ${timeout} ms`)));
    request.on('error', reject);
  });
}

/** Latencies of `paths`, one request at a time; every answer must be `expect` (a status). */
async function timeEach(paths, expectStatus = 200) {
  const times = [];
  const wrong = [];
  for (const p of paths) {
    const r = await get(p);
    if (r.status !== expectStatus) wrong.push(`${p} → ${r.status}`);
    times.push(r.ms);
  }
  return { ...stats(times), wrong };
}

/** Resident memory of a process and everything under it (kB, from /proc), and how many processes. */
function processTree(pid) {
  let kb = 0;
  let processes = 0;
  const walk = (p) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      processes++;
      for (const task of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) walk(Number(task));
    } catch {
      // gone, or not Linux
    }
  };
  walk(pid);
  return { kb, processes };
}

/** `next start` with the archive's database; resolves once /readyz answers 200, with the time that took. */
async function startServer(env) {
  const started = performance.now();
  const child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d) => {
    log += d;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = onCleanup(() => killGroup(child));
  const deadline = Date.now() + COLD_START_LIMIT_MS;
  let listening;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log.slice(-5000)}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer /readyz with 200 within ${COLD_START_LIMIT_MS / 1000} s:\n${log.slice(-5000)}`);
    try {
      const r = await get('/readyz', { timeout: 5_000 });
      listening ??= performance.now();
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return { pid: child.pid, coldStartMs: performance.now() - started, listeningMs: listening - started, log: () => log, stop };
}

/** The 1,000 mixed requests: 80 % articles all over the archive, 10 % home pages, 10 % section pages. */
async function mixedRequests(total) {
  const n = perLanguage(total);
  const paths = [];
  for (let k = 0; k < MIXED_REQUESTS; k++) {
    const locale = k % 2 ? 'en' : 'id';
    const slot = k % 10;
    if (slot < 8) paths.push(articlePath(locale, storyFacts(locale, Math.floor((k * 7_919_993) % n), total).slug));
    else if (slot === 8) paths.push(`/${locale}`);
    else paths.push(sectionPath(locale, SECTIONS[k % 3], 1 + (k % 5)));
  }
  let next = 0;
  const result = await new Promise((resolve, reject) =>
    autocannon(
      {
        url: origin,
        connections: 10,
        amount: MIXED_REQUESTS,
        timeout: 120,
        headers: HEADERS,
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    ),
  );
  return { requests: result.requests.total, seconds: result.duration, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** The sitemap as a crawler reads it: the index and each child, or the one file. */
async function sitemap() {
  const first = await get('/sitemap.xml');
  const text = first.body.toString('utf8');
  const urlsIn = (xml) => (xml.match(/<url>/g) ?? []).length;
  if (!/<sitemapindex[\s>]/.test(text)) return { status: first.status, indexBytes: first.body.length, ms: first.ms, kind: 'one file (urlset)', children: 0, urls: urlsIn(text), largestBytes: first.body.length, largestUrls: urlsIn(text) };
  const locations = [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));
  let largest = { bytes: 0, urls: 0, path: '' };
  let urls = 0;
  const wrong = [];
  for (const location of locations) {
    const child = await get(location.pathname + location.search);
    if (child.status !== 200) wrong.push(`${location.pathname} → ${child.status}`);
    const count = urlsIn(child.body.toString('utf8'));
    urls += count;
    if (child.body.length > largest.bytes) largest = { bytes: child.body.length, urls: count, path: location.pathname };
  }
  return { status: first.status, indexBytes: first.body.length, ms: first.ms, kind: 'sitemap index', children: locations.length, urls, largestBytes: largest.bytes, largestUrls: largest.urls, largestPath: largest.path, wrong };
}

async function searchLatency() {
  const probe = await get(searchPath('id', 'ekonomi'));
  if (probe.status === 404) return { available: false, status: 404 };
  const out = { available: true, status: probe.status };
  for (const words of [1, 2, 4]) out[words] = await timeEach(SEARCHES[words].map((q) => searchPath('id', q)));
  return out;
}

function newStory(i) {
  const now = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const title = `Bench arsip terbit ${i} ${Date.now().toString(36)}`;
  return {
    title,
    source: `---\ntranslationId: bench-arsip-terbit-${i}\nslug: bench-arsip-terbit-${i}\nlocale: id\ntitle: "${title}"\nsummary: "Berita yang diterbitkan oleh benchmark arsip ${i}."\nsection: world\npublishedAt: "${now}"\nupdatedAt: "${now}"\nsource:\n  name: Kabar Kini\ntags: [bench]\nstatus: published\n---\nIsi berita benchmark arsip ${i}: pemerintah bekerja sama membangun pelabuhan.\n`,
  };
}

/** New stories with `npm run publish` (the database's NOTIFY tells the server), each polled on the home page. */
async function publishToVisible(env, drafts) {
  const rows = [];
  for (let i = 0; i < publishes; i++) {
    const { title, source } = newStory(i);
    const file = path.join(drafts, `bench-arsip-terbit-${i}.md`);
    writeFileSync(file, source);
    const started = performance.now();
    await npm(['publish', '--', file], env);
    const returned = performance.now();
    let visible = Number.NaN;
    while (performance.now() < returned + 30_000) {
      const r = await get('/id');
      if (r.body.toString('utf8').includes(`${title}<`)) {
        visible = performance.now();
        break;
      }
      await sleep(20);
    }
    rows.push({ command: returned - started, fromStart: visible - started, fromReturn: visible - returned });
  }
  const column = (key) => rows.map((r) => r[key]);
  const missed = rows.filter((r) => Number.isNaN(r.fromStart)).length;
  return { publishes: rows.length, missed, command: stats(column('command')), fromStart: stats(column('fromStart').filter((v) => !Number.isNaN(v))), fromReturn: stats(column('fromReturn').filter((v) => !Number.isNaN(v))) };
}

async function withAdmin(work) {
  const admin = postgres(pgUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 1 });
  }
}

async function measure(total, buildEnv) {
  const name = `${dbPrefix}${total}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DB_PREFIX makes a database name PostgreSQL would need quoted: ${name}`);
  const result = { stories: total, perLanguage: perLanguage(total) };
  const folder = mkdtempSync(path.join(tmpdir(), `kabar-archive-${total}-`));
  const removeFolder = onCleanup(() => removeDir(folder));
  const empty = mkdtempSync(path.join(tmpdir(), 'kabar-archive-empty-'));
  const removeEmpty = onCleanup(() => removeDir(empty));
  const drafts = mkdtempSync(path.join(tmpdir(), 'kabar-archive-drafts-'));
  const removeDrafts = onCleanup(() => removeDir(drafts));
  let dropDatabase;
  try {
    let t = performance.now();
    console.log(`bench:archive: ${total.toLocaleString('en-US')} stories: generating into ${folder} …`);
    generateArchive(folder, total, (written) => {
      if (written % 100_000 === 0) console.log(`bench:archive:   ${written.toLocaleString('en-US')} written`);
    });
    result.generateMs = performance.now() - t;

    await withAdmin((admin) => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => admin.unsafe(`CREATE DATABASE ${name}`)));
    dropDatabase = onCleanup(() => withAdmin((admin) => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const env = { ...buildEnv, DATABASE_URL: databaseUrl, CONTENT_DIR: empty, SITE_URL: origin, REVALIDATE_SECRET: secret, REDIS_URL: '', PURGE_URL: '' };
    await npm(['db:migrate'], env);
    console.log(`bench:archive: importing into ${name} …`);
    t = performance.now();
    const imported = await npm(['content:import', '--', folder], env, { quiet: false });
    result.importMs = performance.now() - t;
    result.importRate = total / (result.importMs / 1000);
    result.importLine = imported.stdout.trim();
    result.importPeakMb = Number(/peak memory (\d+) MB/.exec(imported.stderr)?.[1] ?? Number.NaN);
    result.databaseSize = await withAdmin(async (admin) => {
      const [row] = await admin`SELECT pg_database_size(${name})::bigint AS bytes, pg_size_pretty(pg_database_size(${name})) AS pretty`;
      return { bytes: Number(row.bytes), pretty: row.pretty };
    });
    console.log(`bench:archive: imported in ${(result.importMs / 1000).toFixed(1)} s (${Math.round(result.importRate)} stories/s); database ${result.databaseSize.pretty}`);
    // The generated files are in the database now: the folder is not needed any more.
    await removeFolder();
    if (importOnly) return result;

    console.log('bench:archive: starting next start …');
    const server = await startServer(env);
    result.coldStartMs = server.coldStartMs;
    result.listeningMs = server.listeningMs;
    result.rssAtReady = processTree(server.pid);
    console.log(`bench:archive: ready in ${(server.coldStartMs / 1000).toFixed(1)} s; 1,000 mixed requests …`);
    try {
      result.mixed = await mixedRequests(total);
      result.rssAfter = processTree(server.pid);

      const n = perLanguage(total);
      // Old stories nobody asked for: the oldest fifth of the archive, never in the mixed requests' pattern.
      const old = [];
      for (let k = 0; old.length < 100 && k < n; k++) {
        const locale = k % 2 ? 'en' : 'id';
        old.push(articlePath(locale, storyFacts(locale, n - 1 - k * 3, total).slug));
      }
      console.log('bench:archive: article misses and hits, list pages, search, sitemap, publishes …');
      const firstMiss = await get(old[0]);
      result.missCacheHeader = firstMiss.headers['x-nextjs-cache'] ?? '(none)';
      result.miss = await timeEach(old.slice(1));
      result.miss.firstStatus = firstMiss.status;
      const hitPath = old[1];
      result.hit = await timeEach(Array.from({ length: 50 }, () => hitPath));
      result.hitCacheHeader = (await get(hitPath)).headers['x-nextjs-cache'] ?? '(none)';

      // A deep section page: as far back as the section goes, at most page 200.
      const perSection = Math.floor(n / SECTIONS.length);
      const deepPage = Math.max(2, Math.min(200, Math.floor(perSection / PAGE_SIZE) - 1));
      result.deepPage = deepPage;
      result.lists = {};
      for (const [label, p] of [
        ['home /id', '/id'],
        ['home /en', '/en'],
        [`section id page ${deepPage}`, sectionPath('id', 'technology', deepPage)],
        [`section en page ${deepPage}`, sectionPath('en', 'technology', deepPage)],
      ]) {
        const first = await get(p);
        const rest = await timeEach(Array.from({ length: 20 }, () => p));
        result.lists[label] = { path: p, status: first.status, firstMs: first.ms, ...rest };
      }
      result.search = await searchLatency();
      result.sitemap = await sitemap();
      result.publish = await publishToVisible({ ...env, SITE_URL: '' }, drafts);
      result.rssEnd = processTree(server.pid);
      result.serverProblems = server
        .log()
        .split('\n')
        .filter((l) => /error|problem|unhandled/i.test(l))
        .slice(0, 5);
    } finally {
      await server.stop();
    }
    return result;
  } finally {
    await dropDatabase?.();
    await removeFolder();
    await removeEmpty();
    await removeDrafts();
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const ms = (v) => (Number.isFinite(v) ? Math.round(v) : 'n/a');
const s1 = (v) => (Number.isFinite(v) ? (v / 1000).toFixed(1) : 'n/a');
const mb = (kb) => Math.round(kb / 1024);
const kbOf = (bytes) => (bytes / 1024).toFixed(1);
const meets = (value, limit) => (Number.isFinite(value) ? (value <= limit ? 'yes' : 'NO') : '');

function rowsFor(r) {
  const rows = [
    ['generate the folder', `${s1(r.generateMs)} s`, ''],
    ['content:import', `${s1(r.importMs)} s (${Math.round(r.importRate)} stories/s), its peak memory ${Number.isFinite(r.importPeakMb) ? `${r.importPeakMb} MB` : 'n/a'}`, ''],
    ['database size', r.databaseSize?.pretty ?? '', ''],
  ];
  if (r.coldStartMs === undefined) return rows;
  const searchRow = (words) => (r.search.available ? [`search, ${words}-word Indonesian queries (p50 / p95)`, `${ms(r.search[words].p50)} / ${ms(r.search[words].p95)} ms${r.search[words].wrong.length ? ` (${r.search[words].wrong.length} not 200)` : ''}`, `p95 ≤ ${TARGETS.searchP95} ms: ${meets(r.search[words].p95, TARGETS.searchP95)}`] : [`search, ${words}-word Indonesian queries`, `n/a (/id/${SEGMENTS.id.search} answers ${r.search.status})`, `p95 ≤ ${TARGETS.searchP95} ms`]);
  rows.push(
    ['cold start to /readyz 200', `${s1(r.coldStartMs)} s (listening after ${s1(r.listeningMs)} s)`, `≤ ${TARGETS.coldStartMs / 1000} s: ${meets(r.coldStartMs, TARGETS.coldStartMs)}`],
    ['RSS at ready', `${mb(r.rssAtReady.kb)} MB (${r.rssAtReady.processes} process${r.rssAtReady.processes === 1 ? '' : 'es'})`, ''],
    [`RSS after ${MIXED_REQUESTS} mixed requests`, `${mb(r.rssAfter.kb)} MB`, `≤ ${TARGETS.rssMb} MB: ${meets(mb(r.rssAfter.kb), TARGETS.rssMb)}`],
    ['  the mixed requests (10 connections)', `${Math.round(r.mixed.requestsPerSecond)} req/s, p50 ${r.mixed.p50} ms, p99 ${r.mixed.p99} ms, ${r.mixed.errors} errors, ${r.mixed.non2xx} non-2xx`, ''],
    ['RSS at the end', `${mb(r.rssEnd.kb)} MB`, ''],
    [`article, cache miss (${r.miss.n} old stories; p50 / p95)`, `${ms(r.miss.p50)} / ${ms(r.miss.p95)} ms${r.miss.wrong.length ? ` (${r.miss.wrong.length} not 200)` : ''} (x-nextjs-cache: ${r.missCacheHeader})`, `p95 ≤ ${TARGETS.missP95} ms: ${meets(r.miss.p95, TARGETS.missP95)}`],
    [`article, cache hit (${r.hit.n}× one story; p50 / p95)`, `${ms(r.hit.p50)} / ${ms(r.hit.p95)} ms (x-nextjs-cache: ${r.hitCacheHeader})`, ''],
  );
  for (const [label, l] of Object.entries(r.lists)) rows.push([`${label} (first; then p50 / p95)`, `${ms(l.firstMs)} ms; ${ms(l.p50)} / ${ms(l.p95)} ms${l.status !== 200 ? ` (status ${l.status})` : ''}`, '']);
  rows.push(searchRow(1), searchRow(2), searchRow(4));
  rows.push([
    `publish to visible on /id (${r.publish.publishes}; p50 / p95)`,
    `${ms(r.publish.fromStart.p50)} / ${ms(r.publish.fromStart.p95)} ms from the command's start${r.publish.missed ? ` (${r.publish.missed} never showed)` : ''}; the command ${ms(r.publish.command.p50)} / ${ms(r.publish.command.p95)} ms`,
    `p95 ≤ ${TARGETS.publishP95} ms: ${meets(r.publish.missed ? Number.POSITIVE_INFINITY : r.publish.fromStart.p95, TARGETS.publishP95)}`,
  ]);
  const sm = r.sitemap;
  rows.push(
    ['/sitemap.xml', `${sm.kind}, ${kbOf(sm.indexBytes)} KB, ${ms(sm.ms)} ms${sm.status !== 200 ? ` (status ${sm.status})` : ''}`, ''],
    [
      sm.children ? `largest of its ${sm.children} children` : 'URLs in it',
      sm.children ? `${kbOf(sm.largestBytes)} KB, ${sm.largestUrls} URLs (${sm.largestPath}); ${sm.urls} URLs in all` : `${sm.urls} URLs`,
      `≤ 50,000 URLs and 50 MB: ${sm.largestUrls <= 50_000 && sm.largestBytes <= 50 * 1024 * 1024 ? 'yes' : 'NO'}`,
    ],
  );
  return rows;
}

function comparison(results) {
  const pick = [
    ['import', (r) => `${s1(r.importMs)} s`],
    ['import rate (stories/s)', (r) => Math.round(r.importRate)],
    ['database', (r) => r.databaseSize?.pretty],
    ['cold start', (r) => (r.coldStartMs === undefined ? '' : `${s1(r.coldStartMs)} s`)],
    ['RSS after 1,000 requests', (r) => (r.rssAfter ? `${mb(r.rssAfter.kb)} MB` : '')],
    ['miss p50 / p95', (r) => (r.miss ? `${ms(r.miss.p50)} / ${ms(r.miss.p95)} ms` : '')],
    ['hit p50 / p95', (r) => (r.hit ? `${ms(r.hit.p50)} / ${ms(r.hit.p95)} ms` : '')],
    ['home /id first / p50', (r) => (r.lists ? `${ms(r.lists['home /id'].firstMs)} / ${ms(r.lists['home /id'].p50)} ms` : '')],
    ['deep section (id) first / p50', (r) => (r.lists ? `${ms(Object.values(r.lists)[2].firstMs)} / ${ms(Object.values(r.lists)[2].p50)} ms (page ${r.deepPage})` : '')],
    ['search 1 / 2 / 4 words p95', (r) => (!r.search ? '' : r.search.available ? `${ms(r.search[1].p95)} / ${ms(r.search[2].p95)} / ${ms(r.search[4].p95)} ms` : 'n/a')],
    ['publish to visible p50 / p95', (r) => (r.publish ? `${ms(r.publish.fromStart.p50)} / ${ms(r.publish.fromStart.p95)} ms` : '')],
    ['sitemap.xml / largest child', (r) => (r.sitemap ? `${kbOf(r.sitemap.indexBytes)} KB / ${r.sitemap.children ? `${kbOf(r.sitemap.largestBytes)} KB` : '(one file)'}` : '')],
  ];
  const targets = { 'cold start': `≤ ${TARGETS.coldStartMs / 1000} s`, 'RSS after 1,000 requests': `≤ ${TARGETS.rssMb} MB`, 'miss p50 / p95': `p95 ≤ ${TARGETS.missP95} ms`, 'search 1 / 2 / 4 words p95': `≤ ${TARGETS.searchP95} ms`, 'publish to visible p50 / p95': `p95 ≤ ${TARGETS.publishP95} ms` };
  return table(
    ['measure', ...results.map((r) => `${r.stories.toLocaleString('en-US')} stories`), 'target at 1,000,000'],
    pick.map(([label, f]) => [label, ...results.map((r) => f(r) ?? ''), targets[label] ?? '']),
  );
}

async function main() {
  if (!sizes.length) throw new Error('BENCH_ARCHIVE_SIZES names no size (e.g. "10000,100000")');
  const env = benchEnv({ NEXT_DIST_DIR: distDir });
  // The build is of the code, not of an archive: content/ as in the repo, no database (as the e2e
  // tests build), so one build serves every size; each server reads its archive at run time.
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'PURGE_URL', 'CONTENT_DIR']) delete env[key];
  if (!importOnly) {
    if (process.env.BENCH_SKIP_BUILD) console.log(`bench:archive: reusing the build in ${distDir}`);
    else {
      console.log(`bench:archive: building into ${distDir} …`);
      const t = performance.now();
      await buildApp(env);
      console.log(`bench:archive: built in ${s1(performance.now() - t)} s`);
    }
  }
  const results = [];
  for (const total of sizes) {
    const r = await measure(total, env);
    results.push(r);
    console.log(`\n### ${total.toLocaleString('en-US')} stories (${r.perLanguage.toLocaleString('en-US')} per language)${importOnly ? ', import only' : ''}\n`);
    console.log(table(['measure', 'figure', 'target at 1,000,000 stories'], rowsFor(r)));
    if (r.serverProblems?.length) console.log(`\nThe server's log: ${r.serverProblems.join(' | ')}`);
    console.log('');
  }
  console.log(`\n### Across sizes (${machineNote()}; the client, the server and PostgreSQL share these cores)\n`);
  console.log(comparison(results));
  const file = writeResult('archive', { sizes, importOnly, publishes, results });
  console.log(`\nbench:archive: wrote ${path.relative(repoRoot, file)}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUpEverything();
    agent.destroy();
  });
