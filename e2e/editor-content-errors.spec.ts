import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// An editor who breaks an article learns it from the build, which stops and names the file and
// the field. Every kind of content error (missing field, invalid date, unknown section, duplicate
// slug, duplicate translation, image without alt) has a unit test in lib/content/load.test.ts;
// this proves, once, that `next build` itself fails with that message.

const SEED = 'id/tiongkok-luncurkan-rencana-kerja-sama-ai-global.md';
const DIST_DIR = '.next-content-errors';

// Its own Playwright project ("content-errors", playwright.config.ts): it runs once, before the
// browser projects, so its build never shares the machine with tests that time pages.
test('a missing title fails the build with the file and the field named', async () => {
  test.setTimeout(360_000);
  const work = mkdtempSync(path.join(tmpdir(), 'kabar-content-errors-'));
  try {
    const contentDir = path.join(work, 'content');
    cpSync(path.resolve('content'), contentDir, { recursive: true });
    const seed = path.join(contentDir, SEED);
    const broken = readFileSync(seed, 'utf8').replace(/^title:.*\n/m, '');
    expect(broken, 'the fixture lost its title line').not.toMatch(/^title:/m);
    writeFileSync(seed, broken);

    const result = spawnSync('npx', ['next', 'build'], {
      // A dist folder of its own inside the project (Next keeps it there), never the one under test.
      env: { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: DIST_DIR, NEXT_SKIP_TYPECHECK: '1', NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.signal, 'the build finished by itself').toBeNull();
    expect(result.status, 'the build fails').not.toBe(0);
    expect(output).toContain(`${SEED}: field "title" is required`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(DIST_DIR, { recursive: true, force: true });
  }
});
