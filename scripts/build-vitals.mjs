// Bundles the Web Vitals measurement (lib/vitals/browser.ts, with the `web-vitals` library) into
// public/vitals.js: one small, minified, self-contained classic script, loaded by sampled reader
// page views only (lib/vitals/loader.ts; decision 029). Run before every build (npm run build,
// npm run dev, scripts/e2e.mjs); the file is not kept in git.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VITALS_OUT = path.join(root, 'public', 'vitals.js');

export async function buildVitals({ quiet = false } = {}) {
  await build({
    entryPoints: [path.join(root, 'lib', 'vitals', 'browser.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    // Class fields as written (no helper): every browser that reports these metrics has them.
    target: ['es2022'],
    legalComments: 'none',
    outfile: VITALS_OUT,
    write: true,
    logLevel: 'warning',
  });
  const body = readFileSync(VITALS_OUT);
  const sizes = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  if (!quiet) console.log(`vitals: public/vitals.js, ${sizes.raw} bytes (${sizes.gzip} gzip), loaded by sampled page views only`);
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildVitals();
