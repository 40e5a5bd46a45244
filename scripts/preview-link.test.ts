import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, testDatabase } from '../e2e/support/postgres';
import { verifyPreviewToken } from '../lib/preview/token.mjs';

// The editor's command as the README documents it: `npm run preview-link -- <story id or slug>
// [--locale id|en] [--ttl 24h]`, run as a real process over the repository's content/.

const ROOT = path.resolve(__dirname, '..');
const SECRET = 'unit-test-preview-secret-0123456789abcdef0123';

function previewLink(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, ['scripts/preview-link.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { NODE_ENV: 'test', PATH: process.env.PATH, PREVIEW_SECRET: SECRET, SITE_URL: 'https://kabarkini.example', CONTENT_DIR: 'content', ...env },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

function tokenOf(link: string) {
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe('https://kabarkini.example/api/preview');
  const result = verifyPreviewToken(url.searchParams.get('token')!, SECRET);
  if (!result.ok) throw new Error(`the token does not verify: ${JSON.stringify(result)}`);
  return result.claims;
}

describe('npm run preview-link', () => {
  it('by story id: one link per language version, each signed for that story and language', () => {
    const { status, stdout, stderr } = previewLink(['draft-ai-governance-explainer']);
    expect(status, stderr).toBe(0);
    const links = stdout.split('\n');
    expect(links).toHaveLength(2);
    const tokens = links.map(tokenOf);
    expect(tokens.map((t) => t.translationId)).toEqual(['draft-ai-governance-explainer', 'draft-ai-governance-explainer']);
    expect(tokens.map((t) => t.locale).sort()).toEqual(['en', 'id']);
    expect(stderr).toContain('[draft]');
  });

  it('by slug, with --locale and --ttl', () => {
    const { status, stdout, stderr } = previewLink(['draf-penjelasan-tata-kelola-ai', '--locale', 'en', '--ttl', '2h']);
    expect(status, stderr).toBe(0);
    const token = tokenOf(stdout);
    expect(token.locale).toBe('en');
    const expiresIn = (token.expiresAt * 1000 - Date.now()) / 3600_000;
    expect(expiresIn).toBeGreaterThan(1.9);
    expect(expiresIn).toBeLessThanOrEqual(2);
  });

  it.each([
    ['an unknown story', ['no-such-story'], {}, /no story with the id or slug "no-such-story"/],
    ['no story at all', [], {}, /give exactly one story id or slug/],
    ['an unknown language', ['draft-ai-governance-explainer', '--locale', 'fr'], {}, /--locale "fr" is not a language of the site/],
    ['a bad lifetime', ['draft-ai-governance-explainer', '--ttl', 'forever'], {}, /ttl|lifetime|duration/i],
    ['no secret', ['draft-ai-governance-explainer'], { PREVIEW_SECRET: undefined }, /PREVIEW_SECRET/],
    ['a short secret', ['draft-ai-governance-explainer'], { PREVIEW_SECRET: 'short' }, /PREVIEW_SECRET.*32/],
    ['a bad SITE_URL', ['draft-ai-governance-explainer'], { SITE_URL: 'not a url' }, /SITE_URL is not a valid absolute URL/],
  ])('%s: exits 1, prints no link, and says what to do', (_name, args, env, message) => {
    const { status, stdout, stderr } = previewLink(args, env);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^preview-link: /);
    expect(stderr).toMatch(message);
  });

  it('reads front matter as the site does (a byte order mark, Windows line endings) and names a file it has to skip', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preview-link-'));
    try {
      cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'en', 'windows-saved.md'),
        '\uFEFF---\r\ntranslationId: windows-saved\r\nslug: windows-saved\r\nlocale: en\r\ntitle: Saved on Windows\r\nstatus: draft\r\n---\r\nBody.\r\n',
      );
      writeFileSync(path.join(dir, 'en', 'broken.md'), '---\ntitle: [unclosed\n---\nBody.\n');
      const { status, stdout, stderr } = previewLink(['windows-saved'], { CONTENT_DIR: dir });
      expect(status, stderr).toBe(0);
      expect(tokenOf(stdout)).toMatchObject({ translationId: 'windows-saved', locale: 'en' });
      expect(stderr).toContain('Preview of "Saved on Windows" [draft] in en');
      expect(stderr).toMatch(/skipping en\/broken\.md: front matter is not valid YAML at line \d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run preview-link with DATABASE_URL (decision 015)', () => {
  it('finds a draft that lives only in the database, not in any folder', async () => {
    const db = await testDatabase();
    if ('skipped' in db) return void console.log(`preview-link database case skipped: ${db.skipped}`);
    try {
      migrate(db.url);
      const empty = mkdtempSync(path.join(tmpdir(), 'kabar-preview-empty-'));
      const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-import.ts', 'content'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: db.url },
      });
      expect(imported.status, imported.stderr).toBe(0);
      // CONTENT_DIR points at an empty folder: the story can only come from the database.
      const { status, stdout, stderr } = previewLink(['draft-ai-governance-explainer', '--locale', 'en'], { DATABASE_URL: db.url, CONTENT_DIR: empty });
      expect(status, stderr).toBe(0);
      expect(tokenOf(stdout)).toMatchObject({ translationId: 'draft-ai-governance-explainer', locale: 'en' });
      expect(stderr).toContain('[draft]');
      rmSync(empty, { recursive: true, force: true });
    } finally {
      await db.remove();
    }
  }, 120_000);

  it('names the database it cannot reach and exits 1', () => {
    const { status, stdout, stderr } = previewLink(['anything'], { DATABASE_URL: 'postgres://kabar@127.0.0.1:1/kabar' });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^preview-link: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/kabar \(DATABASE_URL\)/);
  });
});
