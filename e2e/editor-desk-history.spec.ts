import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from './support/server';
import { freePort } from './support/tools';
import { deskUser, expectNoViolations, signedIn } from './support/desk';

// The desk's history (issue 23): revisions with a word diff between any two, restoring one into
// the form, who else has a story open, two editors saving one story, and the audit log with
// publishes from the desk and from `npm run publish`. On a 390 px phone, against the production
// build, with accounts made by `npm run desk:user` in the DESK_DB the server reads.

test.describe.configure({ mode: 'serial' });

const execFileAsync = promisify(execFile);
const root = path.resolve(__dirname, '..');
const run = `h${Date.now().toString(36)}`;
const stamp = run.slice(-6);
const ayu = { email: `ayu-${run}@kabar.test`, name: `Ayu ${stamp}`, password: 'ayu password for the history run' };
const budi = { email: `budi-${run}@kabar.test`, name: `Budi ${stamp}`, password: 'budi password for the history run' };
const reporter = { email: `rina-${run}@kabar.test`, name: `Rina ${stamp}`, password: 'rina password for the history run' };

const title = `Riwayat Meja ${stamp}`;
const slug = `riwayat-meja-${stamp}`;
const editPath = `/desk/stories/id/${slug}/edit`;

const body = (page: Page) => page.getByLabel('Isi berita (Markdown)');
const revisionRows = (page: Page) => page.locator('.desk-revisions li');

test('two editors and a reporter are made with npm run desk:user', () => {
  for (const [account, role] of [
    [ayu, 'editor'],
    [budi, 'editor'],
    [reporter, 'reporter'],
  ] as const) {
    const added = deskUser(['add', '--email', account.email, '--role', role, '--name', account.name], account.password);
    expect(added.out).toContain(`Added ${account.email} (${role}).`);
    expect(added.status).toBe(0);
  }
});

test('revisions: the word diff of two saves shows the changed words, marked for every reader, and markup stays text', async ({ browser }) => {
  const { context, page } = await signedIn(browser, ayu);
  await page.goto('/desk/stories/new');
  await page.getByLabel('Judul', { exact: true }).fill(title);
  await page.getByLabel('Rubrik').selectOption('world');
  await page.getByLabel('Ringkasan').fill('Air naik di utara kota.');
  await page.getByLabel('Nama sumber').fill('Kabar Kini');
  await body(page).fill('Korban tercatat 10 orang di utara kota.\n\nHujan turun sejak pagi.');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page).toHaveURL(new RegExp(`${editPath}\\?done=save$`));

  await page.getByLabel('Judul', { exact: true }).fill(`${title} Besar`);
  await body(page).fill('Korban tercatat 12 orang di utara kota.\n\nHujan turun sejak pagi. <b>tebal</b>');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Draf tersimpan.');
  await expect(revisionRows(page)).toHaveCount(2);

  await page.getByRole('link', { name: 'Bandingkan revisi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Revisi berita' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const [newer, older] = [await rows.nth(0).getAttribute('data-revision'), await rows.nth(1).getAttribute('data-revision')];
  // Who, which button, when.
  await expect(rows.nth(0).locator('th')).toContainText(`#${newer}`);
  await expect(rows.nth(0).locator('th')).toContainText(`${ayu.email} · menyimpan draf`);
  await expect(rows.nth(0).locator('th time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  // By default, the latest two: from the older to the newer.
  await expect(page.getByRole('heading', { level: 2, name: `Perubahan dari revisi #${older} ke revisi #${newer}` })).toBeVisible();
  const bodyDiff = page.locator('[data-field="body"] .desk-diff-text');
  await expect(bodyDiff.locator('del')).toHaveText(['[dihapus: 10]']);
  await expect(bodyDiff.locator('ins')).toHaveText(['[ditambahkan: 12]', '[ditambahkan:  <b>tebal</b>]']);
  await expect(bodyDiff.locator('b'), 'typed markup stays text').toHaveCount(0);
  await expect(page.locator('[data-field="title"] ins')).toHaveText('[ditambahkan:  Besar]');
  // The words of the markers are hidden from sight, not from screen readers; the change is not told by colour alone.
  const marker = bodyDiff.locator('del .desk-vh').first();
  expect(await marker.evaluate((el) => getComputedStyle(el).clipPath)).toBe('inset(50%)');
  expect(await bodyDiff.locator('del').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
  expect(await bodyDiff.locator('ins').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('underline');
  await expect(page.getByText('Tidak berubah:')).toContainText('Ringkasan');
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Any two, picked with the radio buttons: the other way round.
  await page.getByLabel(`Bandingkan dari revisi #${newer}`).check();
  await page.getByLabel(`Bandingkan ke revisi #${older}`).check();
  await page.getByRole('button', { name: 'Bandingkan' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${newer}&to=${older}`));
  await expect(bodyDiff.locator('del')).toHaveText(['[dihapus: 12]', '[dihapus:  <b>tebal</b>]']);
  await expect(bodyDiff.locator('ins')).toHaveText(['[ditambahkan: 10]']);
  await context.close();
});

test('the revisions page works without JavaScript, and restoring one loads it into the form unsaved, then saves it as a new revision', async ({ browser }) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await noScript.newPage();
  await page.goto('/desk/login');
  await page.getByLabel('Alamat e-mail').fill(ayu.email);
  await page.getByLabel('Kata sandi').fill(ayu.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await page.goto(`/desk/stories/id/${slug}/revisions`);
  const rows = page.locator('tbody tr');
  const older = await rows.nth(1).getAttribute('data-revision');
  const newer = await rows.nth(0).getAttribute('data-revision');
  await page.getByLabel(`Bandingkan dari revisi #${newer}`).check();
  await page.getByLabel(`Bandingkan ke revisi #${older}`).check();
  await page.getByRole('button', { name: 'Bandingkan' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Perubahan dari revisi #${newer} ke revisi #${older}` })).toBeVisible();

  await page.getByRole('link', { name: `Pulihkan #${older} ke formulir` }).click();
  await expect(page).toHaveURL(new RegExp(`${editPath}\\?from=${older}$`));
  await expect(page.locator('p.desk-note')).toHaveText(
    `Revisi #${older} dimuat ke formulir dan belum disimpan. Periksa, lalu simpan untuk menjadikannya revisi baru; tidak ada yang diterbitkan sebelum Anda memilih tombolnya.`,
  );
  await expect(body(page)).toHaveValue('Korban tercatat 10 orang di utara kota.\n\nHujan turun sejak pagi.');
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(title);
  await expect(revisionRows(page), 'nothing saved by restoring').toHaveCount(2);
  await expect(page.locator('.desk-story-form .desk-state'), 'still a draft').toHaveText('Draf');
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Draf tersimpan.');
  await expect(body(page)).toHaveValue('Korban tercatat 10 orang di utara kota.\n\nHujan turun sejak pagi.');
  await expect(revisionRows(page), 'the restore is a new revision; the others stay').toHaveCount(3);
  await noScript.close();
});

test('two editors on one story see each other, and the second save gets the conflict view with nothing lost', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await signedIn(browser, ayu);
  const b = await signedIn(browser, budi);
  await a.page.goto(editPath);
  await expect(a.page.locator('.desk-presence [role="status"]')).toHaveText('Tidak ada orang lain yang membuka berita ini sekarang.');
  await b.page.goto(editPath);
  // In the page as served (no script needed): Ayu, by name and address, since when.
  await expect(b.page.locator('.desk-presence [role="status"]')).toHaveText(new RegExp(`^Juga membuka: Ayu ${stamp} \\(${ayu.email.replace(/\./g, '\\.')}\\) \\(sejak \\d{1,2}[.:]\\d{2}\\)\\.$`));
  // Ayu's page learns of Budi from its heartbeat (every 15 s), without a reload.
  await expect(a.page.locator('.desk-presence [role="status"]')).toContainText(`Juga membuka: Budi ${stamp} (${budi.email})`, { timeout: 40_000 });

  await body(a.page).fill('Teks versi Ayu.');
  await a.page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(a.page.locator('p.desk-note')).toHaveText('Draf tersimpan.');
  await body(b.page).fill('Teks versi Budi.');
  await b.page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(b.page.getByRole('heading', { level: 2, name: 'Orang lain mengubah berita ini' })).toBeVisible();
  await expect(b.page.locator('.desk-theirs')).toContainText('Teks versi Ayu.');
  await expect(body(b.page), 'Budi’s text is kept in the form').toHaveValue('Teks versi Budi.');
  await expect(b.page.locator('.desk-presence [role="status"]')).toContainText(`Ayu ${stamp}`);
  await expectNoViolations(b.page);
  // Ayu's save is the story now.
  await a.page.goto(editPath);
  await expect(body(a.page)).toHaveValue('Teks versi Ayu.');
  await a.context.close();
  await b.context.close();
});

test('the presence heartbeat answers only the desk’s own pages, signed in, in JSON', async ({ browser, request }) => {
  const signedOut = await request.post('/api/desk/presence', { data: { file: `id/${slug}.md` } });
  expect(signedOut.status()).toBe(401);
  const { context, page } = await signedIn(browser, budi);
  const crossSite = await page.request.post('/api/desk/presence', { data: { file: `id/${slug}.md` }, headers: { 'Sec-Fetch-Site': 'cross-site' } });
  expect(crossSite.status()).toBe(403);
  const asForm = await page.request.post('/api/desk/presence', { form: { file: `id/${slug}.md` } });
  expect(asForm.status()).toBe(415);
  const bad = await page.request.post('/api/desk/presence', { data: { file: '../../etc/passwd' } });
  expect(bad.status()).toBe(400);
  const ok = await page.request.post('/api/desk/presence', { data: { file: `id/${slug}.md` } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()['cache-control']).toBe('private, no-store');
  expect(((await ok.json()) as { others: { email: string }[] }).others.map((p) => p.email)).not.toContain(budi.email);
  await context.close();
});

test('the audit log lists a desk publish and an npm run publish with who, what and when; an editor filters it', async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await signedIn(browser, ayu);
  await page.goto(editPath);
  await page.getByRole('button', { name: 'Terbitkan sekarang' }).click();
  await expect(page.locator('p.desk-note')).toHaveText('Diterbitkan.');

  // npm run publish, as the README has it, against a server of this test's own on a copy of the
  // e2e content (the others' server has no REVALIDATE_SECRET), sharing the desk's DESK_DB.
  const secret = 'e2e-history-revalidate-secret-0123456789abcdef';
  const store = mkdtempSync(path.join(tmpdir(), 'kabar-history-store-'));
  const drafts = mkdtempSync(path.join(tmpdir(), 'kabar-history-drafts-'));
  cpSync(process.env.E2E_CONTENT_DIR ?? path.join(root, 'content'), store, { recursive: true });
  let server: TestServer | undefined;
  const cliSlug = `terbit-cli-${stamp}`;
  try {
    server = await startServer({ port: await freePort(), env: { CONTENT_DIR: store, REVALIDATE_SECRET: secret } });
    const at = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const file = path.join(drafts, 'cli.md');
    writeFileSync(
      file,
      `---\ntranslationId: ${cliSlug}\nslug: ${cliSlug}\nlocale: id\ntitle: "Terbit dari CLI ${stamp}"\nsummary: "Ringkasan."\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: published\n---\nIsi.\n`,
    );
    const published = await execFileAsync('npm', ['run', '-s', 'publish', '--', file], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: store, REVALIDATE_SECRET: secret, SITE_URL: server.url, PUBLISH_LOCK_WAIT_MS: '' },
    });
    expect(published.stdout).toContain('acknowledged');
    expect(published.stderr, 'the audit was written: no warning').not.toContain('audit log');
  } finally {
    await server?.stop();
    rmSync(store, { recursive: true, force: true });
    rmSync(drafts, { recursive: true, force: true });
  }

  await page.getByRole('link', { name: 'Log audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log audit' })).toBeVisible();
  const desk = page.locator(`.desk-audit li[data-actor="${ayu.email}"][data-action="story.publish"]`, { hasText: `id/${slug}.md` });
  await expect(desk).toHaveCount(1);
  await expect(desk.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  const cli = page.locator('.desk-audit li[data-actor="cli"][data-action="story.publish"]', { hasText: `id/${cliSlug}.md` });
  await expect(cli).toHaveCount(1);
  await expect(cli).toContainText(/npm run publish by OS user \S+@\S+/);
  // Newest first: the command's publish came after the desk's.
  const order = await page.locator('.desk-audit li').evaluateAll((items, targets) => targets.map((t) => items.findIndex((li) => li.textContent!.includes(t))), [`id/${cliSlug}.md`, `id/${slug}.md`]);
  expect(order[0]).toBeLessThan(order[1]!);
  await expectNoViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The notification the command sent, as the server received it.
  await page.goto('/desk/audit?actor=webhook');
  await expect(page.locator('.desk-audit li[data-action="content.notify"]', { hasText: `id/${cliSlug}.md` })).toContainText(/sent by: npm run publish \(\S+@\S+\); signed with key sha256:[0-9a-f]{8}/);

  // Filters, by the form: the command's entries only.
  await page.goto('/desk/audit');
  await page.getByLabel('Pelaku').fill('cli');
  await page.getByLabel('Tindakan').selectOption('story.');
  await page.getByLabel('Sasaran').fill(cliSlug);
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await expect(page).toHaveURL(/[?&]actor=cli/);
  await expect(page.locator('.desk-audit li')).toHaveCount(1);
  await expect(page.locator('.desk-audit li')).toContainText(`id/${cliSlug}.md`);
  await expectNoViolations(page);
  await context.close();
});

test('a reporter cannot open the audit log', async ({ browser }) => {
  const { context, page } = await signedIn(browser, reporter);
  await expect(page.getByRole('link', { name: 'Log audit' })).toHaveCount(0);
  await page.goto('/desk/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Tidak diizinkan' })).toBeVisible();
  await expect(page.locator('.desk-audit li')).toHaveCount(0);
  expect(await page.content()).not.toContain(ayu.email);
  await context.close();
});
