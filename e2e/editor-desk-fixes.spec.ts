import { expect, test } from '@playwright/test';
import { deskUser, signedIn } from './support/desk';

// What a reviewer found the desk let a reporter do, on the production build at 390 px: replace a
// live story by renaming a draft onto its slug, take a live story off the site with a forged
// "save", crash the story route with an odd `file`, and load another story's refused attempt
// into a story's form. Accounts made with `npm run desk:user`, unique per run.

test.describe.configure({ mode: 'serial' });

const run = `f${Date.now().toString(36)}`;
const stamp = run.slice(-5);
const reporter = { email: `reporter-${run}@kabar.test`, password: 'reporter password for the fixes run' };
const editor = { email: `editor-${run}@kabar.test`, password: 'editor password for the fixes run' };
const liveTitle = `Berita Tayang ${stamp}`;
const liveSlug = `berita-tayang-${stamp}`;
const draftTitle = `Draf Reporter ${stamp}`;
const draftSlug = `draf-reporter-${stamp}`;

test('accounts for the run', () => {
  for (const [account, role] of [
    [reporter, 'reporter'],
    [editor, 'editor'],
  ] as const) {
    const added = deskUser(['add', '--email', account.email, '--role', role], account.password);
    expect(added.out).toContain(`Added ${account.email} (${role}).`);
  }
});

test('a reporter cannot replace, or take off the site, a live story; odd posts get 400, not 500', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const ed = await signedIn(browser, editor);
  await ed.page.goto('/desk/stories/new');
  await ed.page.getByLabel('Judul', { exact: true }).fill(liveTitle);
  await ed.page.getByLabel('Rubrik').selectOption('world');
  await ed.page.getByLabel('Ringkasan').fill('Ringkasan berita yang sudah tayang.');
  await ed.page.getByLabel('Nama sumber').fill('Kabar Kini');
  await ed.page.getByLabel('Isi berita (Markdown)').fill('Isi berita yang sudah tayang.');
  await ed.page.getByRole('button', { name: 'Terbitkan sekarang' }).click();
  await expect(ed.page.locator('p.desk-note')).toHaveText('Diterbitkan.');
  await ed.context.close();
  await expect.poll(async () => (await request.get(`/id/berita/${liveSlug}`)).status(), { timeout: 10_000 }).toBe(200);

  const { context, page } = await signedIn(browser, reporter);
  await page.goto('/desk/stories/new');
  await page.getByLabel('Judul', { exact: true }).fill(draftTitle);
  await page.getByLabel('Rubrik').selectOption('world');
  await page.getByLabel('Ringkasan').fill('Ringkasan draf reporter.');
  await page.getByLabel('Nama sumber').fill('Kabar Kini');
  await page.getByLabel('Isi berita (Markdown)').fill('Isi draf reporter.');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/stories/id/${draftSlug}/edit\\?done=save$`));

  // Renamed onto the live story's slug and id: refused next to the slug field, the live story stays.
  await page.getByLabel('Slug (nama URL)').fill(liveSlug);
  await page.getByLabel('ID berita (sama untuk semua bahasanya)').fill(liveSlug);
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/stories/id/${draftSlug}/edit\\?outcome=invalid&action=save&attempt=\\d+$`));
  await expect(page.locator('#slug-error')).toContainText(`is already used by id/${liveSlug}.md`);
  const attempt = new URL(page.url()).searchParams.get('attempt')!;
  expect((await request.get(`/id/berita/${liveSlug}`)).status(), 'the live story is still live').toBe(200);

  // That attempt is not loaded into the live story's form.
  await page.goto(`/desk/stories/id/${liveSlug}/edit?attempt=${attempt}`);
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(liveTitle);
  await expect(page.locator('#slug-error')).toHaveCount(0);

  // A forged "save" of the live story (the form shows no such button to a reporter): 403.
  const base = await page.locator('input[name="base"]').first().inputValue();
  const forged = await page.request.post('/api/desk/stories', {
    form: { action: 'save', file: `id/${liveSlug}.md`, base, title: liveTitle, locale: 'id', section: 'world', summary: 'x', sourceName: 'x', body: 'x' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect((await request.get(`/id/berita/${liveSlug}`)).status(), 'still live after the forged save').toBe(200);

  for (const file of ['en', 'x', 'id/', '../etc/passwd']) {
    const odd = await page.request.post('/api/desk/stories', { form: { action: 'save', file, base: '', title: 'x', locale: 'id' }, maxRedirects: 0 });
    expect(odd.status(), file).toBe(400);
    const autosave = await page.request.post('/api/desk/autosave', { form: { file, base: '', title: 'x', locale: 'id' }, maxRedirects: 0 });
    expect(autosave.status(), `autosave ${file}`).toBeLessThan(500);
  }
  await context.close();
});
