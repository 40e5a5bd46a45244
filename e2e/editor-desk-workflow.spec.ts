import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'node-html-parser';
import { deskUser, expectNoViolations } from './support/desk';

// The newsroom's editorial workflow on the desk (issue 23, "Done when"): a reporter writes a draft
// and submits it for review, and cannot publish it; an editor finds it in the review queue,
// schedules it 30 s ahead and it goes live by itself (home page and feed); the editor corrects it
// with a public note (on the article with its time, in the JSON-LD, dateModified moves), takes it
// down (410) and restores it; a translation is started from it and published, and hreflang links
// both versions. On a 390 px phone, against the production build, accounts made with
// `npm run desk:user` in the DESK_DB the server reads (playwright.config.ts).

test.describe.configure({ mode: 'serial' });

const run = `w${Date.now().toString(36)}`;
const stamp = run.slice(-5);
const reporter = { email: `reporter-${run}@kabar.test`, password: 'reporter password for the workflow run' };
const editor = { email: `editor-${run}@kabar.test`, password: 'editor password for the workflow run' };
const author = `Reporter Lapangan ${stamp}`;
const title = `Tinjauan Meja Redaksi ${stamp}`;
const slug = `tinjauan-meja-redaksi-${stamp}`;
const file = `id/${slug}.md`;
const englishTitle = `Desk Review Story ${stamp}`;
const englishSlug = `desk-review-story-${stamp}`;
const hostileNote = `<script>alert(1)</script> "><img src=x onerror=alert(1)> Jumlah korban diperbaiki ${stamp}.`;

async function signedIn(browser: Browser, { email, password }: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const dialogs: string[] = [];
  context.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const page = await context.newPage();
  await page.goto('/desk/login');
  await page.getByLabel('Alamat e-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByLabel('Kata sandi').press('Enter');
  await expect(page).toHaveURL(/\/desk$/);
  return { context, page, dialogs };
}

const fitsThePhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
const textOf = async (request: { get: (url: string) => Promise<{ text(): Promise<string> }> }, url: string) => (await request.get(url)).text();

/** The page's NewsArticle JSON-LD. */
async function newsArticleOf(page: Page) {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((b) => JSON.parse(b) as Record<string, unknown>).find((d) => d['@type'] === 'NewsArticle') as
    | { dateModified: string; datePublished: string; correction?: { '@type': string; text: string; datePublished: string }[] }
    | undefined;
}

test('accounts for the run: a reporter and an editor, made with npm run desk:user', () => {
  for (const [account, role] of [
    [reporter, 'reporter'],
    [editor, 'editor'],
  ] as const) {
    const added = deskUser(['add', '--email', account.email, '--role', role], account.password);
    expect(added.out).toContain(`Added ${account.email} (${role}).`);
    expect(added.status).toBe(0);
  }
});

test('a reporter writes a draft and submits it for review: listed as in review, with no way to publish it', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, reporter);
  await page.getByRole('link', { name: 'Tulis berita baru' }).click();
  await page.getByLabel('Judul', { exact: true }).fill(title);
  await page.getByLabel('Rubrik').selectOption('world');
  await page.getByLabel('Ringkasan').fill('Ringkasan berita yang menunggu tinjauan editor.');
  await page.getByLabel('Penulis').fill(author);
  await page.getByLabel('Nama sumber').fill('Kabar Kini');
  await page.getByLabel('Isi berita (Markdown)').fill('Isi berita yang ditulis reporter di lapangan.');
  await expect(page.getByRole('button', { name: 'Terbitkan sekarang' }), 'a reporter has no publish button').toHaveCount(0);
  await page.getByRole('button', { name: 'Kirim untuk ditinjau' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/stories/id/${slug}/edit\\?done=submit$`));
  await expect(page.locator('p.desk-note')).toHaveText('Dikirim untuk ditinjau: editor melihatnya di daftar sebagai “Menunggu tinjauan”.');
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Menunggu tinjauan');
  await expect(page.locator('.desk-revisions li')).toContainText('mengirim untuk ditinjau');
  await expect(page.getByRole('button', { name: 'Terbitkan sekarang' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Jadwalkan' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Mulai terjemahan/ }), 'translating is for editors').toHaveCount(0);
  await expectNoViolations(page);
  await fitsThePhone(page);

  // In the list, in review; the state filter and the author filter find it.
  await page.goto('/desk');
  await page.getByLabel('Status').selectOption('in-review');
  await page.getByLabel('Penulis').selectOption(author);
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await expect(page).toHaveURL(/[?&]state=in-review/);
  await expect(page.locator('li.desk-story')).toHaveCount(1);
  await expect(page.locator('li.desk-story h2')).toHaveText(title);
  await expect(page.locator('li.desk-story .desk-state')).toHaveText('Menunggu tinjauan');
  await expectNoViolations(page);
  expect((await request.get(`/id/berita/${slug}`)).status(), 'in review is not on the site').toBe(404);

  // The server enforces it: publishing, scheduling or correcting, sent anyway, get 403.
  await page.goto(`/desk/stories/id/${slug}/edit`);
  const base = await page.locator('input[name="base"]').first().inputValue();
  for (const action of ['publish', 'schedule', 'correct']) {
    const forged = await page.request.post('/api/desk/stories', {
      form: { action, file, base, title, locale: 'id', section: 'world', summary: 'x', sourceName: 'x', body: 'x', correctionNote: 'x', publishedAt: new Date(Date.now() + 60_000).toISOString() },
      maxRedirects: 0,
    });
    expect(forged.status(), action).toBe(403);
  }
  expect((await request.get(`/id/berita/${slug}`)).status()).toBe(404);
  await context.close();
});

test('an editor finds it in the review queue and schedules it 30 s ahead: it goes live by itself, on the home page and in the feed', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const { context, page } = await signedIn(browser, editor);
  await page.getByRole('link', { name: /berita menunggu tinjauan/ }).click();
  await expect(page).toHaveURL(/\/desk\?state=in-review$/);
  await page.locator('li.desk-story', { hasText: title }).getByRole('link', { name: title }).click();
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Menunggu tinjauan');
  await expect(page.getByRole('button', { name: 'Terbitkan sekarang' })).toBeVisible();

  const at = new Date(Date.now() + 30_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await page.getByLabel('Waktu terbit').fill(at);
  await page.getByRole('button', { name: 'Jadwalkan' }).click();
  await expect(page.locator('p.desk-note')).toContainText('Dijadwalkan');
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Terjadwal');

  // The list: scheduled (no longer in review), its time, and a countdown to it.
  await page.goto(`/desk?q=${encodeURIComponent(title)}`);
  const listed = page.locator('li.desk-story', { hasText: title });
  await expect(listed.locator('.desk-state')).toHaveText('Terjadwal');
  await expect(listed.locator(`.desk-state + span time[datetime="${at}"]`), "when it goes live").toBeVisible();
  await expect(listed.locator('.desk-countdown')).toHaveText(/^ \(dalam \d+ detik\)$/);
  await expectNoViolations(page);
  await fitsThePhone(page);
  expect((await textOf(request, '/id')).includes(title), 'embargoed').toBe(false);
  expect((await textOf(request, '/id/feed.xml')).includes(title), 'not in the feed yet').toBe(false);
  await context.close();

  // Nobody does anything more: the story appears on the home page and in the feed by itself.
  await expect.poll(async () => (await textOf(request, '/id')).includes(title), { timeout: 90_000, intervals: [1_000] }).toBe(true);
  expect(Date.now(), 'not before its time').toBeGreaterThanOrEqual(Date.parse(at));
  await expect.poll(async () => (await textOf(request, '/id/feed.xml')).includes(title), { timeout: 30_000, intervals: [1_000] }).toBe(true);
  expect((await request.get(`/id/berita/${slug}`)).status()).toBe(200);
});

test('an editor corrects it: the note (hostile text included) shows on the article as text, with its time, and in the JSON-LD; dateModified moves', async ({ browser }) => {
  const { context, page, dialogs } = await signedIn(browser, editor);
  const reader = await context.newPage();
  await reader.goto(`/id/berita/${slug}`);
  const before = await newsArticleOf(reader);
  expect(before?.correction, 'not corrected yet').toBeUndefined();
  await expect(reader.locator('.article-corrections')).toHaveCount(0);

  await page.goto(`/desk/stories/id/${slug}/edit`);
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Terbit');
  // Without a note: refused, the message next to the field, nothing published.
  await page.getByLabel('Isi berita (Markdown)').fill('Isi berita yang sudah diperbaiki: jumlah korban 12 orang.');
  await page.getByRole('button', { name: 'Terbitkan koreksi' }).click();
  await expect(page).toHaveURL(/outcome=invalid/);
  const note = page.getByLabel('Catatan koreksi (tampil untuk pembaca)');
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#correctionNote-error')).toHaveText('Catatan koreksi (tampil untuk pembaca) must not be empty: a short public note saying what was corrected');
  await expect(page.getByLabel('Isi berita (Markdown)'), 'the corrected text is kept').toHaveValue('Isi berita yang sudah diperbaiki: jumlah korban 12 orang.');
  await expectNoViolations(page);
  await fitsThePhone(page);

  await note.fill(hostileNote);
  await page.getByRole('button', { name: 'Terbitkan koreksi' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Koreksi diterbitkan: catatannya tampil di artikel, dengan waktunya.');
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Dikoreksi');
  await expect(page.locator('.desk-corrections li')).toContainText(hostileNote);
  await expect(page.locator('.desk-corrections').locator('script, img')).toHaveCount(0);
  await expect(page.locator('.desk-revisions li').first()).toContainText('mengoreksi');
  await expectNoViolations(page);

  // On the article: the note as text, with its time; in the JSON-LD, a CorrectionComment.
  await expect
    .poll(async () => {
      await reader.goto(`/id/berita/${slug}`);
      return reader.locator('.article-corrections li').count();
    }, { timeout: 15_000 })
    .toBe(1);
  const item = reader.locator('.article-corrections li');
  await expect(reader.getByRole('heading', { level: 2, name: 'Koreksi' })).toBeVisible();
  await expect(item).toContainText(hostileNote);
  await expect(item.locator('time')).toHaveText(/WIB$/);
  await expect(reader.locator('img[src="x"]')).toHaveCount(0);
  await expect(reader.locator('.article-body')).toContainText('jumlah korban 12 orang');
  const after = (await newsArticleOf(reader))!;
  expect(after.correction).toEqual([{ '@type': 'CorrectionComment', text: hostileNote, datePublished: expect.any(String) }]);
  const correctedAt = after.correction![0]!.datePublished;
  expect(await item.locator('time').getAttribute('datetime')).toBe(correctedAt);
  expect(after.dateModified, 'dateModified is the correction’s time').toBe(correctedAt);
  expect(Date.parse(after.dateModified)).toBeGreaterThan(Date.parse(before!.dateModified));
  expect(after.datePublished).toBe(before!.datePublished);
  expect(dialogs).toEqual([]);
  await context.close();
});

test('the corrected article is valid HTML (Nu HTML Checker), has no axe violations at 390 px, and loads no script file', async ({ page, request }) => {
  test.setTimeout(120_000);
  const response = await page.goto(`/id/berita/${slug}`);
  expect(response!.status()).toBe(200);
  await expect(page.locator('.article-corrections li')).toHaveCount(1);
  await expectNoViolations(page);
  await fitsThePhone(page);
  expect(await page.locator('script[src]').count(), 'reader pages stay free of script files (decision 020)').toBe(0);

  // As e2e/crawler-html-validity.spec.ts checks every kind of page, with a canary the checker must reject.
  const java = process.env.JAVA_PATH ?? 'java';
  const vnuJar = path.join(path.dirname(createRequire(__filename).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-vnu-workflow-'));
  try {
    const article = path.join(dir, 'article.html');
    const canary = path.join(dir, 'canary.html');
    writeFileSync(article, await (await request.get(`/id/berita/${slug}`)).text());
    writeFileSync(canary, '<!DOCTYPE html><html lang="id"><head><title>x</title></head><body><div aria-labelledby="x"><p></div></body></html>');
    const result = spawnSync(java, ['-jar', vnuJar, '--errors-only', '--format', 'json', article, canary], { encoding: 'utf8', timeout: 100_000 });
    expect(result.error, `could not start ${java}`).toBeUndefined();
    expect(result.status, `the checker's exit status; its output:\n${result.stderr}`).toBe(1);
    const messages = (JSON.parse(result.stderr) as { messages: { url: string; message: string; type: string }[] }).messages;
    const of = (file: string) => messages.filter((m) => m.type !== 'info' && decodeURIComponent(new URL(m.url).pathname) === file).map((m) => m.message);
    expect(of(canary).length, 'the checker rejects the broken canary page').toBeGreaterThan(0);
    expect(of(article)).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor takes it down (410) and restores it (200), the correction still listed', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  await page.getByLabel('Alasan (dicatat di log audit)').fill('Menunggu konfirmasi narasumber.');
  await page.getByLabel('Ya, turunkan berita ini dari situs').check();
  await page.getByRole('button', { name: 'Turunkan' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Diturunkan: alamatnya menjawab 410 Gone.');
  await expect.poll(async () => (await request.get(`/id/berita/${slug}`)).status(), { timeout: 10_000 }).toBe(410);
  await page.getByRole('button', { name: 'Pulihkan' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Dipulihkan: berita tayang lagi.');
  await expect.poll(async () => (await request.get(`/id/berita/${slug}`)).status(), { timeout: 10_000 }).toBe(200);
  await expect.poll(async () => (await textOf(request, `/id/berita/${slug}`)).includes(`Jumlah korban diperbaiki ${stamp}`), { timeout: 10_000 }).toBe(true);

  // The keyboard alone: Enter in the headline saves the changes (not a correction), and the
  // correction stays listed.
  await page.goto(`/desk/stories/id/${slug}/edit`);
  await expect(page.locator('.desk-story-form .desk-state')).toHaveText('Dikoreksi');
  await page.getByLabel('Ringkasan').fill('Ringkasan yang diperbarui setelah koreksi.');
  await page.getByLabel('Judul', { exact: true }).press('Enter');
  await expect(page.locator('p.desk-note')).toHaveText('Perubahan tersimpan.');
  await expect(page.locator('.desk-corrections li')).toHaveCount(1);
  await expect
    .poll(async () => {
      const html = await textOf(request, `/id/berita/${slug}`);
      return html.includes('Ringkasan yang diperbarui setelah koreksi.') && html.includes(`Jumlah korban diperbaiki ${stamp}`);
    }, { timeout: 10_000 })
    .toBe(true);
  await context.close();
});

test('a translation is started from the story, prefilled, and published: hreflang links both versions', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  await page.getByRole('link', { name: 'Mulai terjemahan: English' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/stories/new\\?translate=id%2F${slug}&lang=en$`));
  await expect(page.locator('p.desk-note')).toContainText('diisi dari versi Bahasa Indonesia');
  await expect(page.getByLabel('Bahasa', { exact: true })).toHaveValue('en');
  await expect(page.getByLabel('ID berita (sama untuk semua bahasanya)')).toHaveValue(slug);
  await expect(page.getByLabel('Slug (nama URL)'), 'made from the new headline').toHaveValue('');
  await expect(page.getByLabel('Judul', { exact: true }), 'copied for the translator').toHaveValue(title);
  await expect(page.getByLabel('Rubrik')).toHaveValue('world');
  await expect(page.getByLabel('Penulis')).toHaveValue(author);
  await expect(page.getByLabel('Nama sumber')).toHaveValue('Kabar Kini');
  await expectNoViolations(page);
  await fitsThePhone(page);

  await page.getByLabel('Judul', { exact: true }).fill(englishTitle);
  await page.getByLabel('Ringkasan').fill('A story that waited for an editor’s review.');
  await page.getByLabel('Isi berita (Markdown)').fill('The body of the story, translated.');
  await page.getByRole('button', { name: 'Terbitkan sekarang' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/stories/en/${englishSlug}/edit\\?done=publish$`));
  await expect(page.locator('p.desk-note')).toHaveText('Diterbitkan.');
  await expect(page.getByRole('link', { name: /Mulai terjemahan/ }), 'no language is missing now').toHaveCount(0);

  // Both versions name each other: <link rel="alternate" hreflang> on each article.
  const alternates = async (path: string) => {
    const html = parse(await textOf(request, path));
    return html.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).pathname}`);
  };
  await expect.poll(() => alternates(`/en/news/${englishSlug}`), { timeout: 15_000 }).toEqual(expect.arrayContaining([`en /en/news/${englishSlug}`, `id /id/berita/${slug}`]));
  await expect.poll(() => alternates(`/id/berita/${slug}`), { timeout: 15_000 }).toEqual(expect.arrayContaining([`en /en/news/${englishSlug}`, `id /id/berita/${slug}`]));

  // The list shows the story complete in every language.
  await page.goto(`/desk?q=${encodeURIComponent(title)}`);
  await expect(page.locator('li.desk-story', { hasText: title })).toContainText('Semua bahasa tersedia');
  await context.close();
});
