// `npm run bench`: server throughput of our production server against a blank Next app of the same
// version, both served by `next start` on this machine, measured with autocannon.
//
// For each target (article, home, share image, blank page), with and without
// `Accept-Encoding: gzip`: requests/s, p50 and p99 latency, errors and non-2xx answers, and the
// ratio to the blank page measured the same way in the same run. Writes
// bench/results/server-<date>.json.
//
// The load generator runs on the same machine as the server (2 cores here), so absolute figures
// are low and noisy; the ratio to blank is the figure to compare between runs.
//
// Env: BENCH_SKIP_BUILD=1 reuses an existing build (ours in NEXT_DIST_DIR, default .next-bench);
// BENCH_DURATION seconds per run (default 10); BENCH_CONNECTIONS (default 50);
// BENCH_PORT_OURS / BENCH_PORT_BLANK (default 3303 / 3304).
import autocannon from 'autocannon';
import http from 'node:http';
import path from 'node:path';
import {
  serveOursAndBlank,
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
let exitCode = 0;
try {
  const { ours, blank } = await serveOursAndBlank('bench', { blankDir, portOurs, portBlank });

  const targets = [
    { name: 'article', url: ours.origin + SEED.id },
    { name: 'home', url: ours.origin + '/id' },
    { name: 'share image', url: ours.origin + SEED.idShareImage },
    { name: 'blank', url: blank.origin + '/' },
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
    run.ratioToBlank = run.requestsPerSecond / blankRun.requestsPerSecond;
    if (run.errors || run.timeouts || run.non2xx) exitCode = 1;
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
    ];
  });
  console.log(`\n${connections} connections, ${duration} s per row, client and server on one machine (${machineNote()})\n`);
  console.log(table(['target', 'encoding', 'status', 'KB sent', 'x-nextjs-cache', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', '× blank'], rows));
  const article = (enc) => runs.find((r) => r.target === 'article' && r.encoding === enc);
  console.log(`\nratio article/blank: gzip ${article('gzip').ratioToBlank.toFixed(2)}, no compression ${article('none').ratioToBlank.toFixed(2)}`);
  const file = writeResult('server', { connections, duration, runs });
  console.log(`written: ${path.relative(repoRoot, file)}`);
  if (exitCode) console.error('\nbench: some requests failed or answered non-2xx');
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await stopAllServers();
  removeDir(blankDir);
}
process.exit(exitCode);
