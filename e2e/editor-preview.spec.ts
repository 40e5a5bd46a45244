import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type TestInfo } from '@playwright/test';
import { PNG } from 'pngjs';
import { DRAFTS, ID_ONLY_DRAFT, SEED_PATH } from './support/stories';

/**
 * An editor previews a draft: makes a link with `npm run preview-link`, opens it, reads the draft
 * with its banner and social card, edits the Markdown and sees the change on reload, exits, and the
 * draft is a 404 again. Around it, what nobody else must get: drafts without a valid link.
 *
 * The phone and desktop projects run side by side against one server, so each edits its own file:
 * the phone the Indonesian version of the draft, the desktop the English one.
 */

const CONTENT_DIR = process.env.E2E_CONTENT_DIR!;
const SITE_URL = process.env.SITE_URL!;
const ROOT = path.resolve(__dirname, '..');

const messages = {
  id: JSON.parse(readFileSync(path.join(ROOT, 'messages/id.json'), 'utf8')).Preview,
  en: JSON.parse(readFileSync(path.join(ROOT, 'messages/en.json'), 'utf8')).Preview,
} as const;
type Locale = keyof typeof messages;
/** The banner as the README promises it, written here rather than read from messages/: a changed or lost string must fail. */
const BANNER_TEXT: Record<Locale, string> = { id: 'Pratinjau draf — belum terbit', en: 'Draft preview — not published' };

const SEED_EN_PATH = '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative';

/** The language this project's editor works in (and the draft file only this project edits). */
const editorLocale = (testInfo: TestInfo): Locale => (testInfo.project.name === 'phone' ? 'id' : 'en');

function frontMatterField(file: string, field: string): string {
  const line = readFileSync(path.join(CONTENT_DIR, file), 'utf8').split('\n').find((l) => l.startsWith(`${field}: `))!;
  return JSON.parse(line.slice(field.length + 2)) as string;
}

/** Writes a content file in one step (rename), so the server never reads it half written. */
function writeContentFile(file: string, text: string) {
  const target = path.join(CONTENT_DIR, file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}

/** Runs the editor's command, as `npm run preview-link -- <key> …` does, and returns the printed link. */
function previewLink(baseURL: string, key: string, args: string[] = []): string {
  const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts/preview-link.mjs'), key, ...args], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR, SITE_URL: baseURL },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

function pngSize(body: Buffer) {
  const png = PNG.sync.read(body);
  return { width: png.width, height: png.height };
}

test.describe('an editor previews a draft', () => {
  test('opens a link, reads the draft with its social card, edits it, exits, and the draft is gone', async ({ page, baseURL, request }, testInfo) => {
    const locale = editorLocale(testInfo);
    const draft = DRAFTS[locale];
    const t = messages[locale];
    const original = readFileSync(path.join(CONTENT_DIR, draft.file), 'utf8');
    const title = frontMatterField(draft.file, 'title');
    const summary = frontMatterField(draft.file, 'summary');

    const link = previewLink(baseURL!, draft.slug, ['--locale', locale]);
    expect(link.startsWith(`${baseURL}/api/preview?token=`)).toBe(true);

    // Decision 006: the link answers 303 with a relative Location (right behind any proxy), kept out of search.
    const redirect = await request.get(link, { maxRedirects: 0 });
    expect(redirect.status()).toBe(303);
    expect(redirect.headers()['location']).toBe(draft.path);
    expect(redirect.headers()['x-robots-tag']).toMatch(/noindex/);
    expect(redirect.headers()['cache-control']).toMatch(/private/);

    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(draft.path);
    expect(opened?.headers()['cache-control']).toMatch(/private/);
    expect(opened?.headers()['cache-control']).toMatch(/no-store/);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /nofollow/);

    const banner = page.getByRole('region', { name: BANNER_TEXT[locale] });
    await expect(banner).toBeVisible();
    await expect(page.locator('#preview-banner-title')).toHaveText(BANNER_TEXT[locale]);
    await expect(banner).toContainText(t.status.replace('{status}', t.statusDraft));
    await expect(page.locator('article h1')).toHaveText(title);

    // The social card: image, title, description and URL, as a platform will unfurl the link.
    const card = banner.getByRole('figure', { name: t.socialCard });
    await expect(card).toBeVisible();
    const image = card.getByRole('img', { name: t.shareImageAlt.replace('{title}', title) });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
    await expect(card).toContainText(title);
    await expect(card).toContainText(summary);
    await expect(card).toContainText(`${SITE_URL}${draft.path}`);
    const imageResponse = await page.request.get((await image.getAttribute('src'))!);
    expect(imageResponse.status()).toBe(200);
    expect(imageResponse.headers()['cache-control']).toBe('private, no-store');
    expect(pngSize(await imageResponse.body())).toEqual({ width: 1200, height: 630 });

    // The editor changes the headline and the first paragraph; a reload shows both, without a rebuild.
    const editedTitle = `${title} (${testInfo.project.name} edit ${Date.now()})`;
    const editedParagraph = `A sentence added by the ${testInfo.project.name} editor.`;
    try {
      writeContentFile(
        draft.file,
        original.replace(`title: ${JSON.stringify(title)}`, `title: ${JSON.stringify(editedTitle)}`).replace(/\n---\n/, `\n---\n${editedParagraph}\n\n`),
      );
      const srcBefore = await image.getAttribute('src');
      await page.reload();
      await expect(page.locator('article h1')).toHaveText(editedTitle);
      await expect(page.locator('.article-body p').first()).toHaveText(editedParagraph);
      await expect(card).toContainText(editedTitle);
      const editedImage = card.getByRole('img', { name: t.shareImageAlt.replace('{title}', editedTitle) });
      await expect.poll(() => editedImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
      expect(await editedImage.getAttribute('src')).not.toBe(srcBefore);
    } finally {
      writeContentFile(draft.file, original);
    }

    // Exit: a form POST back to the home page (the story is not published), Draft Mode off.
    await banner.getByRole('button', { name: t.exit }).click();
    await page.waitForURL((url) => url.pathname === `/${locale}`);
    await expect(page.getByRole('region', { name: t.banner })).toHaveCount(0);
    const cookies = (await page.context().cookies()).map((c) => c.name);
    expect(cookies).not.toContain('__prerender_bypass');
    expect(cookies).not.toContain('kabar_preview');

    const after = await page.goto(draft.path);
    expect(after?.status()).toBe(404);
    await expect(page.getByText(editedTitle)).toHaveCount(0);
  });

  test('previews a draft in the other language by the fallback rule, and no other draft', async ({ page, baseURL }) => {
    const title = frontMatterField(ID_ONLY_DRAFT.file, 'title');
    const opened = await page.goto(previewLink(baseURL!, ID_ONLY_DRAFT.slug, ['--locale', 'en']));
    expect(opened?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/en/news/${ID_ONLY_DRAFT.slug}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('region', { name: messages.en.banner })).toBeVisible();
    await expect(page.locator('article h1')).toHaveText(title);
    await expect(page.getByRole('note')).toContainText('not yet available in English');

    // The link opens this story only: another draft stays a 404 in the same browser.
    expect((await page.goto(DRAFTS.id.path))?.status()).toBe(404);
    expect((await page.goto(DRAFTS.en.path))?.status()).toBe(404);

    // A published story read during the preview, in the link's language, is fresh, private and not indexed.
    const published = await page.goto(SEED_EN_PATH);
    expect(published?.headers()['cache-control']).toMatch(/no-store/);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(page.getByRole('region', { name: messages.en.banner })).toContainText(messages.en.status.replace('{status}', messages.en.statusPublished));
    // The link is for English: the Indonesian pages stay the public ones (decision 012).
    await page.goto(SEED_PATH);
    await expect(page.getByRole('region', { name: messages.id.banner })).toHaveCount(0);
  });

  test('a redirect parameter in the link is ignored: the story decides where the link leads', async ({ page, baseURL }, testInfo) => {
    const locale = editorLocale(testInfo);
    const link = previewLink(baseURL!, DRAFTS[locale].slug, ['--locale', locale]);
    await page.goto(`${link}&redirect=https://example.com/&next=//example.com/x&url=${encodeURIComponent(SEED_PATH)}`);
    expect(page.url()).toBe(`${baseURL}${DRAFTS[locale].path}`);
    await expect(page.getByRole('region', { name: messages[locale].banner })).toBeVisible();

    // Exit only ever leads to one of our own pages.
    for (const hostile of ['https://example.com/', '//example.com/id', '/\\example.com', '/id//example.com']) {
      const exit = await page.request.post('/api/preview/exit', { form: { return: hostile }, maxRedirects: 0 });
      expect(exit.status()).toBe(303);
      expect(exit.headers()['location']).toMatch(/^\/(id|en)$/);
    }
  });
});

test.describe('nobody without a valid link sees a draft', () => {
  test('no token, a bad token and a tampered token answer 401 with a localized explanation', async ({ page, baseURL }, testInfo) => {
    const locale = editorLocale(testInfo);
    const t = messages[locale];

    const none = await page.request.get('/api/preview', { headers: { 'Accept-Language': locale } });
    expect(none.status()).toBe(401);
    expect(none.headers()['cache-control']).toBe('private, no-store');
    expect(await none.text()).toContain(t.invalidTitle);

    const garbage = await page.goto('/api/preview?token=not-a-token');
    expect(garbage?.status()).toBe(401);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // Another story's id, or one changed signature character, in a token of this editor's language.
    const link = previewLink(baseURL!, DRAFTS[locale].slug, ['--locale', locale]);
    const tampered = [
      link.replace('draft-ai-governance-explainer', 'china-global-ai-plan'),
      link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A'),
    ];
    for (const bad of tampered) {
      const response = await page.goto(bad);
      expect(response?.status()).toBe(401);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.invalidTitle);
      await expect(page.getByText(t.invalid)).toBeVisible();
    }
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__prerender_bypass');
    expect((await page.goto(DRAFTS[locale].path))?.status()).toBe(404);
  });

  test('an expired link answers 401 in its language', async ({ page, baseURL }, testInfo) => {
    const locale = editorLocale(testInfo);
    const link = previewLink(baseURL!, DRAFTS[locale].slug, ['--locale', locale, '--ttl', '1s']);
    const expiry = Number(new URL(link).searchParams.get('token')!.split('.')[3]) * 1000;
    // Waits for the link to expire (at most a second), not a timing assertion.
    await page.waitForTimeout(Math.max(0, expiry - Date.now()) + 200);
    const response = await page.goto(link);
    expect(response?.status()).toBe(401);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages[locale].invalidTitle);
    expect((await page.goto(DRAFTS[locale].path))?.status()).toBe(404);
  });
  // Crawlers' side of it (no browser, run once): e2e/crawler-drafts.spec.ts.
});

test.describe('decision 006, the rest of it', () => {
  test('a link to a story deleted since answers 404 and says the story is gone', async ({ page, baseURL }, testInfo) => {
    // A draft of this test's own, so that deleting it touches no other test.
    const slug = `fixture-draf-dihapus-${testInfo.project.name}`;
    const file = path.join(CONTENT_DIR, 'id', `${slug}.md`);
    writeFileSync(
      file,
      readFileSync(path.join(CONTENT_DIR, ID_ONLY_DRAFT.file), 'utf8')
        .replace(/^translationId: .*$/m, `translationId: ${slug}`)
        .replace(/^slug: .*$/m, `slug: ${slug}`),
    );
    let link: string;
    try {
      link = previewLink(baseURL!, slug, ['--locale', 'id']);
    } finally {
      rmSync(file);
    }
    const response = await page.goto(link);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.id.missingTitle);
    expect(response?.headers()['cache-control']).toMatch(/no-store/);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the banner\'s exit button ends the preview', async ({ page, baseURL }, testInfo) => {
      const locale = editorLocale(testInfo);
      const draft = DRAFTS[locale];
      const opened = await page.goto(previewLink(baseURL!, draft.slug, ['--locale', locale]));
      expect(opened?.status()).toBe(200);
      const banner = page.getByRole('region', { name: BANNER_TEXT[locale] });
      await expect(banner).toBeVisible();
      await banner.getByRole('button', { name: messages[locale].exit }).click();
      // The form posted without script: the preview is over and the draft is public-404 again.
      await expect(page.getByRole('region', { name: BANNER_TEXT[locale] })).toHaveCount(0);
      expect((await page.goto(draft.path))?.status()).toBe(404);
    });
  });
});
