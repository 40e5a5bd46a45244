import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { EN_ONLY_SLUG, ID_ONLY_SLUG, SEED_EN_PATH, SEED_PATH } from './support/stories';

// The Nu HTML Checker (the W3C validator), from the vnu-jar package; it needs a Java runtime,
// which scripts/e2e.mjs finds or installs (scripts/find-java.mjs) and passes as JAVA_PATH.
const java = process.env.JAVA_PATH ?? 'java';
const vnuJar = path.join(path.dirname(createRequire(__filename).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

const PAGES = [
  '/id',
  '/en',
  '/id/halaman/2',
  SEED_PATH,
  SEED_EN_PATH,
  `/en/news/${ID_ONLY_SLUG}`,
  `/id/berita/${EN_ONLY_SLUG}`,
  '/id/berita/fixture-foto-cakrawala-shanghai',
  '/id/berita/fixture-judul-240-karakter',
  '/en/news/fixture-emoji-headline',
  '/id/rubrik/teknologi',
  '/id/rubrik/dunia/2',
  '/en/section/business',
  '/id/berita/tidak-ada',
  '/en/no/such/page',
];

/**
 * A page the checker must reject, checked in the same run as the site's pages: if its errors are
 * missing, the checker did not read the files, and an empty report would mean nothing.
 */
const CANARY = '<!DOCTYPE html><html lang="id"><head><title>x</title></head><body><div aria-labelledby="x"><p></div></body></html>';

interface VnuMessage {
  url: string;
  message: string;
  type: string;
  subType?: string;
}

test('every kind of page is valid HTML (Nu HTML Checker)', async ({ request }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-vnu-'));
  try {
    const files: Record<string, string> = {};
    for (const page of PAGES) {
      const response = await request.get(page);
      expect([200, 404], page).toContain(response.status());
      const file = path.join(dir, `${Object.keys(files).length}.html`);
      writeFileSync(file, await response.text());
      files[file] = page;
    }
    const canary = path.join(dir, 'canary.html');
    writeFileSync(canary, CANARY);

    const result = spawnSync(java, ['-jar', vnuJar, '--errors-only', '--format', 'json', ...Object.keys(files), canary], {
      encoding: 'utf8',
      timeout: 100_000,
    });
    // 1 means "ran and found errors" (the canary's); anything else is a checker that did not run.
    expect(result.error, `could not start ${java}`).toBeUndefined();
    expect(result.status, `the checker's exit status; its output:\n${result.stderr}\n${result.stdout}`).toBe(1);
    const report = JSON.parse(result.stderr) as { messages: VnuMessage[] };
    expect(Array.isArray(report.messages), 'a JSON report with a list of messages').toBe(true);
    // Fatal and I/O messages (type "non-document-error") mean a file was not checked.
    expect(report.messages.filter((m) => m.type === 'non-document-error')).toEqual([]);
    const fileOf = (m: VnuMessage) => decodeURIComponent(new URL(m.url).pathname);
    const canaryErrors = report.messages.filter((m) => m.type === 'error' && fileOf(m) === canary);
    expect(canaryErrors.map((m) => m.message).join('\n'), 'the checker rejects the broken canary page').toMatch(/end tag|aria-labelledby/i);
    const errors = report.messages
      .filter((m) => m.type === 'error' && fileOf(m) !== canary)
      .map((m) => `${files[fileOf(m)] ?? m.url}: ${m.message}`);
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
