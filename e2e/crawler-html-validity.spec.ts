import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { EN_ONLY_SLUG, ID_ONLY_SLUG, SEED_EN_PATH, SEED_PATH } from './support/stories';

// The Nu HTML Checker (the W3C validator), from the vnu-jar package; it needs a Java runtime.
const hasJava = spawnSync('java', ['-version']).status === 0;
const vnuJar = path.join(path.dirname(createRequire(__filename).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

const PAGES = [
  '/id',
  '/en',
  SEED_PATH,
  SEED_EN_PATH,
  `/en/news/${ID_ONLY_SLUG}`,
  `/id/berita/${EN_ONLY_SLUG}`,
  '/id/rubrik/teknologi',
  '/en/section/business',
  '/id/berita/tidak-ada',
  '/en/no/such/page',
];

test('every kind of page is valid HTML (Nu HTML Checker)', async ({ request }) => {
  test.skip(!hasJava, 'the Nu HTML Checker needs a Java runtime (apt-get install default-jre-headless)');
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-vnu-'));
  try {
    const files: Record<string, string> = {};
    for (const page of PAGES) {
      const response = await request.get(page);
      expect([200, 404]).toContain(response.status());
      const file = path.join(dir, `${Object.keys(files).length}.html`);
      writeFileSync(file, await response.text());
      files[file] = page;
    }
    const result = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...Object.keys(files)], { encoding: 'utf8' });
    const { messages } = JSON.parse(result.stderr || '{"messages":[]}') as { messages: { url: string; message: string; type: string }[] };
    const errors = messages
      .filter((m) => m.type === 'error')
      .map((m) => `${files[decodeURIComponent(new URL(m.url).pathname)] ?? m.url}: ${m.message}`);
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the checker itself reports broken HTML (so the test above can fail)', async () => {
  test.skip(!hasJava, 'the Nu HTML Checker needs a Java runtime (apt-get install default-jre-headless)');
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-vnu-'));
  try {
    const file = path.join(dir, 'broken.html');
    writeFileSync(file, '<!DOCTYPE html><html lang="id"><head><title>x</title></head><body><div aria-labelledby="x"><p></div></body></html>');
    let output = '';
    try {
      execFileSync('java', ['-jar', vnuJar, '--errors-only', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stderr?: string }).stderr);
    }
    expect(output).toContain('error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
