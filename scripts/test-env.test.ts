import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_ENV, withoutSiteEnv } from './test-env.mjs';

const root = path.resolve(__dirname, '..');

/** Source files of the site (not its tests), whose environment reads decide what a shell can change. */
function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(m?[jt]sx?)$/.test(entry.name) && !/\.test\./.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Read by Next, the build or the tests themselves, not configuration an operator sets for the site. */
const NOT_SITE_CONFIGURATION = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'NEXT_PHASE', 'NEXT_DIST_DIR', 'NEXT_SKIP_TYPECHECK', 'SOURCE_MAPS', 'REDIS_TEST_URL', 'EXIFTOOL_PATH', '__NEXT_EXPERIMENTAL_SWITCHYARD',
  // Who runs a command (the audit log names the OS user), not how the site is configured.
  'USER', 'LOGNAME']);

describe('the tests’ environment', () => {
  it('is cleared of every variable the site reads, so a production shell cannot change a test’s outcome', () => {
    const files = [...['lib', 'components', 'i18n', 'app', 'db'].flatMap(sources), ...['instrumentation.ts', 'next.config.ts', 'proxy.ts'].map((f) => path.join(root, f))];
    const read = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const [, name] of source.matchAll(/\benv(?:\.|\[['"])([A-Z_][A-Z0-9_]*)/g)) read.add(name!);
      // Read through a helper by name (lib/front-cache/purge.ts: milliseconds('PURGE_RETRY_MS', …)).
      for (const [, name] of source.matchAll(/\bmilliseconds\(['"]([A-Z_][A-Z0-9_]*)['"]/g)) read.add(name!);
    }
    expect(read.size).toBeGreaterThan(5);
    const uncleared = [...read].filter((name) => !NOT_SITE_CONFIGURATION.has(name) && !SITE_ENV.includes(name));
    expect(uncleared, 'add these to SITE_ENV in scripts/test-env.mjs').toEqual([]);
  });

  it('keeps what is not the site’s configuration', () => {
    const env = withoutSiteEnv({ SITE_URL: 'https://kabar.example', DATABASE_URL: 'postgres://prod/db', PREVIEW_SECRET: 's', PATH: '/usr/bin', E2E_PORT: '3750' });
    expect(env).toEqual({ PATH: '/usr/bin', E2E_PORT: '3750' });
  });

  it('has none of the shell’s SITE_URL, DATABASE_URL or REDIS_URL inside a test', () => {
    // vitest.setup.ts ran before this file: whatever `npm test` was started with, these are unset.
    expect([process.env.SITE_URL, process.env.DATABASE_URL, process.env.REDIS_URL, process.env.PREVIEW_SECRET]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
