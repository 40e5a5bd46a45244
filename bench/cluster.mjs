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

/** Corrections of a cached article, each polled through Varnish until its new title shows. */
async function publishToVisible(env, drafts, instanceUrl) {
  const { slug, file } = story('id', 1);
  const articleUrl = `${varnishUrl}/id/berita/${slug}`;
  const rows = [];
  for (let i = 0; i < publishes; i++) {
    await fetch(articleUrl);
    const before = await raw(articleUrl);
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

    // Archive URLs, both languages interleaved, oldest first (the newest are the publish's): a
    // warm-up slice, then one half for each run, so that no URL is asked twice.
    const urls = [];
    for (let i = stories - 1; i >= 10; i--) urls.push(`/id/berita/${slugs.id[i]}`, `/en/news/${slugs.en[i]}`);
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
    const file = writeResult('cluster', { connections, missConnections, duration, stories, hits, misses: missRuns, publishes: publishRows, publish, memory });
    console.log(`bench:cluster: wrote ${path.relative(repoRoot, file)}`);
    const failed = [...hits, ...missRuns].some((r) => r.errors || r.non2xx) || Number.isNaN(publish.fromStart.max);
    if (failed) {
      console.error('bench:cluster: some requests failed, or a correction did not show through Varnish within 30 s');
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
