import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './support/hydration';
import { SEED_EN_PATH, SEED_PATH } from './support/stories';

// What a reader's browser enforces: the Content-Security-Policy lets every script the site itself
// ships run (no violation on any page, drawer open or closed), and a hostile article
// (e2e/fixtures/content) runs nothing. Why the policy is what it is: docs/decisions/004.

const HOSTILE = { id: '/id/berita/fixture-hostile-konten', en: '/en/news/fixture-hostile-content' };

const pages = [
  { name: 'home', path: '/id' },
  { name: 'English home', path: '/en' },
  { name: 'section', path: '/id/rubrik/teknologi' },
  { name: 'article', path: SEED_PATH },
  { name: 'English article', path: SEED_EN_PATH },
  { name: 'not found', path: '/id/berita/tidak-ada-berita-ini' },
  { name: 'hostile article', path: HOSTILE.id },
];

/** Collects CSP violations as the console reports them and as the page's own event reports them. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return async () => [
    ...violations,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

const menuName = { id: 'Menu', en: 'Menu' };
const closeName = { id: 'Tutup', en: 'Close' };

for (const { name, path } of pages) {
  test(`no CSP violation on the ${name}, drawer closed and open`, async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto(path);
    expect(response, 'the page answers').not.toBeNull();
    const lang = path.startsWith('/en') ? 'en' : 'id';
    // The drawer's script is hydrated only if the site's own scripts ran under the policy.
    const menu = await waitForHydration(page, menuName[lang]);
    expect(await violations(), 'drawer closed').toEqual([]);

    await menu.click();
    await expect(page.locator('#site-drawer')).toBeVisible();
    expect(await violations(), 'drawer open').toEqual([]);

    await expect(page.getByRole('button', { name: closeName[lang], exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('#site-drawer')).toBeHidden();
    expect(await violations(), 'drawer closed again').toEqual([]);
  });
}

test('the security headers reach the browser with the page', async ({ page }) => {
  const response = await page.goto(SEED_PATH);
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers['x-powered-by']).toBeUndefined();
});

for (const [lang, path] of Object.entries(HOSTILE)) {
  test(`a hostile article (${lang}) opens no dialog and embeds no frame or form`, async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const violations = await watchViolations(page);
    const response = await page.goto(path);
    expect(response!.status()).toBe(200);
    await waitForHydration(page);

    const body = page.locator('article');
    await expect(body, 'the markup in the body is shown as text').toContainText('<iframe');
    expect(await body.locator('iframe, form, script:not([type="application/ld+json"]), object, embed, svg[onload]').count()).toBe(0);
    expect(await page.locator('iframe, form:not(.search-form)').count(), 'no frame or form anywhere on the page but the site’s search boxes').toBe(0);
    expect(await page.locator('form.search-form').evaluateAll((forms) => forms.map((f) => `${f.getAttribute('method')} ${f.getAttribute('action')}`))).toEqual(
      Array(2).fill(`get /${lang}/${lang === 'id' ? 'cari' : 'search'}`),
    );
    const hrefs = await body.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|\/|#|mailto:)/);
    // Safe links stay links (decision 004): http(s), mailto and same-site paths.
    expect(hrefs).toContain('https://example.com/');
    const bodyHrefs = await page.locator('.article-body a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(bodyHrefs.filter((h) => h.startsWith('mailto:')), 'a mailto link in the body is kept').toHaveLength(1);
    expect(bodyHrefs.filter((h) => /^\/(id|en)\/(rubrik|section)\//.test(h)), 'a same-site link in the body is kept').toHaveLength(1);

    // Hover and click whatever the article holds: still nothing may run.
    const headline = page.getByRole('heading', { level: 1 });
    await headline.hover();
    await page.getByText(/onclick/).first().click();
    expect(dialogs, 'no alert/confirm/prompt fired').toEqual([]);
    expect(await violations(), 'nothing injected even tried to run').toEqual([]);
  });
}
