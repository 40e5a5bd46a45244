// Soak test (`npm run soak`): 100 connections for 60 s on article pages in both languages against
// a production server, watching errors, timeouts and the server's memory. Not part of `npm test`.
//
//   SOAK_SKIP_BUILD=1      reuse the build in NEXT_DIST_DIR (default .next-soak)
//   SOAK_PORT=3204         where the server listens
//   SOAK_SECONDS=60        soak duration; SOAK_CONNECTIONS=100
//
// Exits non-zero on any error, timeout or non-2xx answer, or if the server's RSS after the soak is
// more than 20% above its RSS after the warm-up.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { run, waitForServer } from '../scripts/run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(repoRoot, 'node_modules/next/dist/bin/next');
const port = Number(process.env.SOAK_PORT ?? 3204);
const origin = `http://127.0.0.1:${port}`;
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 100);
// Long enough for V8 to reach its steady heap size under this load, so that growth after it means a leak.
const warmupSeconds = 30;
const maxRssGrowth = 0.2;

const env = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-soak',
  SITE_URL: process.env.SITE_URL || origin,
};

/** RSS in kB of a process and all its descendants (`next start` may spawn workers). */
function treeRssKb(pid) {
  let total = 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean)) {
      try {
        total += treeRssKb(Number(child));
      } catch {
        // the child exited meanwhile
      }
    }
  }
  return total;
}

/**
 * RSS under garbage collection is a sawtooth (±15% here within seconds), so one reading compares
 * two random points of it. Instead RSS is sampled every second, and the median of the last
 * `windowSeconds` of a phase stands for that phase.
 */
async function cannonSamplingRss(options, windowSeconds = 10) {
  const samples = [];
  const timer = setInterval(() => {
    try {
      samples.push(treeRssKb(server.pid));
    } catch {
      // the server is gone; the run reports it
    }
  }, 1000);
  try {
    const result = await cannon(options);
    const tail = samples.slice(-windowSeconds).sort((a, b) => a - b);
    return { result, rssKb: tail[Math.floor(tail.length / 2)] ?? treeRssKb(server.pid), peakKb: Math.max(...samples) };
  } finally {
    clearInterval(timer);
  }
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: origin, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The `<loc>` paths of a sitemap document. */
const locPaths = (xml) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);

async function articlePaths() {
  // sitemap.xml is an index (decision 030): the stories are in its children.
  const children = locPaths(await (await fetch(`${origin}/sitemap.xml`)).text());
  const listed = [];
  for (const child of children) listed.push(...locPaths(await (await fetch(`${origin}${child}`)).text()));
  const paths = listed.filter((p) => /^\/(id\/berita|en\/news)\//.test(p));
  const id = paths.filter((p) => p.startsWith('/id/'));
  const en = paths.filter((p) => p.startsWith('/en/'));
  if (!id.length || !en.length) throw new Error(`The sitemap lists no articles in both languages (id: ${id.length}, en: ${en.length})`);
  // Alternate the languages, so that every connection cycles through both.
  return Array.from({ length: Math.max(id.length, en.length) * 2 }, (_, i) => (i % 2 ? en : id)[Math.floor(i / 2) % (i % 2 ? en : id).length]);
}

const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

if (!process.env.SOAK_SKIP_BUILD) {
  // Next adds "<distDir>/types/**" to tsconfig.json for a new distDir: put it back as it was.
  const tsconfig = path.join(repoRoot, 'tsconfig.json');
  const before = readFileSync(tsconfig, 'utf8');
  console.log(`soak: building into ${env.NEXT_DIST_DIR} …`);
  try {
    await run(process.execPath, [nextBin, 'build'], { env, cwd: repoRoot, quiet: true });
  } finally {
    writeFileSync(tsconfig, before);
  }
}

const server = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
  env,
  cwd: repoRoot,
  stdio: ['ignore', 'ignore', 'inherit'],
});
let exitCode = 1;
try {
  await waitForServer(`${origin}/robots.txt`);
  const paths = await articlePaths();
  const requests = paths.map((p) => ({ method: 'GET', path: p }));
  console.log(`soak: ${paths.length / 2} article requests per language, round-robin; server pid ${server.pid}`);

  const { rssKb: rssWarm } = await cannonSamplingRss({ connections, duration: warmupSeconds, requests });

  console.log(`soak: ${connections} connections for ${seconds} s …`);
  const { result, rssKb: rssAfter, peakKb } = await cannonSamplingRss({ connections, duration: seconds, requests, timeout: 10 });
  const growth = (rssAfter - rssWarm) / rssWarm;

  const rows = [
    ['requests', String(result.requests.total)],
    ['errors', String(result.errors)],
    ['timeouts', String(result.timeouts)],
    ['non-2xx', String(result.non2xx)],
    ['req/s (mean)', result.requests.average.toFixed(0)],
    ['latency p50', `${result.latency.p50} ms`],
    ['latency p99', `${result.latency.p99} ms`],
    ['RSS after warm-up (median, last 10 s)', mb(rssWarm)],
    ['RSS after soak (median, last 10 s)', mb(rssAfter)],
    ['RSS peak during soak', mb(peakKb)],
    ['RSS growth', `${(growth * 100).toFixed(1)}% (limit ${maxRssGrowth * 100}%)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n| ${'measure'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);

  const failures = [];
  if (result.errors > 0 || result.timeouts > 0) failures.push(`${result.errors} errors and ${result.timeouts} timeouts`);
  if (result.non2xx > 0) failures.push(`${result.non2xx} answers were not 2xx`);
  if (growth > maxRssGrowth) failures.push(`RSS grew by ${(growth * 100).toFixed(1)}%`);
  if (failures.length) console.error(`\nsoak: FAILED: ${failures.join('; ')}`);
  else console.log('\nsoak: passed');
  exitCode = failures.length ? 1 : 0;
} finally {
  server.kill('SIGTERM');
}
process.exit(exitCode);
