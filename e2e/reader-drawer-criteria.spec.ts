import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './support/hydration';

// Acceptance criteria of docs/decisions/003-drawer-progressive-enhancement.md that
// e2e/reader-drawer.spec.ts does not reach: the English keyboard order both ways, the no-JavaScript
// checkbox where a keyboard reader meets it, the backdrop without JavaScript, and a reader who opens
// the drawer while the page's script is still on its way.

const EN = {
  home: '/en',
  close: 'Close',
  order: ['Close', 'Search the news', 'Search', 'Home', 'Latest News', 'Technology', 'World', 'Business', 'Baca dalam Bahasa Indonesia'],
};

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim() : '';
  });

/** Waits for the drawer's slide to end (a click during it can miss the moving panel). */
async function untilStill(page: Page) {
  await page.locator('#site-drawer').evaluate((el) => Promise.all(el.getAnimations().map((animation) => animation.finished)));
}

test('English: Tab walks the drawer in order and wraps; Shift+Tab walks all of it back', async ({ page }) => {
  await page.goto(EN.home);
  const menu = await waitForHydration(page);
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
  await untilStill(page);
  await expect(page.getByRole('button', { name: EN.close, exact: true })).toBeFocused();

  const forward = [await focusedName(page)];
  for (let i = 0; i < EN.order.length; i++) {
    await page.keyboard.press('Tab');
    forward.push(await focusedName(page));
  }
  expect(forward).toEqual([...EN.order, EN.close]);

  const backward = [await focusedName(page)];
  for (let i = 0; i < EN.order.length; i++) {
    await page.keyboard.press('Shift+Tab');
    backward.push(await focusedName(page));
  }
  expect(backward).toEqual([EN.close, ...[...EN.order].reverse()]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Menu checkbox comes right after the site name (and the inline sections), not checked', async ({ page }) => {
    await page.goto(EN.home);
    const checkbox = page.getByRole('checkbox', { name: 'Menu' });
    await expect(checkbox).not.toBeChecked();
    await expect(checkbox).toHaveAttribute('aria-controls', 'site-drawer');
    const visibleInlineSections = await page.locator('.inline-sections a').evaluateAll((links) => links.filter((a) => a.getClientRects().length > 0).length);

    const stops: string[] = [];
    for (let i = 0; i < 8 && !(await checkbox.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
      stops.push(await focusedName(page));
    }
    await expect(checkbox, 'the checkbox is reached with Tab').toBeFocused();
    const brand = stops.indexOf('Kabar Kini, go to the home page');
    expect(brand, `Tab stops: ${stops.join(' | ')}`).toBeGreaterThanOrEqual(0);
    // After the site name: the inline sections where the screen shows them, then the checkbox (the
    // header's search box comes after it, at the bar's end).
    expect(stops.slice(brand + 1), `Tab stops: ${stops.join(' | ')}`).toEqual([
      ...['Technology', 'World', 'Business'].slice(0, visibleInlineSections),
      'Menu',
    ]);
  });

  test('a click or tap on the backdrop closes the drawer', async ({ page, hasTouch }) => {
    await page.goto(EN.home);
    const drawer = page.locator('#site-drawer');
    const menuLabel = page.locator('label.menu-button');
    if (hasTouch) await menuLabel.tap();
    else await menuLabel.click();
    await expect(drawer).toBeVisible();
    await untilStill(page);
    const box = (await drawer.boundingBox())!;
    expect(box.x, 'the drawer leaves some backdrop to tap').toBeGreaterThan(20);
    const point = { x: Math.floor(box.x / 2), y: Math.floor(page.viewportSize()!.height / 2) };
    const url = page.url();
    if (hasTouch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
    await expect(drawer).toBeHidden();
    // Closed by the backdrop, not by a click that went through to a link of the page behind.
    expect(page.url()).toBe(url);
    await expect(page.getByRole('checkbox', { name: 'Menu' })).not.toBeChecked();
  });
});

test('on a slow network the drawer opens before the script runs, and works after it does', async ({ page, hasTouch }) => {
  // The drawer's script is the page's last element (decision 020). A slow network delivers the page
  // up to there first: served here without it, and the script run once the drawer is open.
  const html = await (await page.request.get(EN.home)).text();
  const last = html.match(/<script>((?:(?!<\/script>)[\s\S])*)<\/script><\/body>/);
  expect(last, 'the page ends with the drawer\'s inline script').toBeTruthy();
  await page.route((url) => url.pathname === EN.home, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html.replace(last![0], '</body>') }),
  );
  await page.goto(EN.home);
  const drawer = page.locator('#site-drawer');
  const menuLabel = page.locator('label.menu-button');
  await expect(menuLabel, 'no script yet: the no-JavaScript Menu label').toBeVisible();
  if (hasTouch) await menuLabel.tap();
  else await menuLabel.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('link', { name: 'World', exact: true })).toBeInViewport();

  await page.addScriptTag({ content: last![1] });
  const menu = await waitForHydration(page);
  // What the reader sees and what the Menu button announces agree, and the drawer still closes
  // and opens.
  await untilStill(page);
  const visible = await drawer.isVisible();
  await expect(menu).toHaveAttribute('aria-expanded', String(visible));
  if (visible) {
    await page.getByRole('button', { name: EN.close, exact: true }).click();
    await expect(drawer).toBeHidden();
  }
  await menu.click();
  await expect(drawer).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
});
