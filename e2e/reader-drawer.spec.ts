import { expect, test, type Locator, type Page } from '@playwright/test';
import { waitForHydration } from './support/hydration';

// The menu/close drawer (components/SiteMenu.tsx), driven the ways readers drive it: mouse, touch,
// keyboard, and with JavaScript off. The accessibility acceptance criteria tested here are written
// down in docs/decisions/003-drawer-progressive-enhancement.md.

const readers = {
  id: {
    home: '/id',
    article: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global',
    menu: 'Menu',
    close: 'Tutup',
    title: 'Menu',
    homeLink: 'Beranda',
    latestLink: 'Berita Terbaru',
    sections: [
      { label: 'Teknologi', path: '/id/rubrik/teknologi' },
      { label: 'Dunia', path: '/id/rubrik/dunia' },
      { label: 'Ekonomi', path: '/id/rubrik/ekonomi' },
    ],
    languageSwitch: { label: 'Read in English', lang: 'en', path: '/en' },
    search: { label: 'Cari berita', submit: 'Cari' },
    articleInOtherLanguage: '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
  },
  en: {
    home: '/en',
    article: '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
    menu: 'Menu',
    close: 'Close',
    title: 'Menu',
    homeLink: 'Home',
    latestLink: 'Latest News',
    sections: [
      { label: 'Technology', path: '/en/section/technology' },
      { label: 'World', path: '/en/section/world' },
      { label: 'Business', path: '/en/section/business' },
    ],
    languageSwitch: { label: 'Baca dalam Bahasa Indonesia', lang: 'id', path: '/id' },
    search: { label: 'Search the news', submit: 'Search' },
    articleInOtherLanguage: '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global',
  },
} as const;

type Reader = (typeof readers)[keyof typeof readers];

function drawerControls(page: Page, reader: Reader = readers.id) {
  return {
    menu: page.getByRole('button', { name: reader.menu, exact: true }),
    close: page.getByRole('button', { name: reader.close, exact: true }),
    drawer: page.locator('#site-drawer'),
  };
}

/** Opens a page and waits until the drawer is hydrated (the Menu label has become a button). */
async function openPage(page: Page, path: string, reader: Reader = readers.id) {
  await page.goto(path);
  await waitForHydration(page, reader.menu);
  return drawerControls(page, reader);
}

/** A point on the backdrop: left of the drawer, which slides in from the right. */
async function backdropPoint(page: Page) {
  const box = await page.locator('#site-drawer').boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'the open drawer has a box').not.toBeNull();
  expect(box!.x, 'the drawer leaves some backdrop to tap').toBeGreaterThan(20);
  return { x: Math.floor(box!.x / 2), y: Math.floor(viewport.height / 2) };
}

/** Waits for the drawer's slide to end: on a loaded machine a click during it can miss the moving panel. */
async function untilStill(drawer: Locator) {
  await drawer.evaluate((el) => Promise.all(el.getAnimations().map((animation) => animation.finished)));
}

async function expectClosed(menu: Locator, drawer: Locator) {
  await expect(drawer).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu, 'focus returns to the Menu button').toBeFocused();
}

/**
 * Lets a scroll that was started (wheel, gesture, key, and a fling's momentum) run to its end:
 * waits until scrollY has not moved for 300 ms (at most 5 s, on a loaded machine).
 */
async function settle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let last = window.scrollY;
        let stillSince = performance.now();
        const tick = () => {
          const now = performance.now();
          if (window.scrollY !== last) {
            last = window.scrollY;
            stillSince = now;
          }
          if (now - stillSince >= 300 || now - started > 5000) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** Roles that Chromium's accessibility tree (what a screen reader reads) exposes, not ignored. */
async function exposedRoles(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => String(n.role?.value ?? ''));
}

for (const [locale, reader] of Object.entries(readers)) {
  test.describe(`drawer (${locale})`, () => {
    test('the Menu button says what it controls and whether it is open', async ({ page }) => {
      const { menu, close, drawer } = await openPage(page, reader.home, reader);
      await expect(menu).toHaveText(reader.menu);
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(menu).toHaveAttribute('aria-haspopup', 'dialog');
      const controlled = await menu.getAttribute('aria-controls');
      expect(controlled).toBeTruthy();
      await expect(page.locator(`[id="${controlled}"]`)).toHaveCount(1);
      await expect(drawer).toHaveAttribute('id', controlled!);
      await expect(drawer).toBeHidden();

      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      const dialog = page.getByRole('dialog', { name: reader.title });
      await expect(dialog).toBeVisible();
      await expect(dialog).toHaveAttribute('aria-modal', 'true');
      await expect(close).toBeFocused();
      await expect(close).toHaveText(reader.close);

      // What a screen reader finds in the open drawer, in reading (and Tab) order.
      await expect(dialog).toMatchAriaSnapshot(`
        - dialog "${reader.title}":
          - button "${reader.close}"
          - searchbox "${reader.search.label}"
          - button "${reader.search.submit}"
          - navigation "${reader.title}":
            - list:
              - listitem:
                - link "${reader.homeLink}"
              - listitem:
                - link "${reader.latestLink}"
            - list:
              - listitem:
                - link "${reader.sections[0].label}"
              - listitem:
                - link "${reader.sections[1].label}"
              - listitem:
                - link "${reader.sections[2].label}"
            - list:
              - listitem:
                - link "${reader.languageSwitch.label}"
      `);
      const sw = dialog.getByRole('link', { name: reader.languageSwitch.label });
      await expect(sw).toHaveAttribute('lang', reader.languageSwitch.lang);
      await expect(sw).toHaveAttribute('hreflang', reader.languageSwitch.lang);
      await expect(sw).toHaveAttribute('href', reader.languageSwitch.path);
    });
  });
}

test.describe('drawer by mouse', () => {
  test('opens with Menu; closes with Close and with a click on the backdrop', async ({ page }) => {
    const { menu, close, drawer } = await openPage(page, readers.id.article);
    await menu.click();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    await expect(close).toBeFocused();
    await close.click();
    await expectClosed(menu, drawer);

    await menu.click();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    const point = await backdropPoint(page);
    await page.mouse.click(point.x, point.y);
    await expectClosed(menu, drawer);
  });

  test('following a section link closes the drawer and opens the section', async ({ page }) => {
    const { menu, drawer } = await openPage(page, readers.en.article, readers.en);
    await menu.click();
    await expect(drawer).toBeVisible();
    // The new page always starts closed, so what counts is the page being left: record whether its
    // drawer was still open as it went (a page kept for the Back button would come back open).
    await page.evaluate(() =>
      addEventListener('pagehide', () => {
        const open = document.querySelector('#site-drawer')?.hasAttribute('data-open') || document.documentElement.hasAttribute('data-menu-open');
        sessionStorage.setItem('drawer-open-when-leaving', String(open));
      }),
    );
    await drawer.getByRole('link', { name: 'World' }).click();
    await expect(page).toHaveURL(/\/en\/section\/world$/);
    await expect(page.getByRole('heading', { level: 1, name: 'World' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('drawer-open-when-leaving')), 'the drawer closed before the page was left').toBe('false');
    await expect(page.locator('#site-drawer')).toBeHidden();
  });

  test('the "Latest News" link closes the drawer and moves to the list on the same page', async ({ page }) => {
    const { menu, drawer } = await openPage(page, readers.id.home);
    await menu.click();
    await drawer.getByRole('link', { name: readers.id.latestLink }).click();
    await expect(drawer).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page).toHaveURL(/\/id#latest$/);
    await expect(page.locator('main')).not.toHaveAttribute('inert');
    // Focus follows the link (not back to the Menu button, which would scroll back up).
    await expect(page.locator('#latest')).toBeFocused();
    await expect(page.locator('#latest-title')).toBeInViewport();
    const header = (await page.locator('.site-header').boundingBox())!;
    const title = (await page.locator('#latest-title').boundingBox())!;
    expect(title.y, 'the heading is not hidden under the sticky header').toBeGreaterThanOrEqual(header.y + header.height - 1);
  });

  test('the page behind neither scrolls nor is reachable while the drawer is open', async ({ page }) => {
    const { menu, close, drawer } = await openPage(page, readers.id.article);
    const viewport = page.viewportSize()!;
    await page.mouse.move(Math.floor(viewport.width / 4), Math.floor(viewport.height / 2));
    // Control: the same wheel scrolls the page while the drawer is closed.
    await page.mouse.wheel(0, 300);
    await expect.poll(() => scrollY(page)).toBeGreaterThan(0);
    await settle(page);
    const before = await scrollY(page);
    await expect(menu, 'the sticky header keeps Menu at hand').toBeInViewport();

    await menu.click();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    for (const selector of ['main', '.site-footer', '.skip-link', '.brand', '.inline-sections']) {
      await expect(page.locator(selector).first(), `${selector} is inert behind the drawer`).toHaveAttribute('inert', '');
    }
    const roles = await exposedRoles(page);
    expect(roles, 'the drawer is exposed').toContain('dialog');
    expect(roles, 'the page behind is hidden from assistive technology').not.toContain('main');
    expect(roles).not.toContain('contentinfo');

    const point = await backdropPoint(page);
    await page.mouse.move(point.x, point.y);
    await page.mouse.wheel(0, 600);
    await settle(page);
    expect(await scrollY(page), 'wheel over the backdrop').toBe(before);

    const box = (await drawer.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
    await page.mouse.wheel(0, 600);
    await settle(page);
    expect(await scrollY(page), 'wheel over the drawer').toBe(before);

    await expect(close).toBeFocused();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('End');
    await settle(page);
    expect(await scrollY(page), 'PageDown and End inside the drawer').toBe(before);

    await close.click();
    await expectClosed(menu, drawer);
    expect(await scrollY(page), 'the reader is where they were').toBe(before);
    await expect(page.locator('main')).not.toHaveAttribute('inert');
    expect(await exposedRoles(page)).toContain('main');
  });
});

test.describe('drawer by touch', () => {
  test.beforeEach(({ hasTouch }) => {
    test.skip(!hasTouch, 'this profile has no touch screen (the phone project taps)');
  });

  test('opens with a tap on Menu; closes with a tap on Close, on the backdrop and on a link', async ({ page }) => {
    const { menu, close, drawer } = await openPage(page, readers.id.home);
    await menu.tap();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    await expect(close).toBeFocused();
    await close.tap();
    await expectClosed(menu, drawer);

    await menu.tap();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    const point = await backdropPoint(page);
    await page.touchscreen.tap(point.x, point.y);
    await expectClosed(menu, drawer);

    await menu.tap();
    await drawer.getByRole('link', { name: readers.id.latestLink }).tap();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(/#latest$/);
    await expect(page.locator('#latest-title')).toBeInViewport();

    await menu.tap();
    await drawer.getByRole('link', { name: 'Ekonomi' }).tap();
    await expect(page).toHaveURL(/\/id\/rubrik\/ekonomi$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ekonomi' })).toBeVisible();
  });

  test('a swipe does not scroll the page behind the open drawer', async ({ page }) => {
    const { menu, drawer } = await openPage(page, readers.id.article);
    const cdp = await page.context().newCDPSession(page);
    const viewport = page.viewportSize()!;
    // A finger moving up the screen, as raw touch events (the way a phone delivers them).
    const swipe = async (x: number, y: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      for (let dy = 20; dy <= 300; dy += 20) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - dy }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };

    // Control: the same swipe scrolls the page while the drawer is closed.
    await swipe(Math.floor(viewport.width / 2), Math.floor(viewport.height * 0.75));
    await settle(page);
    const before = await scrollY(page);
    expect(before).toBeGreaterThan(0);
    await expect(menu, 'the sticky header keeps Menu at hand').toBeInViewport();

    await menu.tap();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    const point = await backdropPoint(page);
    await swipe(point.x, Math.floor(viewport.height * 0.75));
    await settle(page);
    expect(await scrollY(page), 'swipe on the backdrop').toBe(before);
    const box = (await drawer.boundingBox())!;
    await swipe(Math.floor(box.x + box.width / 2), Math.floor(box.y + box.height * 0.75));
    await settle(page);
    expect(await scrollY(page), 'swipe on the drawer').toBe(before);
  });
});

test.describe('drawer by keyboard', () => {
  /** Tabs from the top of the page until the Menu button has focus, as a keyboard reader would. */
  async function tabToMenu(page: Page, menu: Locator) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if (await menu.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error('the Menu button is not reachable with Tab');
  }

  const focusedName = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim() : '';
    });

  test('Enter opens; Tab and Shift+Tab cycle inside; Escape closes and focus returns', async ({ page }) => {
    const reader = readers.id;
    const { menu, close, drawer } = await openPage(page, reader.home);
    await tabToMenu(page, menu);
    await page.keyboard.press('Enter');
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    await expect(close).toBeFocused();

    const order = [
      reader.close,
      reader.search.label,
      reader.search.submit,
      reader.homeLink,
      reader.latestLink,
      ...reader.sections.map((s) => s.label),
      reader.languageSwitch.label,
    ];
    const seen: string[] = [await focusedName(page)];
    for (let i = 1; i <= order.length; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focusedName(page));
    }
    expect(seen, 'Tab walks the drawer in order and wraps to Close').toEqual([...order, reader.close]);

    const back: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focusedName(page));
    }
    expect(back, 'Shift+Tab from Close wraps to the last link').toEqual([reader.languageSwitch.label, reader.sections[2].label]);
    expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    await page.keyboard.press('Escape');
    await expectClosed(menu, drawer);

    await page.keyboard.press('Space');
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    await expect(close).toBeFocused();
    await page.keyboard.press('Enter');
    await expectClosed(menu, drawer);
  });

  test('Enter on a section link in the drawer follows it', async ({ page }) => {
    const reader = readers.en;
    const { menu, drawer } = await openPage(page, reader.home, reader);
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    await drawer.getByRole('link', { name: 'Technology' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/en\/section\/technology$/);
  });
});

test.describe('drawer motion', () => {
  const durations = (page: Page) =>
    page.evaluate(() =>
      ['#site-drawer', '.drawer-backdrop'].map((s) => getComputedStyle(document.querySelector(s)!).transitionDuration),
    );

  test('slides in when the reader accepts motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const { menu, drawer } = await openPage(page, readers.id.home);
    await menu.click();
    await expect(drawer).toBeVisible();
    await untilStill(drawer);
    for (const d of await durations(page)) expect(d).not.toMatch(/^0s$/);
  });

  test.describe('with reduced motion', () => {
    test.use({ reducedMotion: 'reduce' });

    test('opens and closes without a transition', async ({ page }) => {
      const { menu, close, drawer } = await openPage(page, readers.id.home);
      expect(await durations(page)).toEqual(['0s', '0s']);
      await menu.click();
      await expect(drawer).toBeVisible();
      await untilStill(drawer);
      expect(await durations(page)).toEqual(['0s', '0s']);
      await close.click();
      await expect(drawer).toBeHidden();
    });
  });
});

test.describe('drawer without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const [locale, reader] of Object.entries(readers)) {
    test(`opens with the Menu label, reaches every section and the language switch, closes with Close (${locale})`, async ({
      page,
      hasTouch,
    }) => {
      await page.goto(reader.article);
      const drawer = page.locator('#site-drawer');
      const menuLabel = page.locator('label.menu-button');
      const closeLabel = drawer.locator('label.close-button');
      await expect(menuLabel).toHaveText(reader.menu);
      await expect(drawer).toBeHidden();

      if (hasTouch) await menuLabel.tap();
      else await menuLabel.click();
      await expect(drawer).toBeVisible();
      await untilStill(drawer);
      await expect(page.getByRole('checkbox', { name: reader.menu })).toBeChecked();
      for (const section of reader.sections) {
        const link = drawer.getByRole('link', { name: section.label, exact: true });
        await expect(link).toBeInViewport();
        await expect(link).toHaveAttribute('href', section.path);
      }
      await expect(drawer.getByRole('link', { name: reader.languageSwitch.label })).toBeInViewport();
      await expect(drawer.getByRole('link', { name: reader.homeLink })).toBeInViewport();
      await expect(drawer.getByRole('link', { name: reader.latestLink })).toBeInViewport();

      await expect(closeLabel).toHaveText(reader.close);
      if (hasTouch) await closeLabel.tap();
      else await closeLabel.click();
      await expect(drawer).toBeHidden();

      if (hasTouch) await menuLabel.tap();
      else await menuLabel.click();
      // On an article the switch leads to the same story in the other language.
      await drawer.getByRole('link', { name: reader.languageSwitch.label }).click();
      await expect(page).toHaveURL(new RegExp(`${reader.articleInOtherLanguage}$`));
      await expect(page.locator('html')).toHaveAttribute('lang', reader.languageSwitch.lang);
    });
  }

  test('Space on the Menu checkbox opens it; Tab reaches every link; Space again closes it', async ({ page }) => {
    const reader = readers.id;
    await page.goto(reader.home);
    const drawer = page.locator('#site-drawer');
    const checkbox = page.getByRole('checkbox', { name: reader.menu });
    for (let i = 0; i < 12 && !(await checkbox.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(checkbox, 'the Menu checkbox is reachable with Tab').toBeFocused();
    await page.keyboard.press('Space');
    await expect(drawer).toBeVisible();
    await untilStill(drawer);

    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      names.push(await page.evaluate(() => ((document.activeElement as HTMLInputElement | null)?.labels?.[0] ?? document.activeElement)?.textContent?.trim() ?? ''));
    }
    expect(names).toEqual([
      reader.search.label,
      reader.search.submit,
      reader.homeLink,
      reader.latestLink,
      ...reader.sections.map((s) => s.label),
      reader.languageSwitch.label,
    ]);

    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+Tab');
    await expect(checkbox).toBeFocused();
    await page.keyboard.press('Space');
    await expect(drawer).toBeHidden();
  });
});
