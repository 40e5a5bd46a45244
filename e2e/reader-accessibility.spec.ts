import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './support/hydration';

// axe-core on every kind of page a reader meets, in both languages: WCAG 2.0/2.1/2.2 A and AA,
// plus axe's best practices. The pages are checked as hydrated, which is how most readers get them.

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

const pages = {
  id: {
    home: '/id',
    section: '/id/rubrik/teknologi',
    article: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global',
    fallbackArticle: '/id/berita/eric-schmidt-urges-us-china-cooperation-on-ai',
    notFound: '/id/berita/does-not-exist',
    menu: 'Menu',
  },
  en: {
    home: '/en',
    section: '/en/section/technology',
    article: '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
    fallbackArticle: '/en/news/dua-pendekatan-berbeda-rencana-ai-as-dan-tiongkok',
    notFound: '/en/news/does-not-exist',
    menu: 'Menu',
  },
} as const;

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  expect(summary).toEqual([]);
}

for (const [locale, p] of Object.entries(pages)) {
  test.describe(`axe (${locale})`, () => {
    const cases: { name: string; path: string; status: number }[] = [
      { name: 'home', path: p.home, status: 200 },
      { name: 'section', path: p.section, status: 200 },
      { name: 'article', path: p.article, status: 200 },
      { name: 'article shown in the other language', path: p.fallbackArticle, status: 200 },
      { name: '404 page', path: p.notFound, status: 404 },
    ];
    for (const c of cases) {
      test(`${c.name}: no violations, lang="${locale}"`, async ({ page }) => {
        const response = await page.goto(c.path);
        expect(response?.status()).toBe(c.status);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await waitForHydration(page, p.menu);
        await expectNoViolations(page);
      });
    }

    test('open drawer: no violations', async ({ page }) => {
      await page.goto(p.article);
      await waitForHydration(page, p.menu);
      await page.getByRole('button', { name: p.menu, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page);
    });

    test('dark scheme: no violations (colour contrast)', async ({ page }) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(p.article);
      await waitForHydration(page, p.menu);
      await expectNoViolations(page);
      await page.getByRole('button', { name: p.menu, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page);
    });
  });
}

// axe needs JavaScript in the page, so the no-script reader's page is made by serving the
// server HTML without its <script> elements: nothing hydrates and the checkbox drawer stays.
test.describe('server HTML without scripts', () => {
  test('home with the checkbox drawer, closed and open: no violations', async ({ page, hasTouch }) => {
    await page.route(/\/id$/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '');
      await route.fulfill({ response, body: html });
    });
    await page.goto(pages.id.home);
    await expect(page.getByRole('checkbox', { name: 'Menu' })).toBeAttached();
    await expect(page.getByRole('button', { name: 'Menu', exact: true })).toHaveCount(0);
    await expectNoViolations(page);
    const label = page.locator('label.menu-button');
    if (hasTouch) await label.tap();
    else await label.click();
    await expect(page.locator('#site-drawer')).toBeVisible();
    await expectNoViolations(page);
  });
});
