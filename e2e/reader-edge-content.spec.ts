import { expect, test, type Page } from '@playwright/test';

// Stories that are harder to lay out than the seed: a photo with its caption and credit and a
// byline, a 240-character headline with a 60-character word that has no break in it, emoji in a
// headline, and a section long enough for a second page. On a phone and on a desktop: nothing
// scrolls sideways, nothing overflows its box, and no two blocks overlap. Then the page on paper.
// The fixtures are in e2e/fixtures/content and scripts/e2e.mjs (the section's second page).

const PHOTO = '/id/berita/fixture-foto-cakrawala-shanghai';
const LONG = '/id/berita/fixture-judul-240-karakter';
const EMOJI = '/en/news/fixture-emoji-headline';
const SECTION = '/id/rubrik/dunia';
const LONG_WORD = 'Kecerdasanbuatanuntuksemuanegaraberkembangdiselatanglobal202';

/** The blocks of an article page, each drawn once, side by side or one under another. */
const ARTICLE_BLOCKS = [
  '.site-header',
  '.article .kicker',
  '.article-title',
  '.article-lead',
  '.article-meta',
  '.article-body > *',
  '.article-footer > *',
  '.latest-news',
];
/** The same, with the photo and its caption. */
const PHOTO_BLOCKS = [...ARTICLE_BLOCKS, '.article-image img', '.article-image figcaption'];
const LIST_BLOCKS = ['.site-header', 'main h1', '.story-item', '.pagination'];

/** What a reader would see as broken: sideways scrolling, text out of its box, blocks on top of each other. */
async function layoutProblems(page: Page, selectors: string[]) {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate((selectors) => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} px`);
    const boxes = selectors.flatMap((selector) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((el) => el.getClientRects().length > 0)
        .map((el, i) => ({ name: `${selector}[${i}]`, el, r: el.getBoundingClientRect() })),
    );
    for (const selector of selectors) {
      if (!boxes.some((b) => b.name.startsWith(`${selector}[`))) problems.push(`${selector} is not on the page`);
    }
    for (const { name, el, r } of boxes) {
      if (r.width === 0 || r.height === 0) problems.push(`${name} has no size`);
      if (r.left < -0.5 || r.right > root.clientWidth + 0.5) problems.push(`${name} leaves the screen: ${r.left}–${r.right} px`);
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name}: its text is wider than its box (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
          problems.push(`${boxes[i]!.name} overlaps ${boxes[j]!.name}`);
        }
      }
    }
    return problems;
  }, selectors);
}

test('a photo with its width, height, caption and credit, and a byline', async ({ page }) => {
  await page.goto(PHOTO);
  const figure = page.locator('.article-image');
  const img = figure.locator('img');
  await expect(img).toHaveAttribute('alt', 'Gedung-gedung tinggi Shanghai berlatar langit senja');
  await expect(img).toHaveAttribute('width', '1200');
  await expect(img).toHaveAttribute('height', '675');
  // The picture really loads (from public/images), and keeps its proportions.
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1200);
  const box = (await img.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(1200 / 675, 1);
  await expect(figure.locator('figcaption')).toContainText('Gedung-gedung di tepi Sungai Huangpu, Shanghai, menjelang pembukaan konferensi.');
  await expect(figure.locator('figcaption .credit')).toHaveText('Ilustrasi: Kabar Kini');
  await expect(page.locator('.article-meta .byline')).toBeVisible();
  await expect(page.locator('.article-meta .byline')).toContainText('Oleh Rina Kusumawardani');
  expect(await layoutProblems(page, PHOTO_BLOCKS)).toEqual([]);
});

test('a 240-character headline with a 60-character word stays on the screen', async ({ page }) => {
  await page.goto(LONG);
  const title = page.locator('.article-title');
  await expect(title).toContainText(LONG_WORD);
  expect((await title.textContent())!.length).toBe(240);
  expect(await layoutProblems(page, ARTICLE_BLOCKS)).toEqual([]);
});

test('emoji in a headline are drawn, and the headline stays on the screen', async ({ page }) => {
  await page.goto(EMOJI);
  const title = page.locator('.article-title');
  await expect(title).toContainText('🚀🤖');
  await expect(title).toContainText('✅');
  // An emoji glyph has a width: it is drawn, not dropped.
  const emojiWidth = await title.evaluate((h1) => {
    const text = h1.firstChild as Text;
    const start = text.data.indexOf('🚀');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + '🚀'.length);
    return range.getBoundingClientRect().width;
  });
  expect(emojiWidth).toBeGreaterThan(5);
  expect(await layoutProblems(page, ARTICLE_BLOCKS)).toEqual([]);
});

test('a section with more than 20 stories has a second page', async ({ page }) => {
  await page.goto(SECTION);
  const pagination = page.getByRole('navigation', { name: 'Halaman' });
  await expect(pagination).toContainText('Halaman 1 dari 2');
  await expect(page.locator('main .story-item')).toHaveCount(20);
  expect(await layoutProblems(page, LIST_BLOCKS)).toEqual([]);
  await pagination.getByRole('link', { name: 'Halaman berikutnya' }).click();
  await expect(page).toHaveURL(`${SECTION}/2`);
  await expect(pagination).toContainText('Halaman 2 dari 2');
  await expect(pagination.getByRole('link', { name: 'Halaman sebelumnya' })).toHaveAttribute('href', SECTION);
  await expect(page.locator('main .story-item').first()).toBeVisible();
  expect(await layoutProblems(page, LIST_BLOCKS)).toEqual([]);
});

test('on paper: the story, its source and its address; no menu, drawer or lists', async ({ page, baseURL }) => {
  await page.goto(PHOTO);
  const address = page.locator('.article-url');
  await expect(address, 'the printed address is not shown on screen').toBeHidden();
  await expect(page.locator('.latest-news')).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.article-title')).toBeVisible();
  await expect(page.locator('.article-body')).toBeVisible();
  await expect(page.locator('.article-image img')).toBeVisible();
  await expect(page.locator('.article-source')).toHaveText('Sumber: Cnbc');
  // The source's link cannot be followed on paper: its address is printed beside it.
  const after = await page.locator('.article-source a').evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('https://www.cnbc.com/');
  // The story's own address, absolute (the build's SITE_URL, a host other than the browser's).
  await expect(address).toBeVisible();
  const printed = (await address.textContent())!;
  expect(new URL(printed).pathname).toBe(PHOTO);
  expect(new URL(printed).pathname).toBe(new URL(page.url(), baseURL).pathname);
  for (const hidden of ['.site-menu', '.menu-button', '#site-drawer', '.inline-sections', '.latest-news', '.site-footer', '.skip-link']) {
    await expect(page.locator(hidden).first(), `${hidden} is not printed`).toBeHidden();
  }
  // Black on white, whatever the screen's colour scheme.
  const colours = await page.locator('body').evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
  expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
});
