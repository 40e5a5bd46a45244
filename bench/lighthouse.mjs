// `npm run lighthouse`: Lighthouse (the npm package, default = mobile settings: a mid-range phone,
// slow 4G and 4× CPU slowdown, simulated) on the home page and the seed article in both languages,
// each judged against a blank Next page of the same version measured in the same run; and an
// article with a lead photo (issue 24: the seed article's text with a photo published through the
// media pipeline, bench/photo-story.mjs) judged against the blank page carrying the same text and
// the same photo as `next/image` (priority, the blank app's own image optimiser) serves it.
//
// Absolute scores swing with the machine's load, so the budget is relative. The blank app of
// bench/lib.mjs, carrying the seed article's text (bench/blank-article.mjs), is built and served
// beside ours; the pages are measured alternately, round after round (blank, home id, article id,
// blank, home en, article en, blank + photo, article + photo), and every figure is the median of
// its runs. Fails when, for any of our pages against its blank page:
//   - performance is more than 3 points below the blank page's;
//   - total blocking time is more than 50 ms above it;
//   - largest contentful paint is more than 200 ms above it;
//   - cumulative layout shift is above 0;
//   - accessibility, best practices or SEO is below 100 in any run.
//
// Env: BENCH_SKIP_BUILD=1 reuses an existing build (NEXT_DIST_DIR, default .next-bench);
// LIGHTHOUSE_RUNS rounds (default and minimum 3); BENCH_PORT (default 3307; the blank app
// BENCH_PORT + 1); CHROMIUM_PATH as for the tests.
// LIGHTHOUSE_TRACE=1 then records the article and the blank page once more with real throttling
// (devtools: 4× CPU slowdown applied by Chrome, so the trace shows the phone's timings), writes both
// traces to bench/results/ and prints where the main thread's time goes, event by event.
// LIGHTHOUSE_SPLIT=1 also measures every page with Next's client scripts blocked (the HTML and its
// CSS alone: no App Router runtime, no hydration), in the same rounds, and prints the share of each
// figure that is the document and the share that is the runtime and hydration.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../scripts/find-chromium.mjs';
import { writeBlankArticlePage, writeBlankPhotoPage } from './blank-article.mjs';
import { LEAD_SIZES, PHOTO_PATH, PHOTO_TEXT, createPhotoStore, photoInfo, publishPhotoStory } from './photo-story.mjs';
import {
  SEED,
  benchEnv,
  buildApp,
  buildBlankApp,
  createBlankApp,
  removeDir,
  repoRoot,
  resultsDir,
  startServer,
  stopAllServers,
  table,
  writeResult,
  machineNote,
} from './lib.mjs';

const port = Number(process.env.BENCH_PORT ?? 3307);
const rounds = Math.max(3, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const limits = { performance: 3, tbt: 50, lcp: 200, cls: 0 };
const fullScore = ['accessibility', 'best-practices', 'seo'];
const categories = ['performance', ...fullScore];
const blankPage = { name: 'blank (article text)', short: 'blank', blank: true, path: '/' };
const blankPhotoPage = { name: 'blank + photo (next/image)', short: 'blank + photo', blank: true, path: '/photo' };
const ourPages = {
  homeId: { name: 'home id', path: '/id', against: blankPage },
  homeEn: { name: 'home en', path: '/en', against: blankPage },
  articleId: { name: 'article id', path: SEED.id, against: blankPage },
  articleEn: { name: 'article en', path: SEED.en, against: blankPage },
  articlePhoto: { name: 'article + photo', path: PHOTO_PATH, against: blankPhotoPage },
};
const blankPages = [blankPage, blankPhotoPage];
// One round: the blank page just before each pair of ours, and the blank page with the photo just
// before the article with the photo, so that a change in the machine's load reaches both sides of
// a comparison.
const round = [blankPage, ourPages.homeId, ourPages.articleId, blankPage, ourPages.homeEn, ourPages.articleEn, blankPhotoPage, ourPages.articlePhoto];
const split = Boolean(process.env.LIGHTHOUSE_SPLIT);
// Next's client scripts: the App Router runtime, React and the page's client components. Inline
// scripts (the RSC payload rows, JSON-LD) stay; without the runtime nothing reads them.
const NO_RUNTIME = { blockedUrlPatterns: ['*/_next/static/chunks/*.js'] };

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

const groups = ['styleLayout', 'scriptEvaluation', 'other', 'parseHTML', 'scriptParseCompile', 'paintCompositeRender', 'garbageCollection'];
const groupLabels = { styleLayout: 'style+layout', scriptEvaluation: 'script eval', other: 'other', parseHTML: 'parse HTML/CSS', scriptParseCompile: 'script compile', paintCompositeRender: 'paint', garbageCollection: 'GC' };

/** The figures of one Lighthouse run that the comparison uses. */
function figures(lhr) {
  const audit = (id) => lhr.audits[id];
  const breakdown = Object.fromEntries(groups.map((g) => [g, 0]));
  for (const item of audit('mainthread-work-breakdown')?.details?.items ?? []) breakdown[item.group] = (breakdown[item.group] ?? 0) + item.duration;
  return {
    scores: Object.fromEntries(categories.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
    fcp: audit('first-contentful-paint').numericValue,
    lcp: audit('largest-contentful-paint').numericValue,
    tbt: audit('total-blocking-time').numericValue,
    cls: audit('cumulative-layout-shift').numericValue,
    mainThread: audit('mainthread-work-breakdown')?.numericValue ?? 0,
    breakdown,
    // The photo as Lighthouse's phone (412 px, DPR 1.75) fetched it: which size, which format, how many bytes.
    images: (audit('network-requests')?.details?.items ?? [])
      .filter((i) => i.resourceType === 'Image')
      .map((i) => `${decodeURIComponent(i.url.replace(/^https?:\/\/[^/]+/, '')).slice(0, 60)} ${i.mimeType} ${i.transferSize} B`),
    scripts: (audit('bootup-time')?.details?.items ?? []).slice(0, 3).map((i) => `${i.url.replace(/^https?:\/\/[^/]+/, '')} ${Math.round(i.total)} ms`),
    costly: categories.flatMap((c) =>
      lhr.categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => ({ category: c, id: ref.id, score: lhr.audits[ref.id].score, value: lhr.audits[ref.id].displayValue ?? '' })),
    ),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median of every figure over a page's runs; the full-score categories keep their worst run. */
function summarise(runs) {
  return {
    runs: runs.length,
    performance: median(runs.map((r) => r.scores.performance)),
    performanceRuns: runs.map((r) => r.scores.performance),
    worst: Object.fromEntries(fullScore.map((c) => [c, Math.min(...runs.map((r) => r.scores[c]))])),
    fcp: median(runs.map((r) => r.fcp)),
    lcp: median(runs.map((r) => r.lcp)),
    tbt: median(runs.map((r) => r.tbt)),
    tbtRuns: runs.map((r) => Math.round(r.tbt)),
    cls: median(runs.map((r) => r.cls)),
    maxCls: Math.max(...runs.map((r) => r.cls)),
    mainThread: median(runs.map((r) => r.mainThread)),
    breakdown: Object.fromEntries(groups.map((g) => [g, median(runs.map((r) => r.breakdown[g]))])),
    lcpElement: runs.at(-1).lcpElement,
    scripts: runs.at(-1).scripts,
    images: runs.at(-1).images,
    costly: [...new Map(runs.flatMap((r) => r.costly).map((c) => [`${c.category}/${c.id}`, c])).values()],
  };
}

/**
 * The LCP element as the trace names it (Lighthouse 12.2.3's own LCP-element audit fails with this
 * Chromium's traces): the main frame's last candidate, e.g. "P class='article-lead'".
 */
function lcpCandidate(trace) {
  const candidates = trace.traceEvents.filter((e) => e.name === 'largestContentfulPaint::Candidate' && e.args?.data?.isMainFrame);
  return candidates.at(-1)?.args.data.nodeName ?? '';
}

/** Why a page fails against the blank page; empty when it passes. */
function verdict(ours, blank) {
  const reasons = [];
  if (ours.performance < blank.performance - limits.performance) reasons.push(`performance ${ours.performance} < blank ${blank.performance} − ${limits.performance}`);
  if (ours.tbt > blank.tbt + limits.tbt) reasons.push(`TBT ${Math.round(ours.tbt)} ms > blank ${Math.round(blank.tbt)} + ${limits.tbt} ms`);
  if (ours.lcp > blank.lcp + limits.lcp) reasons.push(`LCP ${Math.round(ours.lcp)} ms > blank ${Math.round(blank.lcp)} + ${limits.lcp} ms`);
  if (ours.maxCls > limits.cls) reasons.push(`CLS ${ours.maxCls.toFixed(4)} > ${limits.cls}`);
  for (const c of fullScore) if (ours.worst[c] < 100) reasons.push(`${c} ${ours.worst[c]} < 100`);
  return reasons;
}

const ms = (v) => `${Math.round(v)} ms`;
const sec = (v) => `${(v / 1000).toFixed(2)} s`;

/**
 * Self time per trace event name on the page's main thread: what the thread was doing, with the
 * time of nested events taken out of their parents. Lighthouse's groups say "style & layout" or
 * "other"; this names the events (Layout, UpdateLayoutTree, ParseAuthorStyleSheet, …) behind them.
 */
function selfTimeByEvent(traceEvents) {
  // The page's main thread: the one that parsed most HTML (the trace also holds about:blank's).
  const parsed = new Map();
  for (const e of traceEvents) if (e.name === 'ParseHTML' && e.dur) parsed.set(`${e.pid}:${e.tid}`, (parsed.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const busiest = [...parsed].sort((a, b) => b[1] - a[1])[0];
  if (!busiest) return [];
  const [pid, tid] = busiest[0].split(':').map(Number);
  const start = traceEvents.find((e) => e.name === 'navigationStart' && e.pid === pid && e.args?.data?.isLoadingMainFrame && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''))?.ts ?? 0;
  const events = traceEvents
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number' && e.ts >= start)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const count = new Map();
  const stack = [];
  for (const e of events) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - Math.min(e.dur, parent.ts + parent.dur - e.ts));
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
    stack.push(e);
  }
  return [...self].map(([name, us]) => ({ name, ms: us / 1000, count: count.get(name) })).filter((r) => r.ms >= 1).sort((a, b) => b.ms - a.ms);
}

/**
 * One Lighthouse run; a run that Lighthouse itself reports as broken (no LCP, a page that did not
 * settle: it happens on an overloaded machine) is repeated, up to twice, rather than counted.
 */
async function measure(url, settings = {}, tries = 3) {
  const { lhr, artifacts } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories, ...settings });
  const broken = lhr.runtimeError?.code ?? ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].find((id) => typeof lhr.audits[id]?.numericValue !== 'number');
  if (broken) {
    if (tries <= 1) throw new Error(`lighthouse: ${url}: ${broken} ${lhr.runtimeError?.message ?? lhr.audits[broken]?.errorMessage ?? ''}`);
    console.log(`  (${url}: ${broken} ${lhr.audits[broken]?.errorMessage ?? lhr.runtimeError?.message ?? ''}; measuring again)`);
    return measure(url, settings, tries - 1);
  }
  return Object.assign(figures(lhr), { lcpElement: lcpCandidate(artifacts.Trace) }, settings.throttlingMethod ? { trace: artifacts.Trace } : {});
}

let exitCode = 0;
let chrome;
let blankDir;
let photoStore;
try {
  const env = benchEnv();
  const origin = `http://127.0.0.1:${port}`;
  const blankOrigin = `http://127.0.0.1:${port + 1}`;
  if (process.env.BENCH_SKIP_BUILD) console.log(`lighthouse: reusing the build in ${env.NEXT_DIST_DIR} (built for SITE_URL=${env.SITE_URL ?? origin}?)`);
  else {
    console.log(`lighthouse: building into ${env.NEXT_DIST_DIR} …`);
    await buildApp({ ...env, SITE_URL: env.SITE_URL ?? origin });
  }
  photoStore = createPhotoStore();
  await startServer({ port, env: { ...env, ...photoStore.env, SITE_URL: env.SITE_URL ?? origin }, readyPath: '/robots.txt' });
  await publishPhotoStory(photoStore, origin);
  const photo = await photoInfo();
  blankDir = createBlankApp();
  writeBlankArticlePage(blankDir);
  writeBlankPhotoPage(blankDir, { photo: photo.file, width: photo.width, height: photo.height, sizes: LEAD_SIZES, ...PHOTO_TEXT });
  console.log(`lighthouse: building the blank Next app with the seed article's text (and at /photo with the photo, ${photo.width} × ${photo.height} ${photo.format}, ${photo.bytes} bytes, as next/image) in ${blankDir} …`);
  await buildBlankApp(blankDir);
  await startServer({ cwd: blankDir, port: port + 1, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  const urlOf = (page) => (page.blank ? blankOrigin : origin) + page.path;

  // The page cache renders a page on its first request after start; readers get the cached copy.
  for (const page of [...blankPages, ...Object.values(ourPages)]) for (let i = 0; i < 2; i++) await (await fetch(urlOf(page))).arrayBuffer();
  // The image optimiser makes a size on its first request and keeps it in the app's cache (ours
  // made every size at publish): every candidate of both pages is asked for once, as Chrome asks.
  for (const page of [blankPhotoPage, ourPages.articlePhoto]) {
    const html = await (await fetch(urlOf(page))).text();
    const urls = new Set([...html.matchAll(/\s(?:srcset|srcSet|imageSrcSet)="([^"]+)"/g)].flatMap((m) => m[1].replaceAll('&amp;', '&').split(',').map((c) => c.trim().split(/\s+/)[0])));
    for (const url of urls) await (await fetch(new URL(url, urlOf(page)), { headers: { accept: 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8' } })).arrayBuffer();
  }

  const chromePath = findChromium();
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'silent' });
  const version = (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version;
  console.log(`lighthouse ${version} in ${chromePath}, mobile settings, ${rounds} rounds (${machineNote()})`);

  const runs = new Map();
  const documentRuns = new Map();
  const loads = [];
  for (let r = 1; r <= rounds; r++) {
    for (const page of round) {
      const f = await measure(urlOf(page));
      runs.set(page, [...(runs.get(page) ?? []), f]);
      console.log(`  round ${r} ${page.name}: performance ${f.scores.performance}, TBT ${ms(f.tbt)}, LCP ${ms(f.lcp)}, CLS ${f.cls.toFixed(3)}, main thread ${sec(f.mainThread)}`);
      if (split && !(page.blank && runs.get(page).length % 2 === 0)) {
        const d = await measure(urlOf(page), NO_RUNTIME);
        documentRuns.set(page, [...(documentRuns.get(page) ?? []), d]);
        console.log(`  round ${r} ${page.name}, scripts blocked: performance ${d.scores.performance}, TBT ${ms(d.tbt)}, LCP ${ms(d.lcp)}, main thread ${sec(d.mainThread)}`);
      }
    }
    loads.push(machineNote());
  }

  const blank = summarise(runs.get(blankPage));
  const blankPhoto = summarise(runs.get(blankPhotoPage));
  const blankOf = (page) => (page.against === blankPhotoPage ? blankPhoto : blank);
  const results = Object.values(ourPages).map((page) => {
    const ours = summarise(runs.get(page));
    const reasons = verdict(ours, blankOf(page));
    if (reasons.length) exitCode = 1;
    return { page: page.name, path: page.path, against: page.against.short, ours, reasons };
  });
  const blanks = [['blank', blank], ['blank + photo', blankPhoto]];

  console.log(`\nLighthouse medians, ours against the blank Next page with the article's text, and the article with a lead photo against the blank page with the same photo as next/image (${rounds} rounds; ${machineNote()})`);
  console.log(`Budget: performance ≥ blank − ${limits.performance}, TBT ≤ blank + ${limits.tbt} ms, LCP ≤ blank + ${limits.lcp} ms, CLS = 0; accessibility, best practices, SEO = 100\n`);
  const delta = (a, b) => `${a - b >= 0 ? '+' : '−'}${Math.round(Math.abs(a - b))}`;
  console.log(
    table(
      ['page', 'against', 'perf', 'Δ perf', 'TBT ms', 'Δ TBT', 'LCP ms', 'Δ LCP', 'CLS', 'FCP ms', 'main thread', 'a11y/bp/SEO', 'perf runs', 'TBT runs', 'budget'],
      [
        ...blanks.map(([name, b]) => [name, '', b.performance, '', Math.round(b.tbt), '', Math.round(b.lcp), '', b.maxCls.toFixed(3), Math.round(b.fcp), sec(b.mainThread), fullScore.map((c) => b.worst[c]).join('/'), b.performanceRuns.join(','), b.tbtRuns.join(','), '-']),
        ...results.map(({ page, against, ours, reasons }) => {
          const blank = against === 'blank' ? blanks[0][1] : blanks[1][1];
          return [
          page,
          against,
          ours.performance,
          delta(ours.performance, blank.performance),
          Math.round(ours.tbt),
          delta(ours.tbt, blank.tbt),
          Math.round(ours.lcp),
          delta(ours.lcp, blank.lcp),
          ours.maxCls.toFixed(3),
          Math.round(ours.fcp),
          sec(ours.mainThread),
          fullScore.map((c) => ours.worst[c]).join('/'),
          ours.performanceRuns.join(','),
          ours.tbtRuns.join(','),
          reasons.length ? 'FAIL' : 'ok',
          ];
        }),
      ],
    ),
  );

  console.log('\nMain-thread time by kind of work, medians in ms (Lighthouse: observed time × 4, the simulated slowdown):');
  console.log(
    table(
      ['page', ...groups.map((g) => groupLabels[g]), 'total'],
      [...blanks, ...results.map((r) => [r.page, r.ours])].map(([name, s]) => [name, ...groups.map((g) => Math.round(s.breakdown[g])), Math.round(s.mainThread)]),
    ),
  );
  console.log('\nLCP element, the images fetched and the scripts that take most main-thread time (last run):');
  console.log(
    table(
      ['page', 'LCP element', 'images fetched', 'top scripts'],
      [...blanks, ...results.map((r) => [r.page, r.ours])].map(([name, s]) => [name, s.lcpElement.slice(0, 70), s.images.join('; '), s.scripts.join('; ')]),
    ),
  );
  const costly = results.flatMap((r) => r.ours.costly.map((c) => [r.page, c.category, c.id, c.score, c.value]));
  if (costly.length) {
    console.log('\nAudits that cost points in some run:');
    console.log(table(['page', 'category', 'audit', 'score', 'value'], costly));
  }

  let documentOnly;
  if (split) {
    documentOnly = [['blank', blankPage], ['blank + photo', blankPhotoPage], ...Object.values(ourPages).map((p) => [p.name, p])].map(([name, page]) => {
      const whole = summarise(runs.get(page));
      const doc = summarise(documentRuns.get(page));
      return { page: name, whole, document: doc };
    });
    console.log('\nThe document alone (Next\'s client scripts blocked) against the whole page, medians; "runtime" is the difference: the App Router runtime, React and hydration:');
    console.log(
      table(
        ['page', 'perf whole', 'perf document', 'TBT whole', 'TBT document', 'TBT runtime', 'LCP whole', 'LCP document', 'main thread whole', 'document', 'runtime'],
        documentOnly.map(({ page, whole, document: doc }) => [
          page,
          whole.performance,
          doc.performance,
          Math.round(whole.tbt),
          Math.round(doc.tbt),
          Math.round(whole.tbt - doc.tbt),
          Math.round(whole.lcp),
          Math.round(doc.lcp),
          sec(whole.mainThread),
          sec(doc.mainThread),
          sec(whole.mainThread - doc.mainThread),
        ]),
      ),
    );
  }

  let traces;
  if (process.env.LIGHTHOUSE_TRACE) {
    traces = {};
    mkdirSync(resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
    const rows = new Map();
    for (const [key, page] of [['blank', blankPage], ['article', ourPages.articleId]]) {
      const { trace, ...f } = await measure(urlOf(page), { throttlingMethod: 'devtools' });
      const file = path.join(resultsDir, `trace-${key}-${stamp}.json`);
      writeFileSync(file, JSON.stringify(trace));
      const byEvent = selfTimeByEvent(trace.traceEvents);
      traces[key] = { file: path.relative(repoRoot, file), figures: f, byEvent };
      for (const row of byEvent) rows.set(row.name, { ...(rows.get(row.name) ?? {}), [key]: row });
    }
    console.log(`\nTrace, 4× CPU slowdown applied by Chrome (devtools throttling), self time per event on the main thread (${machineNote()}):`);
    console.log(`  article: ${traces.article.file}; blank: ${traces.blank.file} (open in Chrome DevTools → Performance → Load profile)`);
    const sorted = [...rows].map(([name, v]) => ({ name, a: v.article?.ms ?? 0, b: v.blank?.ms ?? 0, ac: v.article?.count ?? 0, bc: v.blank?.count ?? 0 })).sort((x, y) => y.a - y.b - (x.a - x.b));
    console.log(
      table(
        ['event', 'article ms', 'count', 'blank ms', 'count', 'extra ms'],
        sorted.slice(0, 25).map((r) => [r.name, Math.round(r.a), r.ac, Math.round(r.b), r.bc, Math.round(r.a - r.b)]),
      ),
    );
    for (const key of ['article', 'blank']) {
      const f = traces[key].figures;
      console.log(`  ${key}: TBT ${ms(f.tbt)}, LCP ${ms(f.lcp)}, main thread ${sec(f.mainThread)} (${groups.map((g) => `${groupLabels[g]} ${Math.round(f.breakdown[g])}`).join(', ')})`);
    }
  }

  const file = writeResult('lighthouse', { limits, rounds, loads, blank, blankPhoto, results, documentOnly, traces });
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
  for (const r of results) if (r.reasons.length) console.error(`lighthouse: ${r.page}: ${r.reasons.join('; ')}`);
  if (exitCode) console.error('\nlighthouse: FAILED (a page is worse than the blank page beyond the budget)');
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await chrome?.kill();
  await stopAllServers();
  if (blankDir) removeDir(blankDir);
  photoStore?.remove();
}
process.exit(exitCode);
