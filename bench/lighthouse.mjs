// `npm run lighthouse`: Lighthouse (the npm package, default = mobile settings: a mid-range phone,
// slow 4G and 4× CPU slowdown, simulated) in the Chromium the end-to-end tests use, against the
// home page and the seed article in both languages, on a production server started here.
// Budgets: performance ≥ 95, accessibility, best practices and SEO = 100; exits non-zero below.
//
// Env: BENCH_SKIP_BUILD=1 reuses an existing build (NEXT_DIST_DIR, default .next-bench);
// LIGHTHOUSE_RUNS (default 1; with more, the run with the median performance score counts);
// BENCH_PORT (default 3307); CHROMIUM_PATH as for the tests.
// A blank Next app of the same version is measured too (BENCH_PORT + 1), as a reference row outside
// the budget: on a busy machine total blocking time rises for both, and the row shows it.
// LIGHTHOUSE_NO_BLANK=1 skips it.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import path from 'node:path';
import { findChromium } from '../scripts/find-chromium.mjs';
import {
  SEED,
  benchEnv,
  buildApp,
  buildBlankApp,
  createBlankApp,
  removeDir,
  repoRoot,
  startServer,
  stopAllServers,
  table,
  writeResult,
  machineNote,
} from './lib.mjs';

const port = Number(process.env.BENCH_PORT ?? 3307);
const runsPerPage = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const budgets = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const categories = Object.keys(budgets);
const pages = [
  { name: 'home id', path: '/id' },
  { name: 'home en', path: '/en' },
  { name: 'article id', path: SEED.id },
  { name: 'article en', path: SEED.en },
];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const chromeFlags = [
  '--headless=new',
  ...(isRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Where the main thread's time goes: its total and the three scripts that take most of it. */
function diagnostics(lhr) {
  const bootup = (lhr.audits['bootup-time']?.details?.items ?? [])
    .slice(0, 3)
    .map((i) => `${i.url.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(i.total)} ms`);
  return { bootup, mainThread: lhr.audits['mainthread-work-breakdown']?.displayValue ?? '' };
}

/** The audits that cost a category points: those with a weight and a score below 1. */
function failingAudits(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  return category.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .map(({ ref, audit }) => ({
      id: ref.id,
      title: audit.title,
      score: audit.score,
      weight: ref.weight,
      displayValue: audit.displayValue ?? '',
      items: (audit.details?.items ?? []).slice(0, 5).map((item) => item.node?.snippet ?? item.url ?? item.source?.url ?? JSON.stringify(item).slice(0, 200)),
    }));
}

let exitCode = 0;
let chrome;
let cleanup = () => {};
try {
  const env = benchEnv();
  const origin = `http://127.0.0.1:${port}`;
  if (process.env.BENCH_SKIP_BUILD) console.log(`lighthouse: reusing the build in ${env.NEXT_DIST_DIR} (built for SITE_URL=${env.SITE_URL ?? origin}?)`);
  else {
    console.log(`lighthouse: building into ${env.NEXT_DIST_DIR} …`);
    await buildApp({ ...env, SITE_URL: env.SITE_URL ?? origin });
  }
  await startServer({ port, env: { ...env, SITE_URL: env.SITE_URL ?? origin }, readyPath: '/robots.txt' });
  let blankDir;
  if (!process.env.LIGHTHOUSE_NO_BLANK) {
    blankDir = createBlankApp();
    console.log(`lighthouse: building the blank Next app (reference) in ${blankDir} …`);
    await buildBlankApp(blankDir);
    await startServer({ cwd: blankDir, port: port + 1, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
    pages.push({ name: 'blank (reference)', origin: `http://127.0.0.1:${port + 1}`, path: '/', reference: true });
  }
  cleanup = () => blankDir && removeDir(blankDir);
  const chromePath = findChromium();
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'silent' });
  console.log(`lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} in ${chromePath}, mobile settings`);

  const results = [];
  for (const page of pages) {
    const runs = [];
    for (let i = 0; i < runsPerPage; i++) {
      const result = await lighthouse((page.origin ?? origin) + page.path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
      runs.push(result.lhr);
    }
    runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const lhr = runs[Math.floor(runs.length / 2)];
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    const metrics = Object.fromEntries(
      ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map((id) => [id, lhr.audits[id]?.displayValue ?? '']),
    );
    const failures = Object.fromEntries(categories.map((c) => [c, failingAudits(lhr, c)]));
    const pass = page.reference || categories.every((c) => scores[c] >= budgets[c]);
    if (!pass) exitCode = 1;
    results.push({ page: page.name, path: page.path, reference: !!page.reference, scores, metrics, pass, failures, diagnostics: diagnostics(lhr), allPerformanceScores: runs.map((r) => Math.round(r.categories.performance.score * 100)) });
    console.log(`lighthouse: ${page.name}: ${categories.map((c) => `${c} ${scores[c]}`).join(', ')}`);
  }

  console.log(`\nLighthouse scores (budget: ${categories.map((c) => `${c} ≥ ${budgets[c]}`).join(', ')}; ${machineNote()})\n`);
  console.log(
    table(
      ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'budget'],
      results.map((r) => [
        r.page,
        r.scores.performance,
        r.scores.accessibility,
        r.scores['best-practices'],
        r.scores.seo,
        r.metrics['first-contentful-paint'],
        r.metrics['largest-contentful-paint'],
        r.metrics['total-blocking-time'],
        r.metrics['cumulative-layout-shift'],
        r.reference ? '-' : r.pass ? 'ok' : 'BELOW',
      ]),
    ),
  );
  console.log('\nMain-thread time (simulated 4× slowdown) and the scripts that take most of it:');
  console.log(
    table(
      ['page', 'main thread', 'top scripts'],
      results.map((r) => [r.page, r.diagnostics.mainThread, r.diagnostics.bootup.join('; ')]),
    ),
  );
  const below = results.filter((r) => !r.reference).flatMap((r) => categories.flatMap((c) => r.failures[c].map((f) => [r.page, c, f.id, f.score, f.displayValue, f.items.join(' | ').slice(0, 160)])));
  if (below.length) {
    console.log('\nAudits that cost points:');
    console.log(table(['page', 'category', 'audit', 'score', 'value', 'items'], below));
  }
  const file = writeResult('lighthouse', { budgets, runsPerPage, results });
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
  if (exitCode) console.error('\nlighthouse: FAILED (a score is below its budget)');
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await chrome?.kill();
  await stopAllServers();
  cleanup();
}
process.exit(exitCode);
