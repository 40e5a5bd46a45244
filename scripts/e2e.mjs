// End-to-end tests: a production build (`next build`), served by `next start` (Playwright's
// webServer), driven by a real Chromium on a phone and a desktop profile.
//
// The build reads a temporary copy of content/ plus the fixtures in e2e/fixtures/content, so that
// tests may edit drafts (the editor's round trip) and add hostile articles without touching content/.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './find-chromium.mjs';
import { run } from './run.mjs';

const port = process.env.E2E_PORT ?? '3100';
const chromium = findChromium();
console.log(`e2e: using Chromium at ${chromium}`);

const contentDir = process.env.E2E_CONTENT_DIR ?? mkdtempSync(path.join(tmpdir(), 'kabar-e2e-content-'));
if (!process.env.E2E_CONTENT_DIR) {
  cpSync('content', contentDir, { recursive: true });
  if (existsSync('e2e/fixtures/content')) cpSync('e2e/fixtures/content', contentDir, { recursive: true });
}
console.log(`e2e: content from ${contentDir}`);

const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  CONTENT_DIR: contentDir,
  E2E_CONTENT_DIR: contentDir,
  // Absolute URLs in the build point at the server under test; the browser reaches it as
  // "localhost", another Host name, as a deployed site is reached through a proxy.
  SITE_URL: process.env.E2E_SITE_URL ?? `http://127.0.0.1:${port}`,
  E2E_PORT: port,
  PREVIEW_SECRET: process.env.PREVIEW_SECRET ?? 'e2e-preview-secret-0123456789abcdef0123456789',
  NEXT_TELEMETRY_DISABLED: '1',
};
if (!process.env.E2E_SKIP_BUILD) await run('npx', ['next', 'build'], { env });
await run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env });
