import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'node-html-parser';
import { waitForHydration } from './support/hydration';

// Search (issue 26, decision 032) as readers use it, on the shared folder-mode server: the embedded
// engine (Orama with the language's stemmer). The stories it must find are the seed stories and the
// search fixtures (e2e/fixtures/content/*/fixture-*: "kerjasama", "bekerja sama", "pembangunan",
// "bangun", "cooperate"). The same examples against PostgreSQL: e2e/cluster-search-postgres.spec.ts.

const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

const COOPERATION = ['fixture-kerjasama-pelabuhan-priok', 'fixture-petani-kopi-bekerja-sama', 'tiongkok-luncurkan-rencana-kerja-sama-ai-global'];
const BUILDING = ['fixture-pembangunan-jembatan-lebak', 'fixture-nelayan-bangun-subuh', 'tiga-pilar-rencana-aksi-ai-amerika'];

/** The search page's answer, read as a crawler would: status, headers, and the results' story slugs. */
async function searchPage(page: Page, path: string) {
  const response = await page.request.get(path, { maxRedirects: 0 });
  const html = await response.text();
  const doc = parse(html);
  const slugs = doc.querySelectorAll('.search-list .story-title a').map((a) => a.getAttribute('href')!.split('/').pop()!);
  return { status: response.status(), headers: response.headers(), html, doc, slugs, heading: doc.querySelector('#search-status')?.text.trim() };
}

const cari = (q: string, page?: number) => `/id/cari?q=${encodeURIComponent(q)}${page ? `&page=${page}` : ''}`;

test('Indonesian: kerja sama, bekerja sama and kerjasama find each other; so do membangun, pembangunan and bangun', async ({ page }) => {
  for (const q of ['kerja sama', 'bekerja sama', 'kerjasama']) {
    const found = await searchPage(page, cari(q));
    expect(found.status, q).toBe(200);
    expect(found.slugs, q).toEqual(expect.arrayContaining(COOPERATION));
    expect(found.heading, q).toBe(`${found.doc.querySelectorAll('.search-list > li').length} hasil untuk “${q}”`);
  }
  for (const q of ['membangun', 'pembangunan', 'bangun', 'dibangun']) {
    const found = await searchPage(page, cari(q));
    expect(found.slugs, q).toEqual(expect.arrayContaining(BUILDING));
  }
  // Every word must be there: no story has both.
  expect((await searchPage(page, cari('kerjasama lemuru'))).slugs).toEqual([]);
});

test('results in a browser: count in a heading, title links, section, date, the matched words marked', async ({ page }) => {
  await page.goto(cari('pembangunan'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page).toHaveTitle('“pembangunan”: hasil pencarian | Kabar Kini');
  const heading = page.getByRole('heading', { level: 2, name: /hasil untuk “pembangunan”/ });
  await expect(heading).toBeVisible();
  const result = page.locator('.search-item', { has: page.locator('a[href="/id/berita/fixture-pembangunan-jembatan-lebak"]') });
  await expect(result.getByRole('heading', { level: 3 })).toHaveText('Pembangunan Jembatan Gantung di Lebak Rampung Lebih Cepat');
  await expect(result.getByRole('link', { name: 'Ekonomi' })).toHaveAttribute('href', '/id/rubrik/ekonomi');
  await expect(result.locator('time')).toHaveAttribute('datetime', '2018-03-10T08:00:00+07:00');
  await expect(result.locator('.search-snippet mark').first()).toBeVisible();
  expect(await result.locator('.search-snippet mark').allTextContents()).toContain('dibangun');
  // The form shows the words searched for, and the language switch keeps them.
  await expect(page.getByRole('searchbox', { name: 'Cari berita' }).last()).toHaveValue('pembangunan');
  // No client runtime on a reader page (decision 020).
  await expect(page.locator('script[src*="/_next/"]')).toHaveCount(0);
});

test('English: its own path, words and stemmer', async ({ page }) => {
  for (const q of ['cooperation', 'cooperate', 'cooperating']) {
    const found = await searchPage(page, `/en/search?q=${q}`);
    expect(found.status, q).toBe(200);
    expect(found.slugs, q).toEqual(expect.arrayContaining(['fixture-port-operators-cooperate', 'china-launches-global-ai-cooperation-plan-to-rival-us-initiative']));
    expect(found.heading).toMatch(new RegExp(`^\\d+ results? for “${q}”$`));
    expect(found.slugs.every((slug) => !slug.startsWith('fixture-kerjasama')), 'English results are English stories').toBe(true);
  }
  expect((await searchPage(page, '/en/search?q=pembangunan')).heading).toBe('No results for “pembangunan”.');
  // The other language's path segment is Next's internal one: redirected, the query kept.
  const internal = await page.request.get('/id/search?q=bangun', { maxRedirects: 0 });
  expect(internal.status()).toBe(308);
  expect(internal.headers().location).toBe('/id/cari?q=bangun');
});

test('pages of results, with the list’s pagination', async ({ page }) => {
  // The twenty generated archive stories, "Arsip Dunia Nomor NN".
  const first = await searchPage(page, cari('arsip dunia'));
  expect(first.heading).toBe('20 hasil untuk “arsip dunia”');
  expect(first.slugs).toHaveLength(10);
  const next = first.doc.querySelector('.pagination a[rel="next"]');
  expect(next?.getAttribute('href')).toBe('/id/cari?q=arsip+dunia&page=2');
  const second = await searchPage(page, next!.getAttribute('href')!);
  expect(second.slugs).toHaveLength(10);
  expect(second.slugs.filter((slug) => first.slugs.includes(slug))).toEqual([]);
  expect(second.doc.querySelector('.pagination [aria-current="page"]')?.text).toBe('Halaman 2 dari 2');
  expect(second.doc.querySelector('.search-list')?.getAttribute('start')).toBe('11');
  const past = await searchPage(page, cari('arsip dunia', 3));
  expect(past.status).toBe(200);
  expect(past.html).toContain('Tidak ada hasil lagi di halaman 3.');
});

test('the empty form, and no results', async ({ page }) => {
  for (const path of ['/id/cari', '/id/cari?q=', '/id/cari?q=%20%20', '/id/cari?q=%26%26%20%7C%7C']) {
    const found = await searchPage(page, path);
    expect(found.status, path).toBe(200);
    expect(found.html, path).toContain('Tulis satu kata atau lebih untuk mencari berita di arsip.');
    expect(found.doc.querySelector('.search-results'), path).toBeNull();
  }
  const none = await searchPage(page, cari('zzyzx'));
  expect(none.status).toBe(200);
  expect(none.heading).toBe('Tidak ada hasil untuk “zzyzx”.');
});

test('hostile queries are words: markup, operators and SQL are shown escaped and break nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const q of ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', 'a & b | !c', "' OR 1=1 --", 'kerja & !sama', 'bangun:*', "pembangunan'); DROP TABLE articles; --"]) {
    const found = await searchPage(page, cari(q));
    expect(found.status, q).toBe(200);
    expect(found.html, q).not.toContain('<script>alert(1)');
    expect(found.html, q).not.toContain('<img src=x');
    expect(found.doc.querySelector('.search-form-page input')?.getAttribute('value'), q).toBe(q);
    await page.goto(cari(q));
    await expect(page.getByRole('searchbox', { name: 'Cari berita' }).last(), q).toHaveValue(q);
    if (found.heading) await expect(page.locator('#search-status'), q).toContainText(q);
  }
  // Operators are ignored, the words are searched: "kerja & !sama" is "kerja sama".
  expect((await searchPage(page, cari('kerja & !sama'))).slugs).toEqual(expect.arrayContaining(COOPERATION));
  expect((await searchPage(page, cari("pembangunan'); DROP TABLE articles; --"))).slugs).toEqual([]);
  expect((await searchPage(page, cari('pembangunan'))).slugs, 'still searchable').toEqual(expect.arrayContaining(BUILDING.slice(0, 1)));
  expect(dialogs).toEqual([]);
});

test('what would cost too much is a 400 with the reason in the reader’s language, never stored', async ({ page }) => {
  const huge = 'pembangunan '.repeat(900); // about 10 KB
  const cases = [
    { path: cari(huge), text: 'Kata kuncinya terlalu panjang: paling banyak 100 karakter.' },
    { path: `/en/search?q=${encodeURIComponent(huge)}`, text: 'Your search is too long: at most 100 characters.' },
    { path: cari('satu dua tiga empat lima enam tujuh delapan sembilan'), text: 'Kata kuncinya terlalu banyak: paling banyak 8 kata.' },
    { path: cari(`a${'b'.repeat(60)}`), text: 'Ada kata yang terlalu panjang: paling banyak 40 huruf per kata.' },
    { path: cari('bangun', 51), text: 'Nomor halaman tidak sah: pilih halaman 1 sampai 50.' },
    { path: '/id/cari?q=bangun&page=0', text: 'Nomor halaman tidak sah' },
    { path: '/id/cari?q=bangun&page=dua', text: 'Nomor halaman tidak sah' },
    { path: '/en/search?q=bangun&page=-1', text: 'That page number is not valid: choose a page from 1 to 50.' },
  ];
  for (const { path, text } of cases) {
    const found = await searchPage(page, path);
    expect(found.status, path.slice(0, 60)).toBe(400);
    expect(found.html, path.slice(0, 60)).toContain(text);
    expect(found.headers['cache-control'], path.slice(0, 60)).toBe('no-store');
    expect(found.headers['x-robots-tag']).toBe('noindex');
    expect(found.doc.querySelectorAll('.search-list > li')).toHaveLength(0);
  }
  // In a browser: the page, not an error page; the form keeps the first 100 characters.
  const response = await page.goto(cari(huge));
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 2, name: 'Pencarian ini tidak dapat dijalankan' })).toBeVisible();
  expect((await page.getByRole('searchbox', { name: 'Cari berita' }).last().inputValue()).length).toBe(100);
});

test('not indexed, cached a minute by shared caches', async ({ page }) => {
  const found = await searchPage(page, cari('bangun'));
  expect(found.headers['x-robots-tag']).toBe('noindex');
  expect(found.headers['cache-control']).toBe('public, max-age=0, s-maxage=60');
  expect(found.doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toContain('noindex');
  const empty = await searchPage(page, '/id/cari');
  expect(empty.headers['cache-control']).toBe('public, max-age=0, s-maxage=60');
  expect(empty.doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toContain('noindex');
});

test('the header’s search box, with JavaScript', async ({ page, isMobile }) => {
  await page.goto('/id');
  await waitForHydration(page);
  const header = page.getByRole('banner').getByRole('search', { name: 'Cari berita' });
  if (isMobile) {
    // On a phone the header has the button alone: it opens the search page, ready to type.
    await expect(header.getByRole('searchbox')).toBeHidden();
    await header.getByRole('button', { name: 'Cari' }).click();
    await expect(page).toHaveURL(/\/id\/cari\?q=$/);
    const field = page.locator('#page-search-q');
    await expect(field).toBeFocused();
    await field.fill('kerjasama');
    await field.press('Enter');
  } else {
    await header.getByRole('searchbox', { name: 'Cari berita' }).fill('kerjasama');
    await header.getByRole('button', { name: 'Cari' }).click();
  }
  await expect(page).toHaveURL(/\/id\/cari\?q=kerjasama$/);
  await expect(page.getByRole('link', { name: 'Kerjasama Pelabuhan Tanjung Priok dan Rotterdam Diperpanjang Lima Tahun' })).toBeVisible();
});

test('the drawer’s search box, with JavaScript', async ({ page }) => {
  await page.goto('/en');
  const menu = await waitForHydration(page);
  await menu.click();
  const dialog = page.getByRole('dialog', { name: 'Menu' });
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole('searchbox', { name: 'Search the news' });
  await field.fill('cooperation');
  await field.press('Enter');
  await expect(page).toHaveURL(/\/en\/search\?q=cooperation$/);
  await expect(page.getByRole('heading', { level: 2, name: /results? for “cooperation”/ })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the drawer’s box and the search page’s form submit, and the results come back', async ({ page, hasTouch }) => {
    await page.goto('/id');
    const label = page.locator('label.menu-button');
    if (hasTouch) await label.tap();
    else await label.click();
    const drawer = page.locator('#site-drawer');
    await expect(drawer).toBeVisible();
    const field = drawer.getByRole('searchbox', { name: 'Cari berita' });
    await field.fill('bekerja sama');
    await field.press('Enter');
    await expect(page).toHaveURL(/\/id\/cari\?q=bekerja\+sama$/);
    await expect(page.getByRole('link', { name: 'Petani Kopi Temanggung Bekerja Sama dengan Kampus untuk Irigasi Tetes' })).toBeVisible();

    const form = page.locator('.search-form-page');
    await form.getByRole('searchbox').fill('bangun');
    await form.getByRole('button', { name: 'Cari' }).click();
    await expect(page).toHaveURL(/\/id\/cari\?q=bangun$/);
    await expect(page.getByRole('link', { name: 'Nelayan Muncar Bangun Sebelum Subuh untuk Mengejar Lemuru' })).toBeVisible();
  });

  test('the header’s box submits on a desktop', async ({ page, isMobile }) => {
    test.skip(isMobile, 'on a phone the header has the button alone (the test with JavaScript follows it)');
    await page.goto('/en');
    const header = page.getByRole('banner');
    await header.getByRole('searchbox', { name: 'Search the news' }).fill('cooperate');
    await header.getByRole('searchbox', { name: 'Search the news' }).press('Enter');
    await expect(page).toHaveURL(/\/en\/search\?q=cooperate$/);
    await expect(page.getByRole('link', { name: 'Tanjung Priok and Rotterdam Port Operators Agree to Cooperate for Five More Years' })).toBeVisible();
  });
});

test('on a 390 px phone nothing is wider than the screen, and the header stays one row', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [cari('pembangunan'), cari('x'.repeat(300)), '/id/cari', '/id']) {
    await page.goto(path);
    const { scrollWidth, headerHeight } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      headerHeight: document.querySelector('.site-header')!.getBoundingClientRect().height,
    }));
    expect(scrollWidth, path.slice(0, 40)).toBeLessThanOrEqual(390);
    expect(headerHeight, path.slice(0, 40)).toBeLessThan(80);
  }
});

for (const [name, path] of [
  ['results (id)', cari('pembangunan')],
  ['results (en)', '/en/search?q=cooperation'],
  ['empty form', '/id/cari'],
  ['no results', cari('zzyzx')],
  ['refused (400)', cari('x'.repeat(200))],
] as const) {
  test(`axe: ${name}`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);
    const { violations } = await new AxeBuilder({ page }).withTags(axeTags).analyze();
    expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
  });
}
