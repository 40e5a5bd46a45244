// End-to-end tests: a production build (`next build`), served by `next start` (Playwright's
// webServer), driven by a real Chromium on a phone and a desktop profile.
//
// The build reads a temporary copy of content/ plus the fixtures in e2e/fixtures/content, so that
// tests may edit drafts (the editor's round trip) and add hostile articles without touching content/.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './find-chromium.mjs';
import { findJava } from './find-java.mjs';
import { run } from './run.mjs';
import { withoutSiteEnv } from './test-env.mjs';

/**
 * Fixtures that depend on the day of the build, or that are many of a kind:
 * - a story (both languages, with the photo) published an hour before the build, so that the
 *   Google News sitemap, which lists the last two days only, is never empty;
 * - 20 archive stories in one section (world, Indonesian only), so that the section and home lists
 *   have a second page (lib/site.ts: pageSize 20). Dated 2019: they sort after every other story.
 */
function writeGeneratedFixtures(dir) {
  const story = ({ translationId, slug, locale, title, summary, section, publishedAt, image = '' }) =>
    [
      '---',
      `translationId: ${translationId}`,
      `slug: ${slug}`,
      `locale: ${locale}`,
      `title: ${JSON.stringify(title)}`,
      `summary: ${JSON.stringify(summary)}`,
      `section: ${section}`,
      `publishedAt: "${publishedAt}"`,
      `updatedAt: "${publishedAt}"`,
      'source:',
      '  name: Cnbc',
      'tags: [uji]',
      image,
      'status: published',
      '---',
      `${summary}`,
      '',
    ].join('\n');
  const photo = [
    'image:',
    '  src: /images/fixture-cakrawala-shanghai.jpg',
    '  alt: "Shanghai skyline at dusk"',
    '  caption: "Shanghai, July 2025."',
    '  credit: "Illustration: Kabar Kini"',
    '  width: 1200',
    '  height: 675',
  ].join('\n');
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(
    path.join(dir, 'id', 'fixture-terbit-satu-jam-lalu.md'),
    story({
      translationId: 'fixture-published-an-hour-ago',
      slug: 'fixture-terbit-satu-jam-lalu',
      locale: 'id',
      title: 'Berita Uji yang Terbit Satu Jam Sebelum Build',
      summary: 'Artikel uji bertanggal satu jam sebelum build, agar peta situs Google News tidak pernah kosong.',
      section: 'technology',
      publishedAt: anHourAgo,
      image: photo.replace('Shanghai skyline at dusk', 'Cakrawala Shanghai saat senja'),
    }),
  );
  writeFileSync(
    path.join(dir, 'en', 'fixture-published-an-hour-ago.md'),
    story({
      translationId: 'fixture-published-an-hour-ago',
      slug: 'fixture-published-an-hour-ago',
      locale: 'en',
      title: 'Test Story Published an Hour Before the Build',
      summary: 'A test story dated an hour before the build, so that the Google News sitemap is never empty.',
      section: 'technology',
      publishedAt: anHourAgo,
      image: photo,
    }),
  );
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    writeFileSync(
      path.join(dir, 'id', `fixture-arsip-dunia-${n}.md`),
      story({
        translationId: `fixture-world-archive-${n}`,
        slug: `fixture-arsip-dunia-${n}`,
        locale: 'id',
        title: `Arsip Dunia Nomor ${n}`,
        summary: `Berita arsip nomor ${n} di rubrik Dunia, agar daftarnya punya halaman kedua.`,
        section: 'world',
        publishedAt: `2019-12-${n}T08:00:00+07:00`,
      }),
    );
  }
}

const port = process.env.E2E_PORT ?? '3100';
const chromium = findChromium();
console.log(`e2e: using Chromium at ${chromium}`);
// The HTML validity test runs the Nu HTML Checker, a Java program: never skipped for want of Java.
const java = findJava();
console.log(`e2e: using Java at ${java}`);

const contentDir = process.env.E2E_CONTENT_DIR ?? mkdtempSync(path.join(tmpdir(), 'kabar-e2e-content-'));
if (!process.env.E2E_CONTENT_DIR) {
  cpSync('content', contentDir, { recursive: true });
  if (existsSync('e2e/fixtures/content')) cpSync('e2e/fixtures/content', contentDir, { recursive: true });
  writeGeneratedFixtures(contentDir);
}
console.log(`e2e: content from ${contentDir}`);

// The build's messages: a copy of messages/ with keys removed from id.json, to prove that a
// missing Indonesian string shows the English text (e2e/reader-language.spec.ts).
const DROPPED_ID_KEYS = [['Footer', 'sitemap'], ['Drawer', 'language']];
const messagesDir = mkdtempSync(path.join(tmpdir(), 'kabar-e2e-messages-'));
cpSync('messages', messagesDir, { recursive: true });
const idMessages = JSON.parse(readFileSync(path.join(messagesDir, 'id.json'), 'utf8'));
for (const [namespace, key] of DROPPED_ID_KEYS) delete idMessages[namespace][key];
writeFileSync(path.join(messagesDir, 'id.json'), JSON.stringify(idMessages, null, 2));

// The shell's configuration of the site (a production host's DATABASE_URL, REDIS_URL, PURGE_URL,
// secrets) never reaches the build or the servers under test: the tests set what they assume.
const env = {
  ...withoutSiteEnv(process.env),
  CHROMIUM_PATH: chromium,
  JAVA_PATH: java,
  CONTENT_DIR: contentDir,
  E2E_CONTENT_DIR: contentDir,
  MESSAGES_DIR: messagesDir,
  // Photos stored by the tests go to a folder of this run, never the project's data/media.
  MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'kabar-e2e-media-')),
  // Absolute URLs in the build point at the server under test; the browser reaches it as
  // "localhost", another Host name, as a deployed site is reached through a proxy.
  SITE_URL: process.env.E2E_SITE_URL ?? `http://127.0.0.1:${port}`,
  E2E_PORT: port,
  PREVIEW_SECRET: 'e2e-preview-secret-0123456789abcdef0123456789',
  // Fewer than the fixtures' stories per language, so that the oldest are left to the first
  // request, as in production (README: PRERENDER_RECENT; e2e/crawler-share.spec.ts).
  PRERENDER_RECENT: process.env.PRERENDER_RECENT ?? '30',
  // No Web Vitals beacons from the shared server's pages: a test's page view is measured only when
  // it asks (e2e/crawler-metrics.spec.ts starts a server with VITALS_SAMPLE_RATE=1), never by chance.
  VITALS_SAMPLE_RATE: '0',
  NEXT_TELEMETRY_DISABLED: '1',
  // Its own build folder: the test build (fixtures, test SITE_URL) must not replace the one
  // `npm start` serves.
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-e2e',
  // npm test has already run tsc over the whole project.
  NEXT_SKIP_TYPECHECK: process.env.NEXT_SKIP_TYPECHECK ?? '1',
};
// `next build` adds "<distDir>/types/**" to tsconfig.json for every build folder it meets (this
// run's and the content-error test's): put the file back as it was, so tests leave no change behind.
const tsconfig = readFileSync('tsconfig.json', 'utf8');
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
try {
  if (!process.env.E2E_SKIP_BUILD) {
    const buildStarted = Date.now();
    // What `npm run build` makes before `next build`: the Web Vitals script the pages load.
    await run('node', ['scripts/build-vitals.mjs'], { env });
    await run('npx', ['next', 'build'], { env });
    console.log(`e2e: production build took ${seconds(buildStarted)}`);
  }
  const testsStarted = Date.now();
  try {
    await run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env });
  } finally {
    console.log(`e2e: browser and crawler tests took ${seconds(testsStarted)}`);
  }
} finally {
  if (readFileSync('tsconfig.json', 'utf8') !== tsconfig) writeFileSync('tsconfig.json', tsconfig);
}
