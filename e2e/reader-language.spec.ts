import { expect, test } from '@playwright/test';
import { waitForHydration } from './support/hydration';
import { ID_ONLY_SLUG, SEED_EN_PATH, SEED_PATH } from './support/stories';

async function switchLanguage(page: import('@playwright/test').Page, name: string) {
  await (await waitForHydration(page)).click();
  await page.getByRole('dialog').getByRole('link', { name }).click();
}

test.describe('a reader switches language', () => {
  test('from an article to its translation, and the choice is remembered', async ({ page, context }) => {
    await page.goto(SEED_PATH);
    await switchLanguage(page, 'Read in English');
    await expect(page).toHaveURL(SEED_EN_PATH);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('en');
    // Next visit to the bare address: English, although the browser prefers Indonesian.
    await context.setExtraHTTPHeaders({ 'Accept-Language': 'id-ID,id;q=0.9' });
    await page.goto('/');
    await expect(page).toHaveURL(/\/en$/);

    await switchLanguage(page, 'Baca dalam Bahasa Indonesia');
    await expect(page).toHaveURL(/\/id$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/id$/);
  });

  test('from an untranslated story to the other language’s home page', async ({ page }) => {
    await page.goto(`/id/berita/${ID_ONLY_SLUG}`);
    await switchLanguage(page, 'Read in English');
    await expect(page).toHaveURL(/\/en$/);
  });

  test('sees a notice when a story is not in their language', async ({ page }) => {
    await page.goto(`/en/news/${ID_ONLY_SLUG}`);
    await expect(page.getByRole('note')).toHaveText(/not yet available in English.*Indonesian/);
    await expect(page.locator('article')).toHaveAttribute('lang', 'id');
    await waitForHydration(page);
  });
});

test.describe('a missing Indonesian message', () => {
  // The e2e build removes Footer.sitemap and Drawer.language from id.json (scripts/e2e.mjs).
  test('shows the English text, not the key, on the server and in the drawer', async ({ page }) => {
    await page.goto('/id');
    await expect(page.locator('footer')).toContainText('Sitemap');
    await expect(page.locator('body')).not.toContainText('Footer.sitemap');
    await (await waitForHydration(page)).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toContainText('Language');
    await expect(drawer).not.toContainText('Drawer.language');
    // Keys that exist in Indonesian are still Indonesian.
    await expect(drawer.getByRole('button', { name: 'Tutup' })).toBeVisible();
  });
});

test.describe('a reader who follows a broken link', () => {
  for (const [path, lang, title, home] of [
    ['/id/berita/tidak-ada', 'id', 'Halaman tidak ditemukan', 'Kembali ke beranda'],
    ['/en/news/no-such-story', 'en', 'Page not found', 'Back to the home page'],
  ] as const) {
    test(`gets a localized 404 at ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await page.getByRole('link', { name: home }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}$`));
    });
  }
});
