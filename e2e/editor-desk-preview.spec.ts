import { expect, test, type Page } from '@playwright/test';
import { deskUser, expectNoViolations, signedIn } from './support/desk';

// The editor's preview beside the story form, the social preview, the preview link and autosave
// (issue 23, third slice), on a 390 px phone against the production build, with accounts made by
// `npm run desk:user` in the DESK_DB the server under test reads (playwright.config.ts).

test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const stamp = run.slice(-5);
const editor = { email: `preview-editor-${run}@kabar.test`, password: 'editor password for the preview run' };
const title = `Draf Pratinjau Meja ${stamp}`;
const slug = `draf-pratinjau-meja-${stamp}`;
const edited = `Judul Baru Tersimpan Otomatis ${stamp}`;
const SAVED = /^Tersimpan \d{1,2}[.:]\d{2}/;

async function fillStory(page: Page, storyTitle: string) {
  await page.getByLabel('Judul', { exact: true }).fill(storyTitle);
  await page.getByLabel('Rubrik').selectOption('world');
  await page.getByLabel('Ringkasan').fill(`Ringkasan draf untuk pratinjau ${stamp}: cukup panjang agar terlihat seperti ringkasan berita yang sesungguhnya.`);
  await page.getByLabel('Nama sumber').fill('Kabar Kini');
  await page.getByLabel('Isi berita (Markdown)').fill('Isi draf yang dipratinjau dari meja redaksi.');
}

/** Shows the preview at one width: one at a time, opening one folds the other. */
async function openWidth(page: Page, width: 'phone' | 'desktop') {
  const details = page.locator('details.desk-preview-width', { has: page.locator(`iframe[data-desk-preview="${width}"]`) });
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await expect(page.locator(`iframe[data-desk-preview="${width}"]`)).toBeVisible();
}

/** The reader page in one of the preview's iframes (loaded lazily: scrolled into view first). */
async function frameHeadline(page: Page, width: 'phone' | 'desktop') {
  await openWidth(page, width);
  await page.locator(`iframe[data-desk-preview="${width}"]`).scrollIntoViewIfNeeded();
  return page.frameLocator(`iframe[data-desk-preview="${width}"]`).locator('h1');
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG').toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('an editor account for this spec', () => {
  const added = deskUser(['add', '--email', editor.email, '--role', 'editor'], editor.password);
  expect(added.out).toContain(`Added ${editor.email} (editor).`);
});

test('a new draft autosaves: the address becomes the story’s, and a save by hand is no conflict with it', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto('/desk/stories/new');
  const status = page.locator('.desk-autosave [role="status"]');
  await expect(status).toHaveText('Disimpan otomatis beberapa detik setelah Anda berhenti mengetik.');
  await fillStory(page, title);
  await expect(status).toHaveText(SAVED, { timeout: 20_000 });
  await expect(page).toHaveURL(new RegExp(`/desk/stories/id/${slug}/edit$`));
  await expect(page.getByLabel('Slug (nama URL)'), 'the slug the server made').toHaveValue(slug);
  expect((await request.get(`/id/berita/${slug}`)).status(), 'a draft is not on the site').toBe(404);
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Draf tersimpan.');
  await context.close();
});

test('the preview shows the draft at both widths; an autosaved title reaches the preview and is kept', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await signedIn(browser, editor);
  const response = await page.goto(`/desk/stories/id/${slug}/edit`);
  // The desk frames only the site's own pages, and is framed by nobody.
  expect(response!.headers()['content-security-policy']).toContain("frame-src 'self'");
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByTitle('Pratinjau halaman pembaca di ponsel, lebar 390 px')).toBeVisible();
  await expect(await frameHeadline(page, 'phone')).toHaveText(title);
  await expect(await frameHeadline(page, 'desktop')).toHaveText(title);
  // One width at a time: opening the desktop one folded the phone one.
  await expect(page.locator('iframe[data-desk-preview="phone"]')).toBeHidden();
  // The frames really are the two widths (the desktop one scaled down to fit the phone).
  const innerWidth = (width: string) => page.locator(`iframe[data-desk-preview="${width}"]`).evaluate((f) => (f as HTMLIFrameElement).contentWindow!.innerWidth);
  expect(await innerWidth('desktop')).toBe(1280);
  await openWidth(page, 'phone');
  expect(await innerWidth('phone')).toBe(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than the phone').toBeLessThanOrEqual(390);

  const headline = page.getByLabel('Judul', { exact: true });
  await headline.fill(edited);
  await expect(page.locator('.desk-autosave [role="status"]')).toHaveText(SAVED, { timeout: 20_000 });
  await expect(await frameHeadline(page, 'phone')).toHaveText(edited, { timeout: 20_000 });
  await expect(await frameHeadline(page, 'desktop')).toHaveText(edited);
  await expect(page.locator('.desk-search-title')).toHaveText(`${edited} | Kabar Kini`);
  await page.reload();
  await expect(headline, 'the autosaved title is stored').toHaveValue(edited);
  await context.close();
});

test('the share card loads as each platform crops it (1200×630), the search result shows the title; none of it is public', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  await expect(page.locator('.desk-search-title')).toHaveText(`${edited} | Kabar Kini`);
  await expect(page.locator('.desk-search-url')).toHaveText(new RegExp(` › id › berita › ${slug}$`));
  await expect(page.locator('.desk-search-description')).toContainText(`Ringkasan draf untuk pratinjau ${stamp}`);
  const cards = page.locator('img[data-share-card]');
  await expect(cards).toHaveCount(3);
  for (const card of await cards.all()) {
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 20_000 }).toBe(1200);
  }
  const src = (await cards.first().getAttribute('src'))!;
  expect(src).toMatch(/^\/api\/desk\/share-image\?/);
  const image = await page.request.get(src);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect(image.headers()['cache-control']).toBe('private, no-store');
  expect(pngSize(await image.body())).toEqual({ width: 1200, height: 630 });
  await expect(page.locator('.desk-card-facebook strong')).toHaveText(edited);
  await expect(page.locator('.desk-card-x .desk-card-overlay')).toHaveText(edited);
  await expect(page.locator('.desk-card-whatsapp strong')).toHaveText(edited);

  // Signed out, without the link: the draft's card is nowhere.
  expect((await request.get(src)).status()).toBe(404);
  expect((await request.get(`/id/berita/${slug}/opengraph-image`)).status()).toBe(404);
  expect((await request.get(`/api/preview/share-image?id=${slug}&locale=id`)).status()).toBe(404);
  await context.close();
});

test('the copied preview link opens the draft for someone signed out; reader pages stay unframable and script-free', async ({ browser, request }) => {
  const { context, page } = await signedIn(browser, editor);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  const field = page.getByLabel('Tautan untuk rekan tanpa akun');
  await expect(field).toHaveAttribute('readonly', '');
  await expect(page.locator('#preview-link-expiry')).toContainText('Berlaku sampai');
  await page.getByRole('button', { name: 'Salin tautan' }).click();
  await expect(page.getByText('Tautan tersalin.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await field.inputValue());
  expect(link).toMatch(/\/api\/preview\?token=v1\./);

  const colleague = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const reader = await colleague.newPage();
  const opened = await reader.goto(link);
  await expect(reader.locator('h1')).toHaveText(edited);
  await expect(reader.getByText('Pratinjau draf — belum terbit')).toBeVisible();
  // A preview's page may be framed by the site itself, and by nobody else.
  expect(opened!.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(opened!.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  await colleague.close();

  // A public article: framed by nobody, and no script file, no desk code.
  const published = await request.get('/id');
  expect(published.headers()['x-frame-options']).toBe('DENY');
  expect(published.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const articleHref = /href="(\/id\/berita\/[^"]+)"/.exec(await published.text())![1]!;
  const article = await request.get(articleHref);
  expect(article.headers()['x-frame-options']).toBe('DENY');
  const html = await article.text();
  expect(html).not.toMatch(/<script[^>]*\bsrc=/);
  expect(html).not.toContain('desk-');
  await context.close();
});

test('with the preview panel open the edit page has no axe violations at 390 px, and the panel folds away', async ({ browser }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  await expect(await frameHeadline(page, 'desktop')).toHaveText(edited);
  await expect(await frameHeadline(page, 'phone')).toHaveText(edited);
  // The whole page with the preview open, the framed reader page included: axe counts landmarks
  // across frames as one page, so the desk's are named and one width is shown at a time.
  await expectNoViolations(page);
  const framed = await context.newPage();
  await framed.setViewportSize({ width: 390, height: 844 });
  await framed.goto(page.frame({ url: /\/id\/berita\// })!.url());
  await expect(framed.locator('h1')).toHaveText(edited);
  await expectNoViolations(framed);
  await framed.close();
  // On a phone the preview is below the form, and its heading folds it (the keyboard alone).
  const summary = page.locator('summary', { has: page.getByRole('heading', { level: 2, name: 'Pratinjau', exact: true }) });
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe[data-desk-preview="phone"]')).toBeHidden();
  await context.close();
});

test('on a wide screen the preview stands beside the form, each width in view', async ({ browser }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/desk/stories/id/${slug}/edit`);
  const form = (await page.locator('.desk-story-form').boundingBox())!;
  const panel = (await page.locator('.desk-preview').boundingBox())!;
  expect(panel.x, 'the panel starts right of the form').toBeGreaterThanOrEqual(form.x + form.width);
  expect(panel.y, 'side by side, not below').toBeLessThan(form.y + form.height);
  for (const width of ['phone', 'desktop'] as const) {
    await openWidth(page, width);
    const frame = (await page.locator(`iframe[data-desk-preview="${width}"]`).boundingBox())!;
    expect(frame.x + frame.width, `${width} frame inside the window`).toBeLessThanOrEqual(1440);
  }
  await expect(await frameHeadline(page, 'desktop')).toHaveText(edited);
  await context.close();
});

test('when autosave cannot reach the server it says so and stops, and the text is offered back on the next visit', async ({ browser }) => {
  const { context, page } = await signedIn(browser, editor);
  await page.goto(`/desk/stories/id/${slug}/edit`);
  const body = page.getByLabel('Isi berita (Markdown)');
  const typed = `Paragraf yang tidak boleh hilang ${stamp}.`;
  // The network fails under the browser (a server gone, a dead connection): nothing reaches the store.
  await page.route('**/api/desk/autosave', (route) => route.abort('connectionrefused'));
  await body.fill(typed);
  const status = page.locator('.desk-autosave [role="status"]');
  await expect(status).toContainText('Tidak tersimpan: server tidak terjangkau. Teks Anda disimpan di peramban ini.', { timeout: 20_000 });
  await page.unroute('**/api/desk/autosave');

  await page.reload();
  await expect(body, 'the stored text, as the server has it').not.toHaveValue(typed);
  await expect(page.locator('.desk-autosave-kept')).toContainText('Ada teks yang belum tersimpan dari');
  await page.getByRole('button', { name: 'Pulihkan teks itu' }).click();
  await expect(body).toHaveValue(typed);
  await expect(status).toHaveText(SAVED, { timeout: 20_000 });
  await page.reload();
  await expect(body).toHaveValue(typed);
  await expect(page.locator('.desk-autosave-kept'), 'saved, so nothing more to offer').toHaveCount(0);
  await context.close();
});
