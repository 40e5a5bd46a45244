// `npm run bench:build`: how the production build grows with the archive.
//
// For each size N it writes N stories in two languages (2·N Markdown files with valid front matter,
// spread over the sections and over time) into a temporary CONTENT_DIR, runs `next build` into
// NEXT_DIST_DIR (default .next-bench-archive, emptied first), and reports wall time, peak memory of the whole
// process tree (the sum of VmRSS over `next build` and its workers, sampled from /proc), and how
// many pages and share images were prerendered. After the largest build it starts the server and
// checks that an old story, not prerendered, renders on first request and is then cached, and its
// share image too.
//
// Env: BENCH_BUILD_SIZES (default "100,1000,10000": about two minutes in all on 2 cores);
// PRERENDER_RECENT (default 200 per language, as in lib/site.ts); BENCH_PORT (default 3306);
// BENCH_KEEP_CONTENT=1 keeps the generated folders.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from './archive.mjs';
import { benchEnv, guardTsconfig, machineNote, nextBin, removeDir, repoRoot, startServer, stopAllServers, table, writeResult } from './lib.mjs';

const sizes = (process.env.BENCH_BUILD_SIZES ?? '100,1000,10000')
  .split(',')
  .map((s) => Number.parseInt(s, 10))
  .filter((n) => n > 0);
const port = Number(process.env.BENCH_PORT ?? 3306);
const distDir = process.env.NEXT_DIST_DIR || '.next-bench-archive';

/** Pids of `root` and all its descendants, from /proc. */
function processTree(root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function statusKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs `next build`, sampling the process tree's memory every 200 ms. */
function measuredBuild(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [nextBin, 'build'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    let peakTreeKb = 0;
    let peakProcessKb = 0;
    let maxProcesses = 0;
    const sample = () => {
      const pids = processTree(child.pid);
      maxProcesses = Math.max(maxProcesses, pids.length);
      let sum = 0;
      for (const pid of pids) {
        sum += statusKb(pid, 'VmRSS');
        peakProcessKb = Math.max(peakProcessKb, statusKb(pid, 'VmHWM'));
      }
      peakTreeKb = Math.max(peakTreeKb, sum);
    };
    const timer = setInterval(sample, 200);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(Object.assign(new Error(`next build exited with ${code}`), { output: log }));
      else resolve({ seconds, peakTreeKb, peakProcessKb, maxProcesses, log });
    });
  });
}

function prerenderCounts() {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, distDir, 'prerender-manifest.json'), 'utf8'));
  const routes = Object.keys(manifest.routes);
  const count = (re) => routes.filter((r) => re.test(r)).length;
  return {
    total: routes.length,
    // Article paths, including those that only redirect to the story's slug in another language.
    articles: count(/^\/(id|en)\/news\/[^/]+$/),
    shareImages: count(/^\/(id|en)\/news\/[^/]+\/opengraph-image$/),
    listPages: count(/^\/(id|en)(\/page\/\d+|\/section\/[^/]+(\/\d+)?)?$/),
  };
}

async function request(url) {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, cache: res.headers.get('x-nextjs-cache') ?? '(none)', cacheControl: res.headers.get('cache-control') ?? '' };
}

/** An old story (beyond PRERENDER_RECENT): 200 on first request, then served from the cache. */
async function checkOnDemand(slugs, n, recent, contentDir) {
  const i = n - 1;
  if (i < recent) return { skipped: `all ${n} stories per language are prerendered (PRERENDER_RECENT=${recent})` };
  const server = await startServer({ port, env: benchEnv({ NEXT_DIST_DIR: distDir, CONTENT_DIR: contentDir }), readyPath: '/robots.txt' });
  try {
    const page = `${server.origin}/id/berita/${slugs.id[i]}`;
    const image = `${server.origin}/id/berita/${slugs.id[i]}/opengraph-image`;
    const result = { page: page.replace(server.origin, ''), image: image.replace(server.origin, '') };
    result.pageFirst = await request(page);
    result.pageSecond = await request(page);
    result.imageFirst = await request(image);
    result.imageSecond = await request(image);
    result.ok =
      result.pageFirst.status === 200 &&
      result.pageSecond.status === 200 &&
      result.pageSecond.cache === 'HIT' &&
      result.imageFirst.status === 200 &&
      result.imageSecond.status === 200 &&
      result.imageSecond.cache === 'HIT';
    return result;
  } finally {
    await server.stop();
  }
}

const recent = Number.parseInt(process.env.PRERENDER_RECENT ?? '200', 10);
const results = [];
let exitCode = 0;
try {
  for (const n of sizes) {
    const contentDir = mkdtempSync(path.join(tmpdir(), `kabar-archive-${n}-`));
    try {
      process.stdout.write(`bench:build: ${n} stories × 2 languages → ${contentDir} … `);
      const t0 = Date.now();
      const slugs = generate(contentDir, n);
      console.log(`written in ${((Date.now() - t0) / 1000).toFixed(1)} s; building …`);
      const env = benchEnv({ NEXT_DIST_DIR: distDir, CONTENT_DIR: contentDir, SITE_URL: `http://127.0.0.1:${port}` });
      // A build from scratch, as on CI: no compile cache from the previous size.
      removeDir(path.join(repoRoot, distDir));
      const guard = guardTsconfig(distDir);
      let build;
      try {
        build = await measuredBuild(env);
      } finally {
        guard.restore();
      }
      const counts = prerenderCounts();
      const row = {
        stories: n,
        files: 2 * n,
        seconds: build.seconds,
        peakTreeMb: build.peakTreeKb / 1024,
        peakProcessMb: build.peakProcessKb / 1024,
        maxProcesses: build.maxProcesses,
        ...counts,
      };
      if (n === Math.max(...sizes)) row.onDemand = await checkOnDemand(slugs, n, recent, contentDir);
      if (row.onDemand && row.onDemand.ok === false) exitCode = 1;
      results.push(row);
      console.log(`bench:build: ${n}: ${build.seconds.toFixed(1)} s, peak ${Math.round(row.peakTreeMb)} MB`);
    } finally {
      if (!process.env.BENCH_KEEP_CONTENT) removeDir(contentDir);
    }
  }
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await stopAllServers();
}

if (results.length) {
  console.log(`\nnext build per archive size (PRERENDER_RECENT=${recent} per language, ${distDir}; ${machineNote()})\n`);
  console.log(
    table(
      ['stories/lang', 'files', 'build s', 'peak RSS tree MB', 'peak 1 process MB', 'processes', 'prerendered', 'article paths', 'share images', 'list pages'],
      results.map((r) => [
        r.stories,
        r.files,
        r.seconds.toFixed(1),
        Math.round(r.peakTreeMb),
        Math.round(r.peakProcessMb),
        r.maxProcesses,
        r.total,
        r.articles,
        r.shareImages,
        r.listPages,
      ]),
    ),
  );
  const last = results.at(-1).onDemand;
  if (last?.skipped) console.log(`\non-demand check skipped: ${last.skipped}`);
  else if (last) {
    console.log(`\nAn old story after the ${results.at(-1).stories}-story build (not prerendered):`);
    console.log(
      table(
        ['request', 'status', 'x-nextjs-cache', 'cache-control'],
        [
          [`${last.page} (1st)`, last.pageFirst.status, last.pageFirst.cache, last.pageFirst.cacheControl],
          [`${last.page} (2nd)`, last.pageSecond.status, last.pageSecond.cache, last.pageSecond.cacheControl],
          [`${last.image} (1st)`, last.imageFirst.status, last.imageFirst.cache, last.imageFirst.cacheControl],
          [`${last.image} (2nd)`, last.imageSecond.status, last.imageSecond.cache, last.imageSecond.cacheControl],
        ],
      ),
    );
    console.log(last.ok ? 'on-demand rendering and caching: ok' : 'on-demand rendering and caching: FAILED');
  }
  const file = writeResult('build', { prerenderRecent: recent, distDir, results });
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
}
process.exit(exitCode);
