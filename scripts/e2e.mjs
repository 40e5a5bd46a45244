// End-to-end tests: a production build (`next build`), served by `next start` (Playwright's
// webServer), driven by a real Chromium on a phone and a desktop profile.
import { findChromium } from './find-chromium.mjs';
import { run } from './run.mjs';

export const E2E_PORT = process.env.E2E_PORT ?? '3100';

const chromium = findChromium();
console.log(`e2e: using Chromium at ${chromium}`);
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  // Absolute URLs in the build point at the server under test; the browser reaches it as
  // "localhost", another Host name, as a deployed site is reached through a proxy.
  SITE_URL: process.env.E2E_SITE_URL ?? `http://127.0.0.1:${E2E_PORT}`,
  E2E_PORT,
  NEXT_TELEMETRY_DISABLED: '1',
};
if (!process.env.E2E_SKIP_BUILD) await run('npx', ['next', 'build'], { env });
await run('npx', ['playwright', 'test', ...process.argv.slice(2)], { env });
