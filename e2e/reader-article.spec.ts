import { expect, test } from '@playwright/test';
import { SEED_EN_PATH, SEED_PATH, seedPage } from './support/stories';

test.describe('a reader opens the seed article', () => {
  test('sees the story word for word, in its Indonesian frame', async ({ page }) => {
    const seed = seedPage();
    const response = await page.goto(SEED_PATH);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');

    const article = page.locator('article');
    await expect(article).toHaveCount(1);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(article.locator('h1')).toHaveText(seed.headline);
    await expect(article.locator('.article-lead')).toHaveText(seed.lead);
    const paragraphs = await article.locator('.article-body p').allTextContents();
    expect(paragraphs).toEqual(seed.body);
    await expect(article.getByText(`Sumber: ${seed.source}`, { exact: true })).toBeVisible();

    const time = article.locator('time').first();
    await expect(time).toHaveAttribute('datetime', '2025-07-26T10:00:00+07:00');
    await expect(time).toHaveText('Sabtu, 26 Juli 2025, 10.00 WIB');
    await expect(article.getByRole('link', { name: 'Teknologi' })).toBeVisible();
  });

  test('reads the English translation with English dates and labels', async ({ page }) => {
    await page.goto(SEED_EN_PATH);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).toHaveText('China Launches Global AI Cooperation Plan to Rival US Initiative');
    await expect(page.locator('article time').first()).toHaveText('Saturday, July 26, 2025, 10:00 AM WIB');
    await expect(page.getByText('Source: Cnbc', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Latest News' })).toBeVisible();
  });

  test('sees the latest news under the article, without the article itself', async ({ page }) => {
    await page.goto(SEED_PATH);
    const latest = page.getByRole('complementary', { name: 'Berita Terbaru' });
    const titles = await latest.locator('.story-title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(5);
    expect(titles).not.toContain(seedPage().headline);
    const dates = await latest.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  test('finds the article in the home page list, newest first', async ({ page }) => {
    await page.goto('/id');
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    const seedLink = page.getByRole('link', { name: seedPage().headline });
    await expect(seedLink).toHaveAttribute('href', SEED_PATH);
    const dates = await page.locator('#latest time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
    expect(dates.length).toBeGreaterThan(5);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    // The lead is the newest story in Indonesian; newer untranslated stories are marked in the list.
    const lead = page.locator('.lead-story');
    await expect(lead.locator('h2')).not.toHaveAttribute('lang', /.+/);
    await expect(page.locator('#latest').getByText('Dalam bahasa Inggris').first()).toBeVisible();
  });

  test('works with JavaScript off: the article is in the server HTML', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(SEED_PATH);
    await expect(page.locator('article h1')).toHaveText(seedPage().headline);
    await context.close();
  });
});
