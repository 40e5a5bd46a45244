// Finds a Chromium for Playwright, in this order:
//   1. CHROMIUM_PATH (an explicit choice always wins);
//   2. Playwright's own download, where `npx playwright install chromium` worked;
//   3. a system Chromium or Chrome (/usr/bin/chromium, …);
//   4. on Debian as root with apt-get: installs Debian's chromium package;
// otherwise stops with a message that says how to get one.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { installDebianPackages } from './debian-tools.mjs';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function playwrightOwn() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium({ install = true, log = (m) => console.error(m) } = {}) {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new Error(`CHROMIUM_PATH is set to "${explicit}", but no file is there.`);
  }
  const found = playwrightOwn() ?? SYSTEM_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (install && installDebianPackages(['chromium'], log)) {
    const installed = SYSTEM_CANDIDATES.find((p) => existsSync(p));
    if (installed) return installed;
  }
  throw new Error(
    [
      'No Chromium found for the end-to-end tests. Any one of these works:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium',
      '  - with internet access to Playwright\'s CDN: npx playwright install chromium',
      '  - point CHROMIUM_PATH at an installed Chrome or Chromium binary',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
