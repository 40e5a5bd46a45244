// `npm run bench:publish`: what a publish costs at archive scale, on a running production server.
//
// For each size N (default 100 and 10,000 stories per language, generated as bench:build does) it
// serves the archive from a CONTENT_DIR of its own (one build serves every size: content is read
// at run time), then publishes BENCH_PUBLISHES stories (default 20) one after another with
// `npm run publish` while autocannon reads the home page, an article and the feed at a bounded
// rate. It reports, per size:
// - the publish command's own time (validation of the whole store, atomic write, the site's ack);
// - publish-to-visible latency on the home page and in the feed: from the command's start, and
//   from its return (p50, p95, max);
// - the readers' latency and errors during the publishes;
// - the desk (issue 23): an editor signed in to /desk in a real browser (playwright-core with the
//   Chromium the e2e tests use) fills the new-story form and clicks "publish now"; from the click to
//   the desk's page coming back, and to the story on the home page (p50, p95, max).
// Targets: visible within 2 s at p95 with 10,000 stories, no reader request failing (issue 11);
// from the desk's click to the home page under 1 s at p95 (issue 23).
//
// Env: BENCH_PUBLISH_SIZES (default "100,10000"), BENCH_PUBLISHES (20), BENCH_DESK_PUBLISHES (20),
// BENCH_PORT (3307), BENCH_SKIP_BUILD=1 reuses NEXT_DIST_DIR (default .next-bench-publish).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { generate } from './archive.mjs';
import { benchEnv, buildApp, machineNote, removeDir, repoRoot, startServer, stopAllServers, table, writeResult } from './lib.mjs';
import { findChromium } from '../scripts/find-chromium.mjs';

const execFileAsync = promisify(execFile);
const sizes = (process.env.BENCH_PUBLISH_SIZES ?? '100,10000').split(',').map(Number).filter((n) => n > 0);
const publishes = Number(process.env.BENCH_PUBLISHES ?? 20);
const deskPublishes = Number(process.env.BENCH_DESK_PUBLISHES ?? 20);
const deskAccount = { email: 'bench-editor@kabar.test', password: 'a password for the publish bench' };
const port = Number(process.env.BENCH_PORT ?? 3307);
const secret = 'bench-revalidate-secret-0123456789abcdef0123';
const distDir = process.env.NEXT_DIST_DIR || '.next-bench-publish';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n) => Math.round(n);

function newStory(i) {
  const now = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return `---
translationId: bench-live-${i}
slug: bench-terbit-${i}
locale: id
title: "Bench terbit langsung ${i}"
summary: "Berita yang diterbitkan oleh benchmark ${i}."
section: world
publishedAt: "${now}"
updatedAt: "${now}"
source:
  name: Cnbc
tags: [bench]
status: published
---
Isi berita benchmark ${i}.
`;
}

/** Polls `url` until its body contains `text`; returns when that happened (ms since the epoch). */
async function visibleAt(origin, url, text, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(origin + url);
      if ((await response.text()).includes(text)) return Date.now();
    } catch {
      // the server is busy: try again
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return Number.NaN;
}

/**
 * The desk's "publish now", clicked in a real browser by a signed-in editor, `count` times: per
 * story, ms from the click to the desk's page back (the 303 followed) and to the story on the home page.
 */
async function deskPublishTimes(origin, env, count) {
  const added = await execFileAsync('npm', ['run', '-s', 'desk:user', '--', 'add', '--email', deskAccount.email, '--role', 'editor'], {
    cwd: repoRoot,
    env: { ...env, DESK_PASSWORD: deskAccount.password },
  });
  if (!added.stdout.includes('Added')) throw new Error(`desk:user did not add the bench's editor: ${added.stdout}${added.stderr}`);
  const { chromium } = createRequire(import.meta.url)('playwright-core');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({ executablePath: findChromium({ install: false }), args: [...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run'] });
  const rows = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${origin}/desk/login`);
    await page.fill('#email', deskAccount.email);
    await page.fill('#password', deskAccount.password);
    await Promise.all([page.waitForURL(`${origin}/desk`), page.press('#password', 'Enter')]);
    for (let i = 0; i < count; i++) {
      const title = `Bench meja redaksi ${i}`;
      await page.goto(`${origin}/desk/stories/new`);
      await page.fill('#title', title);
      await page.selectOption('#section', 'world');
      await page.fill('#summary', `Berita yang diterbitkan dari meja redaksi oleh benchmark ${i}.`);
      await page.fill('#sourceName', 'Kabar Kini');
      await page.fill('#body', `Isi berita benchmark meja redaksi ${i}.`);
      const started = Date.now();
      const [home, back] = await Promise.all([
        visibleAt(origin, '/id', `${title}<`, started + 30_000),
        page.click('button[name="action"][value="publish"]').then(() => page.waitForURL(/done=publish/)).then(() => Date.now()),
      ]);
      rows.push({ deskPage: back - started, deskHome: home - started });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

async function measure(n) {
  const contentDir = mkdtempSync(path.join(tmpdir(), `kabar-publish-${n}-`));
  const drafts = mkdtempSync(path.join(tmpdir(), 'kabar-publish-drafts-'));
  const deskDir = mkdtempSync(path.join(tmpdir(), 'kabar-publish-desk-'));
  console.log(`bench:publish: generating ${n} stories per language …`);
  const slugs = generate(contentDir, n);
  const env = benchEnv({
    NEXT_DIST_DIR: distDir,
    CONTENT_DIR: contentDir,
    REVALIDATE_SECRET: secret,
    SITE_URL: `http://127.0.0.1:${port}`,
    // The desk's accounts for this run only, in the embedded store.
    DESK_DB: path.join(deskDir, 'desk.sqlite'),
  });
  const server = await startServer({ port, env, readyPath: '/robots.txt' });
  try {
    for (const url of ['/id', '/id/feed.xml', '/en']) await fetch(server.origin + url);
    const readers = autocannon({
      url: server.origin,
      connections: 10,
      overallRate: 100,
      // Stopped after the last publish; the duration is only a bound (the desk's publishes come after the command's).
      duration: 3600,
      requests: [{ path: '/id' }, { path: '/id/feed.xml' }, { path: `/en/news/${slugs.en[1]}` }],
    });
    // Listened to from the start: were the readers to end before the publishes, 'done' would not come again.
    const readersDone = new Promise((resolve) => readers.on('done', resolve));
    const rows = [];
    for (let i = 0; i < publishes; i++) {
      const file = path.join(drafts, `bench-${i}.md`);
      writeFileSync(file, newStory(i));
      const started = Date.now();
      await execFileAsync('npm', ['run', '-s', 'publish', '--', file], { cwd: repoRoot, env });
      const returned = Date.now();
      const deadline = returned + 30_000;
      const [home, feed] = await Promise.all([
        visibleAt(server.origin, '/id', `Bench terbit langsung ${i}<`, deadline),
        // The feed writes titles as CDATA: the title ends at "]]>", not at a tag.
        visibleAt(server.origin, '/id/feed.xml', `Bench terbit langsung ${i}]]>`, deadline),
      ]);
      rows.push({ command: returned - started, homeFromStart: home - started, feedFromStart: feed - started, homeFromReturn: home - returned, feedFromReturn: feed - returned });
    }
    console.log(`bench:publish: ${deskPublishes} publishes from the desk in a browser …`);
    const deskRows = deskPublishes > 0 ? await deskPublishTimes(server.origin, env, deskPublishes) : [];
    readers.stop();
    const load = await readersDone;
    const column = (key) => (key.startsWith('desk') ? deskRows : rows).map((r) => r[key]);
    const stats = (key) => {
      const values = column(key);
      if (!values.length) return { p50: NaN, p95: NaN, max: NaN };
      return values.some(Number.isNaN) ? { p50: NaN, p95: NaN, max: NaN, missed: values.filter(Number.isNaN).length } : { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
    };
    return {
      stories: n,
      publishes: rows.length,
      command: stats('command'),
      homeFromStart: stats('homeFromStart'),
      feedFromStart: stats('feedFromStart'),
      homeFromReturn: stats('homeFromReturn'),
      feedFromReturn: stats('feedFromReturn'),
      deskPublishes: deskRows.length,
      deskPage: stats('deskPage'),
      deskHome: stats('deskHome'),
      readers: {
        requests: load.requests.total,
        p50: load.latency.p50,
        p99: load.latency.p99,
        max: load.latency.max,
        errors: load.errors + load.timeouts,
        non2xx: load.non2xx,
      },
      serverLog: server.log().split('\n').filter((l) => /problem|error/i.test(l)).slice(0, 5),
    };
  } finally {
    await server.stop();
    removeDir(contentDir);
    removeDir(drafts);
    removeDir(deskDir);
  }
}

async function main() {
  const env = benchEnv({ NEXT_DIST_DIR: distDir });
  if (process.env.BENCH_SKIP_BUILD) console.log(`bench:publish: reusing the build in ${distDir}`);
  else {
    console.log(`bench:publish: building into ${distDir} …`);
    await buildApp(env);
  }
  const results = [];
  for (const n of sizes) results.push(await measure(n));
  console.log(`\nPublish to visible (${publishes} publishes with the command and ${deskPublishes} from the desk per size, one after another; ${machineNote()}):\n`);
  const rows = [];
  for (const r of results) {
    for (const [label, key] of [
      ['publish command (write + ack)', 'command'],
      ['home, from command start', 'homeFromStart'],
      ['feed, from command start', 'feedFromStart'],
      ['home, after command returned', 'homeFromReturn'],
      ['feed, after command returned', 'feedFromReturn'],
      ['desk: click Publish → desk page back', 'deskPage'],
      ['desk: click Publish → on home page', 'deskHome'],
    ]) {
      const s = r[key];
      rows.push([r.stories, label, ms(s.p50), ms(s.p95), ms(s.max)]);
    }
  }
  console.log(table(['stories/lang', 'measure', 'p50 ms', 'p95 ms', 'max ms'], rows));
  console.log('\nReaders during the publishes (autocannon, 10 connections, at most 100 req/s: home, feed, an article):\n');
  console.log(
    table(
      ['stories/lang', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx'],
      results.map((r) => [r.stories, r.readers.requests, r.readers.p50, r.readers.p99, r.readers.max, r.readers.errors, r.readers.non2xx]),
    ),
  );
  const file = writeResult('publish', { publishes, results });
  console.log(`\nbench:publish: wrote ${path.relative(repoRoot, file)}`);
  const worst = results.at(-1);
  const ok = results.every((r) => r.readers.errors === 0 && r.readers.non2xx === 0) && worst.homeFromStart.p95 <= 2000 && worst.feedFromStart.p95 <= 2000;
  if (!ok) {
    console.error('bench:publish: target missed (visible within 2 s at p95 from the command start, and no reader request failing)');
    process.exitCode = 1;
  }
  if (deskPublishes > 0 && !(worst.deskHome.p95 <= 1000)) {
    console.error('bench:publish: desk target missed (from the click on "publish" to the home page under 1 s at p95)');
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(stopAllServers);
