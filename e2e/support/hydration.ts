import type { Locator, Page } from '@playwright/test';

/**
 * How long a page may take to hydrate. Generous on purpose: on a loaded 2-core machine the
 * drawer's script has been seen to take over 10 s, and a test must not fail because the machine
 * is busy. A page that never hydrates still fails, with the reason below.
 */
export const HYDRATION_TIMEOUT = 45_000;

/**
 * Waits until the page is hydrated: the drawer's no-JavaScript label has become a real "Menu"
 * button (components/SiteMenu.tsx switches on mount). Returns that button.
 *
 * Every test that needs the page's JavaScript waits through here, so a page that never hydrates
 * fails with one clear message (where, and what the page looked like) instead of a timeout on
 * whatever the test happened to click first.
 */
export async function waitForHydration(page: Page, menuLabel = 'Menu', timeout = HYDRATION_TIMEOUT): Promise<Locator> {
  const menu = page.getByRole('button', { name: menuLabel, exact: true });
  try {
    await menu.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const state = await page
      .evaluate(() => ({
        readyState: document.readyState,
        lang: document.documentElement.lang,
        noScriptToggle: !!document.querySelector('#site-menu-toggle'),
        scripts: document.scripts.length,
        title: document.title,
      }))
      .catch((e: Error) => ({ unavailable: e.message }));
    throw new Error(
      `The page at ${page.url()} did not hydrate within ${timeout / 1000} s: the drawer's "${menuLabel}" ` +
        `label never became a button, so the site's JavaScript did not run (or crashed). ` +
        `Page state: ${JSON.stringify(state)}. Cause: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return menu;
}
