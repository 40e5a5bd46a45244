import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

// What every desk spec does: make accounts as an operator does, sign in as an editor does, and
// check a view with axe.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

/** `npm run desk:user -- …` with DESK_PASSWORD, as an operator runs it. */
export function deskUser(args: string[], password?: string) {
  const result = spawnSync('npm', ['run', '-s', 'desk:user', '--', ...args], {
    env: { ...process.env, DESK_PASSWORD: password ?? '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Signs in on /desk/login with the keyboard alone: Enter in the password field sends the form. */
export async function signIn(page: Page, { email, password }: { email: string; password: string }) {
  await page.goto('/desk/login');
  await page.getByLabel('Alamat e-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByLabel('Kata sandi').press('Enter');
  await page.waitForLoadState('domcontentloaded');
}

/** A new 390 px phone context signed in as `account`, on the story list. */
export async function signedIn(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, account);
  await expect(page).toHaveURL(/\/desk$/);
  return { context, page };
}

/** No axe violations on the page as it is, frames included unless `exclude` names them. */
export async function expectNoViolations(page: Page, { exclude }: { exclude?: string } = {}) {
  const builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (exclude) builder.exclude(exclude);
  const { violations } = await builder.analyze();
  expect(violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
}
