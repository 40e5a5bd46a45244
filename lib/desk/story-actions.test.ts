import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore, TAKEDOWNS_FILE } from '@/lib/content/folder-store';
import { parseArticle } from '@/lib/content/parse';
import { publishToFolder } from '@/lib/publish/apply';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';
import type { DeskStore } from '@/lib/desk/store';
import { attemptErrors, DeskForbiddenError, isAttemptOf, isoSeconds, runStoryAction, storyFormPath, type StoryActionDeps } from '@/lib/desk/story-actions';
import { latestCorrectionNote } from '@/lib/desk/corrections';
import { emptyStoryFields, fieldsFromSource, sourceHash, type StoryFields } from '@/lib/desk/story-form';

const NOW = Date.parse('2026-12-06T04:00:00Z');
const reporter = { email: 'r@kabar.test', role: 'reporter' } as const;
const editor = { email: 'e@kabar.test', role: 'editor' } as const;

const story = (over: Partial<StoryFields> = {}): StoryFields => ({
  ...emptyStoryFields(),
  title: 'Banjir di Jakarta',
  locale: 'id',
  section: 'world',
  summary: 'Ringkasan banjir.',
  sourceName: 'Cnbc',
  body: 'Isi berita banjir.',
  ...over,
});

let dir: string;
let store: DeskStore;
let deps: StoryActionDeps;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'desk-actions-'));
  mkdirSync(path.join(dir, 'content', 'id'), { recursive: true });
  store = openSqliteDeskStore(':memory:', {});
  const folder = new FolderStore(path.join(dir, 'content'));
  deps = { store, now: NOW, read: (file) => (existsSync(path.join(dir, 'content', file)) ? readFileSync(path.join(dir, 'content', file), 'utf8') : undefined), publish: (request, check) => publishToFolder(request, { store: folder, check, now: NOW }) };
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = (file: string) => readFileSync(path.join(dir, 'content', file), 'utf8');

describe('story actions on the publish path', () => {
  it('a reporter saves a new draft: a draft file named from the headline, a revision and an audit entry', async () => {
    const result = await runStoryAction(reporter, { action: 'save', fields: story(), file: '', base: '' }, deps);
    expect(result).toMatchObject({ ok: true, file: 'id/banjir-di-jakarta.md' });
    const article = parseArticle('id/banjir-di-jakarta.md', stored('id/banjir-di-jakarta.md'));
    expect(article).toMatchObject({ status: 'draft', translationId: 'banjir-di-jakarta', publishedAt: isoSeconds(NOW) });
    expect((await store.listRevisions('id/banjir-di-jakarta')).map((r) => [r.actor, r.action])).toEqual([['r@kabar.test', 'save']]);
    expect(await store.listAudit()).toEqual([{ at: NOW, actor: 'r@kabar.test', action: 'story.save-draft', target: 'id/banjir-di-jakarta.md' }]);
  });

  it('a reporter may not publish, schedule or take down (the server says so), an editor may', async () => {
    for (const action of ['publish', 'schedule', 'takedown', 'restore', 'update', 'unschedule', 'correct'] as const) {
      await expect(runStoryAction(reporter, { action, fields: story(), file: '', base: '' }, deps)).rejects.toThrow(DeskForbiddenError);
    }
    const result = await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    expect(result.ok).toBe(true);
    expect(parseArticle('x', stored('id/banjir-di-jakarta.md')).status).toBe('published');
  });

  it('refuses a save made on a stale version, keeping what was typed; the stored story is untouched', async () => {
    await runStoryAction(reporter, { action: 'save', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const loaded = stored(file);
    const fields = fieldsFromSource(loaded);
    const theirs = await runStoryAction(editor, { action: 'save', fields: { ...fields, body: 'Their text.' }, file, base: sourceHash(loaded) }, deps);
    expect(theirs.ok).toBe(true);
    const mine = await runStoryAction(reporter, { action: 'save', fields: { ...fields, body: 'My text.' }, file, base: sourceHash(loaded) }, deps);
    expect(mine).toMatchObject({ ok: false, outcome: 'conflict' });
    expect(fieldsFromSource(stored(file)).body).toBe('Their text.');
    const kept = await store.getRevision((mine as { revision: number }).revision);
    expect(fieldsFromSource(kept!.source).body, 'my text is kept').toBe('My text.');
  });

  it('schedules only in the future, and unscheduling makes a draft again, not a takedown', async () => {
    const past = await runStoryAction(editor, { action: 'schedule', fields: story({ publishedAt: '2026-12-06T03:00:00Z' }), file: '', base: '' }, deps);
    expect(past).toMatchObject({ ok: false, outcome: 'invalid', errors: { publishedAt: 'must be in the future to schedule the story' } });
    const attempt = await store.getRevision((past as { revision: number }).revision);
    expect(attemptErrors(attempt!).publishedAt, 'the form shows it again').toBe('must be in the future to schedule the story');

    const later = '2026-12-06T05:00:00Z';
    expect(await runStoryAction(editor, { action: 'schedule', fields: story({ publishedAt: later }), file: '', base: '' }, deps)).toMatchObject({ ok: true });
    const file = 'id/banjir-di-jakarta.md';
    expect(parseArticle(file, stored(file))).toMatchObject({ status: 'published', publishedAt: later, updatedAt: later });
    const source = stored(file);
    expect(await runStoryAction(editor, { action: 'unschedule', fields: fieldsFromSource(source), file, base: sourceHash(source) }, deps)).toMatchObject({ ok: true });
    expect(parseArticle(file, stored(file)).status).toBe('draft');
    const takedowns = path.join(dir, 'content', TAKEDOWNS_FILE);
    expect(existsSync(takedowns) ? JSON.parse(readFileSync(takedowns, 'utf8')) : [], 'readers never had it: no 410').toEqual([]);
  });

  it('takes down only with a reason and a confirmation, records the reason, and restores', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const live = stored(file);
    expect(await runStoryAction(editor, { action: 'takedown', fields: story(), file, base: sourceHash(live), reason: 'libel' }, deps)).toMatchObject({ ok: false, outcome: 'refused' });
    expect(await runStoryAction(editor, { action: 'takedown', fields: story(), file, base: sourceHash(live), reason: 'libel', confirmed: true }, deps)).toMatchObject({ ok: true });
    expect(parseArticle(file, stored(file)).status).toBe('draft');
    expect(JSON.parse(readFileSync(path.join(dir, 'content', TAKEDOWNS_FILE), 'utf8'))).toEqual([expect.objectContaining({ locale: 'id', slug: 'banjir-di-jakarta' })]);
    expect((await store.listAudit())[0]).toMatchObject({ action: 'story.takedown', target: file, detail: 'libel', actor: 'e@kabar.test' });
    const down = stored(file);
    expect(await runStoryAction(editor, { action: 'restore', fields: fieldsFromSource(down), file, base: sourceHash(down) }, deps)).toMatchObject({ ok: true });
    expect(parseArticle(file, stored(file)).status).toBe('published');
    expect(JSON.parse(readFileSync(path.join(dir, 'content', TAKEDOWNS_FILE), 'utf8'))).toEqual([]);
  });

  it('a store that cannot be written: a clear failure, nothing written, the attempt kept', async () => {
    const failing: StoryActionDeps = { ...deps, publish: () => Promise.reject(Object.assign(new Error('EROFS: read-only file system, open …/id/banjir-di-jakarta.md'), { code: 'EROFS' })) };
    const result = await runStoryAction(reporter, { action: 'save', fields: story({ body: 'Kept text.' }), file: '', base: '' }, failing);
    expect(result).toMatchObject({ ok: false, outcome: 'failed', message: 'The content store could not be written: EROFS: read-only file system, open …/id/banjir-di-jakarta.md' });
    expect(fieldsFromSource((await store.getRevision((result as { revision: number }).revision))!.source).body).toBe('Kept text.');
    expect(await store.listRevisions('id/banjir-di-jakarta'), 'not a revision of the story').toEqual([]);
  });

  it('a new story never overwrites a stored one with the same file name: the slug field says whose it is', async () => {
    writeFileSync(path.join(dir, 'content', 'id', 'banjir-di-jakarta.md'), 'theirs');
    const result = await runStoryAction(editor, { action: 'publish', fields: story({ translationId: 'other' }), file: '', base: '' }, deps);
    expect(result).toMatchObject({ ok: false, outcome: 'invalid', errors: { slug: 'is already used by id/banjir-di-jakarta.md: choose another slug. Nothing was written.' } });
    expect(stored('id/banjir-di-jakarta.md')).toBe('theirs');
    const attempt = await store.getRevision((result as { revision: number }).revision);
    expect(attemptErrors(attempt!), 'the form shows it next to the slug again').toEqual({ slug: 'is already used by id/banjir-di-jakarta.md: choose another slug. Nothing was written.' });
  });

  it('a saved draft renamed onto another story’s slug never replaces that story, whoever saves it', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story({ title: 'Berita live' }), file: '', base: '' }, deps);
    const liveFile = 'id/berita-live.md';
    const live = stored(liveFile);
    await runStoryAction(reporter, { action: 'save', fields: story(), file: '', base: '' }, deps);
    const draftFile = 'id/banjir-di-jakarta.md';
    const draft = stored(draftFile);
    for (const [user, action] of [[reporter, 'save'], [reporter, 'submit'], [editor, 'save'], [editor, 'update']] as const) {
      const renamed = { ...fieldsFromSource(draft), slug: 'berita-live', translationId: 'berita-live' };
      const result = await runStoryAction(user, { action, fields: renamed, file: draftFile, base: sourceHash(draft) }, deps);
      expect(result, `${user.role} ${action}`).toMatchObject({ ok: false, outcome: 'invalid', errors: { slug: 'is already used by id/berita-live.md: choose another slug. Nothing was written.' } });
    }
    expect(stored(liveFile), 'the live story is untouched').toBe(live);
    expect(stored(draftFile)).toBe(draft);
    // A free slug is still a rename.
    const moved = await runStoryAction(reporter, { action: 'save', fields: { ...fieldsFromSource(draft), slug: 'banjir-baru' }, file: draftFile, base: sourceHash(draft) }, deps);
    expect(moved).toMatchObject({ ok: true, file: 'id/banjir-baru.md' });
  });

  it('a reporter’s forged "save" or "submit" never takes a live or scheduled story off the site; an editor’s save still works', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    await runStoryAction(editor, { action: 'schedule', fields: story({ title: 'Nanti', publishedAt: '2026-12-06T05:00:00Z' }), file: '', base: '' }, deps);
    for (const file of ['id/banjir-di-jakarta.md', 'id/nanti.md']) {
      const source = stored(file);
      await expect(runStoryAction(reporter, { action: 'save', fields: fieldsFromSource(source), file, base: sourceHash(source) }, deps), file).rejects.toThrow(DeskForbiddenError);
      await expect(runStoryAction(reporter, { action: 'save', fields: fieldsFromSource(source), file, base: sourceHash(source), autosave: true }, deps), file).rejects.toThrow(DeskForbiddenError);
      expect(await runStoryAction(reporter, { action: 'submit', fields: fieldsFromSource(source), file, base: sourceHash(source) }, deps), file).toMatchObject({ ok: false, outcome: 'refused' });
      expect(stored(file), `${file} untouched`).toBe(source);
      expect(parseArticle(file, stored(file)).status).toBe('published');
    }
    const live = stored('id/banjir-di-jakarta.md');
    expect(await runStoryAction(editor, { action: 'save', fields: fieldsFromSource(live), file: 'id/banjir-di-jakarta.md', base: sourceHash(live) }, deps)).toMatchObject({ ok: true });
    expect(parseArticle('x', stored('id/banjir-di-jakarta.md')).status).toBe('draft');
  });

  it('the form a post goes back to: a story file’s edit page, the new-story form, or none for anything else', () => {
    expect(storyFormPath('id/banjir-di-jakarta.md')).toBe('/desk/stories/id/banjir-di-jakarta/edit');
    expect(storyFormPath('')).toBe('/desk/stories/new');
    for (const bad of ['en', 'x', 'id/', '/x.md', 'en/x', 'xx/a.md', 'id/../a.md', 'id/a/b.md']) expect(storyFormPath(bad), bad).toBeUndefined();
  });

  it('a refused attempt is shown again only to its sender, and only in the form of the story it was sent from', () => {
    const attempt = { actor: reporter.email, outcome: 'invalid', file: 'id/a.md' } as const;
    expect(isAttemptOf(attempt, reporter, 'id/a.md')).toBe(true);
    expect(isAttemptOf(attempt, reporter, 'id/b.md'), 'another story’s form').toBe(false);
    expect(isAttemptOf(attempt, reporter, ''), 'the new-story form').toBe(false);
    expect(isAttemptOf(attempt, editor, 'id/a.md'), 'another account').toBe(false);
    expect(isAttemptOf({ ...attempt, outcome: 'saved' }, reporter, 'id/a.md'), 'a saved revision').toBe(false);
    expect(isAttemptOf({ ...attempt, file: '' }, reporter, ''), 'a new story’s attempt in the new-story form').toBe(true);
  });

  it('a story given another story’s translationId is refused with the publish path’s message, never moves that story', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const source = stored(file);
    // Given the translationId another story of the language holds: the publish path names it.
    await runStoryAction(editor, { action: 'publish', fields: story({ title: 'Lain', translationId: 'lain' }), file: '', base: '' }, deps);
    const result = await runStoryAction(editor, { action: 'update', fields: { ...fieldsFromSource(source), slug: 'baru', translationId: 'lain' }, file, base: sourceHash(source) }, deps);
    expect(result).toMatchObject({ ok: false, outcome: 'invalid' });
    expect((result as { message: string }).message).toMatch(/"lain" is the story of id\/lain\.md/);
    expect(existsSync(path.join(dir, 'content', 'id', 'baru.md'))).toBe(false);
    const lain = stored('id/lain.md');
    // A new draft given a live story's translationId would have moved that story (removed its file): refused too.
    const taken = await runStoryAction(reporter, { action: 'save', fields: story({ title: 'Draf', translationId: 'lain' }), file: '', base: '' }, deps);
    expect(taken).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(stored('id/lain.md'), 'the live story is untouched').toBe(lain);
    expect(existsSync(path.join(dir, 'content', 'id', 'draf.md'))).toBe(false);
  });
  it('a reporter submits a draft for review: still a draft file, a "submit" revision and a story.submit audit entry', async () => {
    const result = await runStoryAction(reporter, { action: 'submit', fields: story(), file: '', base: '' }, deps);
    expect(result).toMatchObject({ ok: true, file: 'id/banjir-di-jakarta.md' });
    expect(parseArticle('x', stored('id/banjir-di-jakarta.md')).status).toBe('draft');
    expect((await store.listRevisions('id/banjir-di-jakarta')).map((r) => r.action)).toEqual(['submit']);
    expect((await store.listAudit())[0]).toMatchObject({ actor: 'r@kabar.test', action: 'story.submit', target: 'id/banjir-di-jakarta.md' });
    // A published story is not submitted (that would take it off the site).
    const published = await runStoryAction(editor, { action: 'publish', fields: story({ title: 'Lain' }), file: '', base: '' }, deps);
    expect(published.ok).toBe(true);
    const live = stored('id/lain.md');
    expect(await runStoryAction(editor, { action: 'submit', fields: fieldsFromSource(live), file: 'id/lain.md', base: sourceHash(live) }, deps)).toMatchObject({ ok: false, outcome: 'refused' });
    expect(parseArticle('x', stored('id/lain.md')).status).toBe('published');
  });

  it('corrects a published story: the note is appended with its time, updatedAt is that time, earlier corrections stay', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const first = stored(file);
    const at1 = NOW + 60_000;
    const one = await runStoryAction(editor, { action: 'correct', fields: { ...fieldsFromSource(first), body: 'Isi yang benar.' }, file, base: sourceHash(first), note: ' Jumlah korban diperbaiki. ' }, { ...deps, now: at1 });
    expect(one).toMatchObject({ ok: true, file });
    let article = parseArticle(file, stored(file));
    expect(article).toMatchObject({ status: 'published', publishedAt: isoSeconds(NOW), updatedAt: isoSeconds(at1), body: 'Isi yang benar.' });
    expect(article.corrections).toEqual([{ at: isoSeconds(at1), note: 'Jumlah korban diperbaiki.' }]);
    expect((await store.listAudit())[0]).toMatchObject({ action: 'story.correct', target: file, detail: 'Jumlah korban diperbaiki.' });

    // A plain update keeps the corrections; a second correction is listed after the first.
    const second = stored(file);
    await runStoryAction(editor, { action: 'update', fields: fieldsFromSource(second), file, base: sourceHash(second) }, { ...deps, now: at1 + 1_000 });
    const third = stored(file);
    const at2 = NOW + 120_000;
    await runStoryAction(editor, { action: 'correct', fields: fieldsFromSource(third), file, base: sourceHash(third), note: 'Nama lokasi diperbaiki.' }, { ...deps, now: at2 });
    article = parseArticle(file, stored(file));
    expect(article.corrections.map((c) => c.note)).toEqual(['Jumlah korban diperbaiki.', 'Nama lokasi diperbaiki.']);
    expect(article.updatedAt).toBe(isoSeconds(at2));
  });

  it('refuses a correction without a note or with a long one, next to the note field, keeping what was typed', async () => {
    await runStoryAction(editor, { action: 'publish', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const live = stored(file);
    const empty = await runStoryAction(editor, { action: 'correct', fields: fieldsFromSource(live), file, base: sourceHash(live), note: '   ' }, deps);
    expect(empty).toMatchObject({ ok: false, outcome: 'invalid', errors: { correction: 'must not be empty: a short public note saying what was corrected' } });
    const long = await runStoryAction(editor, { action: 'correct', fields: fieldsFromSource(live), file, base: sourceHash(live), note: 'x'.repeat(501) }, deps);
    expect(long).toMatchObject({ ok: false, errors: { correction: 'must be at most 500 characters' } });
    const attempt = await store.getRevision((long as { revision: number }).revision);
    expect(attemptErrors(attempt!).correction, 'the form shows it again').toBe('must be at most 500 characters');
    expect(latestCorrectionNote(attempt!.source)).toBe('x'.repeat(501));
    expect(stored(file), 'nothing written').toBe(live);
  });

  it('corrects only a story readers have: not a draft, not a scheduled one', async () => {
    await runStoryAction(editor, { action: 'save', fields: story(), file: '', base: '' }, deps);
    const file = 'id/banjir-di-jakarta.md';
    const draft = stored(file);
    expect(await runStoryAction(editor, { action: 'correct', fields: fieldsFromSource(draft), file, base: sourceHash(draft), note: 'x' }, deps)).toMatchObject({ ok: false, outcome: 'refused' });
    expect(await runStoryAction(editor, { action: 'correct', fields: story(), file: '', base: '', note: 'x' }, deps)).toMatchObject({ ok: false, outcome: 'refused' });
    expect(stored(file)).toBe(draft);
  });

  it('an autosave gives back the stored version, so the next save on it is no conflict; its invalid attempts are not kept', async () => {
    const first = await runStoryAction(reporter, { action: 'save', fields: story(), file: '', base: '', autosave: true }, deps);
    if (!first.ok) throw new Error('the first autosave should pass');
    expect(first.saved).toEqual({ base: sourceHash(stored('id/banjir-di-jakarta.md')), translationId: 'banjir-di-jakarta' });
    const second = await runStoryAction(reporter, { action: 'save', fields: story({ body: 'Isi baru.' }), file: first.file, base: first.saved!.base, autosave: true }, deps);
    expect(second).toMatchObject({ ok: true, file: 'id/banjir-di-jakarta.md' });
    expect(stored('id/banjir-di-jakarta.md')).toContain('Isi baru.');
    // The base it was loaded from is stale now: refused, as a second editor's would be.
    const stale = await runStoryAction(reporter, { action: 'save', fields: story({ body: 'Lagi.' }), file: first.file, base: first.saved!.base, autosave: true }, deps);
    expect(stale).toMatchObject({ ok: false, outcome: 'conflict' });

    const half = await runStoryAction(reporter, { action: 'save', fields: story({ title: 'Setengah', section: '' }), file: '', base: '', autosave: true }, deps);
    expect(half).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(half.ok === false && half.errors?.section).toBeTruthy();
    expect(half.ok === false && half.revision).toBeUndefined();
    expect((await store.listAudit()).map((a) => a.detail)).toEqual(['autosave', 'autosave']);
  });
});
