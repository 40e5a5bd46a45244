// `npm run bench`: server throughput of our production server against a blank Next app of the same
// version, both served by `next start` on this machine, measured with autocannon.
//
// For each target (article, home, share image, and two blank pages), with and without
// `Accept-Encoding: gzip`: requests/s, p50 and p99 latency, errors and non-2xx answers, and the
// ratio to the blank pages measured the same way in the same run. Writes
// bench/results/server-<date>.json.
//
// The blank pages (bench/blank-article.mjs): the blank Next app carrying the seed article's text,
// and the same page padded with a hidden paragraph until its HTML is as large as our article's.
// The first says what our page costs beyond the App Router with that text; the second separates
// the bytes every App Router page sends (the RSC payload repeats the text) from the work that is
// ours. Budget (issue 13): the article, gzip, at least 0.8× the padded page; exits 1 below it.
//
// The load generator runs on the same machine as the server (2 cores here), so absolute figures
// are low and noisy; the ratio to blank is the figure to compare between runs.
//
// Env: BENCH_SKIP_BUILD=1 reuses an existing build (ours in NEXT_DIST_DIR, default .next-bench);
// BENCH_DURATION seconds per run (default 10); BENCH_CONNECTIONS (default 50);
// BENCH_PORT_OURS / BENCH_PORT_BLANK / BENCH_PORT_PADDED (default 3303 / 3304 / 3305).
import autocannon from 'autocannon';
import http from 'node:http';
import path from 'node:path';
import { writeBlankArticlePage } from './blank-article.mjs';
import {
  buildBlankApp,
  serveOursAndBlank,
  startServer,
  SEED,
  createBlankApp,
  removeDir,
  repoRoot,
  stopAllServers,
  table,
  writeResult,
  machineNote,
} from './lib.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const portOurs = Number(process.env.BENCH_PORT_OURS ?? 3303);
const portBlank = Number(process.env.BENCH_PORT_BLANK ?? 3304);
const portPadded = Number(process.env.BENCH_PORT_PADDED ?? 3305);
const minRatio = 0.8;

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** One request's answer as a client sees it: status, bytes on the wire (still compressed) and caching headers. */
function probe(url, headers) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (d) => (bytes += d.length));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            bytes,
            encoding: res.headers['content-encoding'] ?? 'identity',
            cache: res.headers['x-nextjs-cache'] ?? '',
            cacheControl: res.headers['cache-control'] ?? '',
            setCookie: 'set-cookie' in res.headers,
          }),
        );
      })
      .on('error', reject);
  });
}

const blankDir = createBlankApp();
writeBlankArticlePage(blankDir);
const paddedDir = createBlankApp();
let exitCode = 0;
let failedRequests = 0;
try {
  const { ours, blank } = await serveOursAndBlank('bench', { blankDir, portOurs, portBlank });
  // Padding: our article's own HTML, stripped of characters HTML or JSON would escape, so that it
  // compresses about as ours does. It reaches the page twice (as text and in the payload).
  const ourHtml = await (await fetch(ours.origin + SEED.id, { headers: { 'accept-encoding': 'identity' } })).text();
  const blankHtml = await (await fetch(blank.origin + '/', { headers: { 'accept-encoding': 'identity' } })).text();
  const padding = ourHtml.replace(/[<>"'&\\]/g, ' ').slice(0, Math.max(0, Math.round((ourHtml.length - blankHtml.length) / 2)));
  writeBlankArticlePage(paddedDir, { padding });
  console.log(`bench: building the padded blank page in ${paddedDir} …`);
  await buildBlankApp(paddedDir);
  const padded = await startServer({ cwd: paddedDir, port: portPadded, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });

  const targets = [
    { name: 'article', url: ours.origin + SEED.id },
    { name: 'home', url: ours.origin + '/id' },
    { name: 'share image', url: ours.origin + SEED.idShareImage },
    { name: 'blank', url: blank.origin + '/' },
    { name: 'blank padded', url: padded.origin + '/' },
  ];
  const encodings = [
    { name: 'gzip', headers: { 'accept-encoding': 'gzip' } },
    { name: 'none', headers: { 'accept-encoding': 'identity' } },
  ];

  const runs = [];
  for (const encoding of encodings) {
    for (const target of targets) {
      const answer = await probe(target.url, encoding.headers);
      // A short warm-up, so that first-request rendering and JIT are not in the measurement.
      await new Promise((resolve) => autocannon({ url: target.url, connections: 4, amount: 200, headers: encoding.headers }, resolve));
      process.stdout.write(`bench: ${target.name} (${encoding.name}) for ${duration} s … `);
      const r = await load(target.url, encoding.headers);
      console.log(`${Math.round(r.requests.average)} req/s`);
      runs.push({
        target: target.name,
        encoding: encoding.name,
        url: target.url,
        answer,
        requestsPerSecond: r.requests.average,
        latencyP50: r.latency.p50,
        latencyP99: r.latency.p99,
        latencyMax: r.latency.max,
        throughputBytesPerSecond: r.throughput.average,
        requests: r.requests.total,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      });
    }
  }

  const rows = runs.map((run) => {
    const blankRun = runs.find((b) => b.target === 'blank' && b.encoding === run.encoding);
    const paddedRun = runs.find((b) => b.target === 'blank padded' && b.encoding === run.encoding);
    run.ratioToBlank = run.requestsPerSecond / blankRun.requestsPerSecond;
    run.ratioToPadded = run.requestsPerSecond / paddedRun.requestsPerSecond;
    if (run.errors || run.timeouts || run.non2xx) failedRequests = exitCode = 1;
    return [
      run.target,
      run.encoding,
      run.answer.status,
      (run.answer.bytes / 1024).toFixed(1),
      run.answer.cache || '-',
      Math.round(run.requestsPerSecond),
      run.latencyP50,
      run.latencyP99,
      `${run.errors + run.timeouts}/${run.non2xx}`,
      run.ratioToBlank.toFixed(2),
      run.ratioToPadded.toFixed(2),
    ];
  });
  console.log(`\n${connections} connections, ${duration} s per row, client and server on one machine (${machineNote()})\n`);
  console.log(table(['target', 'encoding', 'status', 'KB sent', 'x-nextjs-cache', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', '× blank', '× padded'], rows));
  const article = (enc) => runs.find((r) => r.target === 'article' && r.encoding === enc);
  const size = (name, enc) => (runs.find((r) => r.target === name && r.encoding === enc).answer.bytes / 1024).toFixed(1);
  console.log(`\nblank page with the article's text: ${size('blank', 'none')} KB (${size('blank', 'gzip')} KB gzip); padded: ${size('blank padded', 'none')} KB (${size('blank padded', 'gzip')} KB gzip); our article: ${size('article', 'none')} KB (${size('article', 'gzip')} KB gzip)`);
  console.log(`ratio article/blank: gzip ${article('gzip').ratioToBlank.toFixed(2)}, no compression ${article('none').ratioToBlank.toFixed(2)}`);
  console.log(`ratio article/padded blank: gzip ${article('gzip').ratioToPadded.toFixed(2)}, no compression ${article('none').ratioToPadded.toFixed(2)} (budget: gzip ≥ ${minRatio})`);
  if (article('gzip').ratioToPadded < minRatio) {
    exitCode = 1;
    console.error(`bench: the article (gzip) reaches ${article('gzip').ratioToPadded.toFixed(2)}× the padded blank page, under ${minRatio}`);
  }
  const file = writeResult('server', { connections, duration, runs });
  console.log(`written: ${path.relative(repoRoot, file)}`);
  if (failedRequests) console.error('\nbench: some requests failed or answered non-2xx');
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await stopAllServers();
  removeDir(blankDir);
  removeDir(paddedDir);
}
process.exit(exitCode);
