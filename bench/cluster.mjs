// `npm run bench:cluster`: the topology `npm run cluster` serves, measured in one run (issue 12, part 6).
//
// It starts `node scripts/cluster.mjs --instances 2` itself (Varnish on BENCH_PORT, instances on the
// next two ports) on a content folder of its own: content/ plus a generated archive
// (BENCH_CLUSTER_STORIES per language, default 5,000, as bench:build writes them), then measures:
// (a) cache hits: the seed article through Varnish against nginx serving the same bytes as a static
//     file (the page and its gzip body, as Varnish sent them, with gzip_static and the same
//     headers), autocannon with Accept-Encoding: gzip;
// (b) cache misses, 1 instance against 2: every request an archive article nobody has asked for
//     yet (no prerender, nothing in Varnish or in any instance's page cache), so each one is a
//     render on an instance. One instance is Varnish's instance_2 set sick (varnishadm), the way a
//     deploy drains it; it stays up, idle;
// (c) publish to visible through the front: BENCH_PUBLISHES corrections of a cached article with
//     `npm run publish` (its title changed), polling the article through Varnish until the new title
//     shows.
// (d) social traffic (issue 22): the article with a unique `fbclid` or `utm_source` on every request
//     against the plain URL, through Varnish in the same run, with Varnish's hit ratio for each
//     (varnishstat's counters before and after; pass: ≥ 0.9× the plain URL, ≥ 99 % hits);
// (e) a mixed log replayed through Varnish: plain URLs, the same with tracking parameters, random
//     client-router headers, dot-segment and doubled-slash paths, and crawlers asking for archive
//     stories nobody asked for; hits, misses, passes and MAIN.n_object before and after.
// Then the resident memory of one instance and of Varnish. Prints tables, writes
// bench/results/cluster-<date>.json. The load generator shares the machine's cores with everything
// it measures: compare ratios, not absolute numbers.
//
// Env: BENCH_SKIP_BUILD=1 reuses NEXT_DIST_DIR (default .next-bench-cluster); BENCH_PORT (3310:
// Varnish, +1 and +2 the instances, +3 nginx); BENCH_DURATION (10 s), BENCH_CONNECTIONS (50),
// BENCH_MISS_CONNECTIONS (10), BENCH_CLUSTER_STORIES (5000), BENCH_PUBLISHES (10).
import { execFile, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { backendName } from '../deploy/varnish/backends.cjs';
import { findNginx } from '../scripts/find-nginx.mjs';
import { generate, story } from './archive.mjs';
import { SEED, benchEnv, buildApp, machineNote, removeDir, repoRoot, table, writeResult } from './lib.mjs';

const execFileAsync = promisify(execFile);
const distDir = process.env.NEXT_DIST_DIR || '.next-bench-cluster';
const port = Number(process.env.BENCH_PORT ?? 3310);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Renders queue on an instance: more connections than this would keep each request waiting longer
// than Varnish's probe timeout (5 s) on a busy 2-core machine, and measure the probe instead.
const missConnections = Number(process.env.BENCH_MISS_CONNECTIONS ?? 10);
const stories = Number(process.env.BENCH_CLUSTER_STORIES ?? 5000);
const publishes = Number(process.env.BENCH_PUBLISHES ?? 10);
const secret = 'bench-revalidate-secret-0123456789abcdef0123';
const varnishUrl = `http://127.0.0.1:${port}`;
const nginxPort = port + 3;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** One request as a client sees it: status, headers and the body's bytes as sent (still compressed). */
function raw(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

function load(options) {
  return new Promise((resolve, reject) => autocannon({ connections, duration, ...options }, (error, result) => (error ? reject(error) : resolve(result))));
}

const summary = (r) => ({
  requestsPerSecond: r.requests.average,
  requests: r.requests.total,
  latencyP50: r.latency.p50,
  latencyP99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

/** `node scripts/cluster.mjs`, as an operator runs it; resolves once it serves, with what it printed. */
async function startCluster(env) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/cluster.mjs'), '--instances', '2', '--port', String(port)], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const closed = new Promise((resolve) => child.once('close', resolve));
  // Ctrl-C on the benchmark: the cluster stops what it started by itself.
  process.once('SIGINT', () => child.kill('SIGINT'));
  const deadline = Date.now() + 240_000;
  while (!/kill -HUP \d+/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm run cluster exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm run cluster did not serve within 240 s:\n${output}`);
    await sleep(250);
  }
  const pids = Object.fromEntries([...output.matchAll(/^(varnish|instance \d+)\s+http:\/\/\S+\s+(\d+)\s/gm)].map((m) => [m[1], Number(m[2])]));
  const workDir = /-n (\S+\/work)\b/.exec(output)[1];
  return {
    pids,
    output: () => output,
    adm: (...args) => execFileAsync('varnishadm', ['-n', workDir, ...args]).then((r) => r.stdout),
    /**
     * varnishstat's MAIN counters, by name without the prefix (cache_hit, n_object, …), once they
     * have settled: worker threads add their counts to the shared ones in batches, so a reading
     * right after a run lags it. Read every 500 ms until two readings agree (at most 10 s).
     */
    async stats() {
      const read = async () => {
        const { stdout } = await execFileAsync('varnishstat', ['-n', workDir, '-1', '-f', 'MAIN.*']);
        return Object.fromEntries([...stdout.matchAll(/^MAIN\.(\S+)\s+(\d+)/gm)].map((m) => [m[1], Number(m[2])]));
      };
      const same = (a, b) => ['cache_hit', 'cache_miss', 's_pass', 'n_object'].every((k) => a[k] === b[k]);
      let last = await read();
      for (let i = 0; i < 20; i++) {
        await sleep(500);
        const now = await read();
        if (same(last, now)) return now;
        last = now;
      }
      return last;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      await closed;
    },
  };
}

/** nginx serving `files` (url path → { body, gzip }) from a folder, with gzip_static and `headers`. */
async function startNginx(nginx, files, headers) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-bench-nginx-'));
  // Workers run as nobody when nginx starts as root: they must be able to read the files.
  chmodSync(dir, 0o755);
  for (const [urlPath, { body, gzip }] of Object.entries(files)) {
    const file = path.join(dir, 'www', urlPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
    writeFileSync(`${file}.gz`, gzip);
  }
  for (const sub of ['client-body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
  const addHeaders = Object.entries(headers)
    .filter(([, value]) => !/["\\$]/.test(value))
    .map(([name, value]) => `      add_header ${name} "${value}" always;`)
    .join('\n');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server_tokens off;
  types { }
  default_type "${headers['content-type'] ?? 'text/html; charset=utf-8'}";
  server {
    listen 127.0.0.1:${nginxPort};
    root ${dir}/www;
    gzip_static on;
    location / {
${addHeaders}
    }
  }
}
`,
  );
  const child = spawn(nginx, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit', detached: true });
  process.once('SIGINT', () => child.kill('SIGQUIT'));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    try {
      await raw(`http://127.0.0.1:${nginxPort}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('nginx did not listen within 15 s');
      await sleep(100);
    }
  }
  return {
    url: `http://127.0.0.1:${nginxPort}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      removeDir(dir);
    },
  };
}

/** What Varnish sends for the article, minus what a static server sets itself or a hit adds. */
const NOT_COPIED = new Set(['date', 'age', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'x-cache', 'accept-ranges', 'etag', 'last-modified', 'content-type']);

async function cacheHits(nginxPath) {
  const url = varnishUrl + SEED.id;
  await raw(url, { 'accept-encoding': 'gzip' });
  const hit = await raw(url, { 'accept-encoding': 'gzip' });
  const plain = await raw(url, { 'accept-encoding': 'identity' });
  if (hit.headers['x-cache'] !== 'HIT' || hit.headers['content-encoding'] !== 'gzip') throw new Error(`the article through Varnish is not a gzip hit: ${JSON.stringify(hit.headers)}`);
  const headers = Object.fromEntries(Object.entries(hit.headers).filter(([name]) => !NOT_COPIED.has(name)));
  headers['content-type'] = hit.headers['content-type'];
  let nginx;
  const rows = [];
  try {
    const targets = [{ name: 'Varnish (hit)', url }];
    if (nginxPath) {
      nginx = await startNginx(nginxPath, { [SEED.id]: { body: plain.body, gzip: hit.body } }, headers);
      const check = await raw(nginx.url + SEED.id, { 'accept-encoding': 'gzip' });
      if (check.status !== 200 || !check.body.equals(hit.body)) throw new Error(`nginx does not send the bytes Varnish sends (status ${check.status}, ${check.body.length} against ${hit.body.length} bytes)`);
      targets.push({ name: 'nginx (static file)', url: nginx.url + SEED.id });
    }
    for (const target of targets) {
      await load({ url: target.url, duration: 2, headers: { 'accept-encoding': 'gzip' } });
      process.stdout.write(`bench:cluster: ${target.name} for ${duration} s … `);
      const result = summary(await load({ url: target.url, headers: { 'accept-encoding': 'gzip' } }));
      console.log(`${Math.round(result.requestsPerSecond)} req/s`);
      rows.push({ target: target.name, bytes: hit.body.length, ...result });
    }
  } finally {
    await nginx?.stop();
  }
  return rows;
}

/**
 * Every request a URL asked for the first time: a miss in Varnish and in the instance's page cache
 * (the archive is not prerendered), so a render. `urls` must outnumber the requests of the run.
 */
async function misses(name, urls) {
  const probe = await raw(varnishUrl + urls[0], { 'accept-encoding': 'gzip' });
  if (probe.status !== 200 || probe.headers['x-cache'] !== 'MISS' || probe.headers['x-nextjs-cache'] !== 'MISS') {
    throw new Error(`${urls[0]} is not a render: ${probe.status}, X-Cache ${probe.headers['x-cache']}, x-nextjs-cache ${probe.headers['x-nextjs-cache']}`);
  }
  let next = 1;
  process.stdout.write(`bench:cluster: misses, ${name}, for ${duration} s … `);
  const result = summary(
    await load({
      url: varnishUrl,
      connections: missConnections,
      headers: { 'accept-encoding': 'gzip' },
      timeout: 60,
      requests: [{ setupRequest: (request) => ({ ...request, path: urls[next++ % urls.length] }) }],
    }),
  );
  console.log(`${Math.round(result.requestsPerSecond)} req/s`);
  return { target: name, distinct: next <= urls.length, urlsUsed: Math.min(next, urls.length), ...result };
}

/** Hits, misses and passes between two varnishstat readings; hit-for-miss and hit-for-pass count as misses and passes. */
function cacheCounts(before, after) {
  const d = (name) => (after[name] ?? 0) - (before[name] ?? 0);
  const hits = d('cache_hit');
  const misses = d('cache_miss');
  const passes = d('s_pass');
  return { hits, misses, passes, hitRatio: hits / Math.max(1, hits + misses + passes) };
}

/**
 * (d) Readers arriving from social apps and newsletters: every request the article with a query of
 * its own, against the plain URL. Each warmed with one request (the first miss) and 2 s of load;
 * then SOCIAL_ROUNDS rounds, each running every row for a slice of BENCH_DURATION in turn, so
 * that other work on the machine weighs on every row alike (a single slice per row moved the
 * ratio from 0.6 to 1.3 between two runs on a shared machine).
 */
const SOCIAL_ROUNDS = 3;
async function socialTraffic(cluster) {
  let n = 0;
  const rows = [
    { target: 'the plain URL', next: () => SEED.id },
    { target: 'a unique ?fbclid= per request', next: () => `${SEED.id}?fbclid=IwAR${(n++).toString(36)}${Date.now().toString(36)}` },
    { target: 'a unique ?utm_source=…&utm_medium=social per request', next: () => `${SEED.id}?utm_source=s${(n++).toString(36)}&utm_medium=social` },
  ].map((row) => ({ ...row, slices: [], hits: 0, misses: 0, passes: 0 }));
  const slice = Math.max(2, Math.round(duration / SOCIAL_ROUNDS));
  const options = (row, seconds) => ({ url: varnishUrl, duration: seconds, headers: { 'accept-encoding': 'gzip' }, requests: [{ setupRequest: (r) => ({ ...r, path: row.next() }) }] });
  for (const row of rows) {
    await raw(varnishUrl + row.next(), { 'accept-encoding': 'gzip' });
    await load(options(row, 2));
  }
  process.stdout.write(`bench:cluster: social traffic, ${SOCIAL_ROUNDS} rounds of ${slice} s per row … `);
  for (let round = 0; round < SOCIAL_ROUNDS; round++) {
    for (const row of rows) {
      const before = await cluster.stats();
      row.slices.push(summary(await load(options(row, slice))));
      const counts = cacheCounts(before, await cluster.stats());
      row.hits += counts.hits;
      row.misses += counts.misses;
      row.passes += counts.passes;
    }
  }
  console.log('done');
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return rows.map(({ target, slices, hits, misses, passes }) => ({
    target,
    requestsPerSecond: slices.reduce((sum, r) => sum + r.requests, 0) / (slice * slices.length),
    requests: slices.reduce((sum, r) => sum + r.requests, 0),
    latencyP50: median(slices.map((r) => r.latencyP50)),
    latencyP99: Math.max(...slices.map((r) => r.latencyP99)),
    errors: slices.reduce((sum, r) => sum + r.errors, 0),
    non2xx: slices.reduce((sum, r) => sum + r.non2xx, 0),
    perRound: slices.map((r) => Math.round(r.requestsPerSecond)),
    hits,
    misses,
    passes,
    hitRatio: hits / Math.max(1, hits + misses + passes),
  }));
}

/**
 * (e) A log as the front sees it, replayed in a loop: 40 % plain requests for ten popular pages,
 * 25 % the same with tracking parameters (a new value each time), 15 % with random client-router
 * headers, 5 % dot-segment or doubled-slash paths, 15 % crawlers asking for archive stories (each
 * one new: `archive` must outnumber them).
 */
async function mixedLog(cluster, popular, archive) {
  const router = () => ({
    rsc: '1',
    'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: [Math.random().toString(36).slice(2), {}] }, null, null, true])),
    'next-router-prefetch': '1',
    'next-url': `/${Math.random().toString(36).slice(2)}`,
  });
  const tracking = (i) => [`fbclid=IwAR${i}x${Date.now()}`, `utm_source=newsletter&utm_medium=email&utm_campaign=c${i}`, `gclid=Cj0${i}&utm_source=google`, `igshid=${i}`, `ref=${i}&_ga=2.${i}`][i % 5];
  const dotted = (p, i) => [p.replace(/^\/(\w+)\//, '/$1/./'), p.replace(/^\/(\w+)\//, '/$1//'), p.replace(/^\/(\w+)\//, '/$1/x/../')][i % 3];
  let i = 0;
  let crawled = 0;
  const kinds = { plain: 0, tracking: 0, router: 0, dots: 0, crawler: 0 };
  const next = (request) => {
    const n = i++;
    const page = popular[n % popular.length];
    const slot = n % 20;
    const headers = { ...request.headers };
    let pathname = page;
    if (slot < 8) kinds.plain++;
    else if (slot < 13) {
      kinds.tracking++;
      pathname = `${page}?${tracking(n)}`;
    } else if (slot < 16) {
      kinds.router++;
      Object.assign(headers, router());
    } else if (slot < 17) {
      kinds.dots++;
      pathname = dotted(page, n);
    } else {
      kinds.crawler++;
      pathname = archive[crawled++ % archive.length];
      headers['user-agent'] = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    }
    return { ...request, path: pathname, headers };
  };
  for (const p of popular) await raw(varnishUrl + p, { 'accept-encoding': 'gzip' });
  const before = await cluster.stats();
  process.stdout.write(`bench:cluster: mixed log for ${duration} s … `);
  const result = summary(await load({ url: varnishUrl, connections: missConnections * 2, headers: { 'accept-encoding': 'gzip' }, timeout: 60, requests: [{ setupRequest: next }] }));
  const after = await cluster.stats();
  const counts = cacheCounts(before, after);
  console.log(`${Math.round(result.requestsPerSecond)} req/s, ${(counts.hitRatio * 100).toFixed(1)} % hits`);
  return { ...result, ...counts, kinds, crawled, archiveUnused: crawled <= archive.length, objectsBefore: before.n_object, objectsAfter: after.n_object };
}

/** Corrections of a cached article, each polled through Varnish until its new title shows. */
async function publishToVisible(env, drafts, instanceUrl) {
  const { slug, file } = story('id', 1);
  const articleUrl = `${varnishUrl}/id/berita/${slug}`;
  const rows = [];
  for (let i = 0; i < publishes; i++) {
    // Each publish's purge is sent again 20 s later (lib/front-cache/purge.ts), and may land between
    // these two requests: ask again until the article is a hit.
    let before;
    for (let attempt = 0; attempt < 5 && before?.headers['x-cache'] !== 'HIT'; attempt++) {
      await fetch(articleUrl);
      before = await raw(articleUrl);
    }
    if (before.headers['x-cache'] !== 'HIT') throw new Error(`${articleUrl} is not cached before publish ${i}: X-Cache ${before.headers['x-cache']}`);
    const title = `Koreksi bench ${i} ${Date.now()}`;
    const now = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const draft = path.join(drafts, `${slug}.md`);
    writeFileSync(draft, file.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`).replace(/^updatedAt: .*$/m, `updatedAt: "${now}"`));
    const started = Date.now();
    await execFileAsync('npm', ['run', '-s', 'publish', '--', draft], { cwd: repoRoot, env: { ...env, SITE_URL: instanceUrl } });
    const returned = Date.now();
    let visible = Number.NaN;
    while (Date.now() < returned + 30_000) {
      if ((await (await fetch(articleUrl)).text()).includes(title)) {
        visible = Date.now();
        break;
      }
      await sleep(10);
    }
    rows.push({ command: returned - started, fromStart: visible - started, fromReturn: visible - returned });
  }
  return rows;
}

/** Resident memory of a process and everything under it (kB, from /proc). */
function rssKb(pid) {
  let total = 0;
  const walk = (p) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) walk(Number(child));
    } catch {
      // gone, or not Linux
    }
  };
  walk(pid);
  return total;
}

async function main() {
  const env = benchEnv({ NEXT_DIST_DIR: distDir, SITE_URL: varnishUrl });
  if (process.env.BENCH_SKIP_BUILD) console.log(`bench:cluster: reusing the build in ${distDir}`);
  else {
    console.log(`bench:cluster: building into ${distDir} …`);
    await buildApp(env);
  }
  const nginx = findNginx();
  if ('reason' in nginx) console.log(`bench:cluster: no nginx, so no static-file comparison: ${nginx.reason}`);
  const contentDir = mkdtempSync(path.join(tmpdir(), 'kabar-bench-cluster-'));
  const drafts = mkdtempSync(path.join(tmpdir(), 'kabar-bench-cluster-drafts-'));
  cpSync(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  console.log(`bench:cluster: generating ${stories} stories per language …`);
  const slugs = generate(contentDir, stories);
  const clusterEnv = { ...env, CONTENT_DIR: contentDir, REVALIDATE_SECRET: secret, PURGE_URL: '' };
  console.log(`bench:cluster: starting npm run cluster -- --instances 2 --port ${port} …`);
  const cluster = await startCluster(clusterEnv);
  try {
    const hits = await cacheHits('path' in nginx ? nginx.path : undefined);
    const social = await socialTraffic(cluster);

    // Archive URLs, both languages interleaved, oldest first (the newest are the publish's): a
    // slice for the crawlers of the mixed log, a warm-up slice, then one half for each run, so that
    // no URL is asked twice.
    const urls = [];
    for (let i = stories - 1; i >= 10; i--) urls.push(`/id/berita/${slugs.id[i]}`, `/en/news/${slugs.en[i]}`);
    const crawlerUrls = urls.splice(0, Math.min(3000, Math.floor(urls.length / 3)));
    const popular = [SEED.id, SEED.en, '/id', '/en', '/id/rubrik/dunia', '/en/section/world', `/id/berita/${slugs.id[2]}`, `/en/news/${slugs.en[2]}`, `/id/berita/${slugs.id[3]}`, `/en/news/${slugs.en[3]}`];
    const mixed = await mixedLog(cluster, popular, crawlerUrls);
    const warm = urls.splice(0, 400);
    await load({ url: varnishUrl, duration: 3, connections: 8, requests: [{ setupRequest: (r) => ({ ...r, path: warm.shift() ?? '/robots.txt' }) }] });
    const one = urls.filter((_, i) => i % 2 === 0);
    const two = urls.filter((_, i) => i % 2 === 1);
    await cluster.adm('backend.set_health', backendName(1), 'sick');
    await sleep(1_000);
    const missOne = await misses('1 instance', one);
    await cluster.adm('backend.set_health', backendName(1), 'auto');
    await sleep(2_000);
    const missTwo = await misses('2 instances', two);

    const publishRows = await publishToVisible(clusterEnv, drafts, `http://127.0.0.1:${port + 1}`);
    const memory = { instanceKb: rssKb(cluster.pids['instance 1']), varnishKb: rssKb(cluster.pids.varnish) };

    const note = `${connections} connections, ${duration} s per row, client and servers on one machine (${machineNote()}; other work shares these cores)`;
    console.log(`\n(a) The article (${(hits[0].bytes / 1024).toFixed(1)} KB gzip), cache hits: Varnish against nginx serving the same bytes as a static file\n${note}\n`);
    const nginxRow = hits.find((r) => r.target.startsWith('nginx'));
    console.log(
      table(
        ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', '× nginx'],
        hits.map((r) => [r.target, Math.round(r.requestsPerSecond), r.latencyP50, r.latencyP99, `${r.errors}/${r.non2xx}`, nginxRow ? (r.requestsPerSecond / nginxRow.requestsPerSecond).toFixed(2) : '-']),
      ),
    );
    console.log(`\n(b) Cache misses: each request an archive article asked for the first time (a render), through Varnish\n${note.replace(`${connections} connections`, `${missConnections} connections`)}\n`);
    const missRuns = [missOne, missTwo];
    console.log(
      table(
        ['instances', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'every URL new', '× 1 instance'],
        missRuns.map((r) => [r.target, Math.round(r.requestsPerSecond), r.latencyP50, r.latencyP99, `${r.errors}/${r.non2xx}`, r.distinct ? `yes (${r.urlsUsed})` : `no (${r.urlsUsed})`, (r.requestsPerSecond / missOne.requestsPerSecond).toFixed(2)]),
      ),
    );
    const plain = social[0];
    console.log(`\n(d) Social traffic: the article (gzip) with a query string of its own on every request, through Varnish, against the plain URL in the same run\n${note.replace(`${duration} s per row`, `${SOCIAL_ROUNDS} rounds of ${Math.max(2, Math.round(duration / SOCIAL_ROUNDS))} s per row, interleaved`)}\n`);
    console.log(
      table(
        ['request', 'req/s', 'each round', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'Varnish hits', '× plain URL'],
        social.map((r) => [r.target, Math.round(r.requestsPerSecond), r.perRound.join(' / '), r.latencyP50, r.latencyP99, `${r.errors}/${r.non2xx}`, `${(r.hitRatio * 100).toFixed(2)} % (${r.hits} hit, ${r.misses} miss, ${r.passes} pass)`, (r.requestsPerSecond / plain.requestsPerSecond).toFixed(2)]),
      ),
    );
    console.log(`\n(e) A mixed log through Varnish: ${Object.entries(mixed.kinds).map(([k, v]) => `${k} ${v}`).join(', ')} requests (ten popular pages; crawlers: archive stories, each asked once${mixed.archiveUnused ? '' : ', the list wrapped'})\n${note.replace(`${connections} connections`, `${missConnections * 2} connections`)}\n`);
    console.log(
      table(
        ['req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'hits', 'misses', 'passes', 'hit ratio', 'n_object before', 'n_object after'],
        [[Math.round(mixed.requestsPerSecond), mixed.latencyP50, mixed.latencyP99, `${mixed.errors}/${mixed.non2xx}`, mixed.hits, mixed.misses, mixed.passes, `${(mixed.hitRatio * 100).toFixed(1)} %`, mixed.objectsBefore, mixed.objectsAfter]],
      ),
    );
    console.log(`(non-2xx: the dot-segment paths, when the instances answer them with a 308 to the canonical URL; the hits a crawler's archive story cannot be are the misses: ${mixed.kinds.crawler} of them)`);
    const stat = (key) => {
      const values = publishRows.map((r) => r[key]);
      return values.some(Number.isNaN) ? { p50: NaN, p95: NaN, max: NaN } : { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
    };
    const publish = { command: stat('command'), fromStart: stat('fromStart'), fromReturn: stat('fromReturn') };
    console.log(`\n(c) Publish to visible through Varnish: ${publishes} corrections of a cached article, one after another (${stories} stories per language)\n`);
    console.log(
      table(
        ['measure', 'p50 ms', 'p95 ms', 'max ms'],
        [
          ['publish command (write + ack + purge)', publish.command.p50, publish.command.p95, publish.command.max],
          ['new title through Varnish, from command start', publish.fromStart.p50, publish.fromStart.p95, publish.fromStart.max],
          ['new title through Varnish, after command returned', publish.fromReturn.p50, publish.fromReturn.p95, publish.fromReturn.max],
        ],
      ),
    );
    console.log(`\nMemory after the runs (RSS): one instance ${Math.round(memory.instanceKb / 1024)} MB (${stories} stories per language), Varnish ${Math.round(memory.varnishKb / 1024)} MB (malloc 256m)`);
    const file = writeResult('cluster', { connections, missConnections, duration, stories, hits, social, mixed, misses: missRuns, publishes: publishRows, publish, memory });
    console.log(`bench:cluster: wrote ${path.relative(repoRoot, file)}`);
    const failed = [...hits, ...missRuns].some((r) => r.errors || r.non2xx) || Number.isNaN(publish.fromStart.max);
    if (failed) {
      console.error('bench:cluster: some requests failed, or a correction did not show through Varnish within 30 s');
      process.exitCode = 1;
    }
    // Issue 22: social traffic at ≥ 0.9× the plain URL, ≥ 99 % hits.
    const socialShort = social.slice(1).filter((r) => r.errors || r.non2xx || r.requestsPerSecond < 0.9 * plain.requestsPerSecond || r.hitRatio < 0.99);
    if (socialShort.length) {
      console.error(`bench:cluster: under 0.9× the plain URL or 99 % hits: ${socialShort.map((r) => r.target).join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await cluster.stop();
    removeDir(contentDir);
    removeDir(drafts);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
