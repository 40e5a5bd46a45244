import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore } from '@/lib/content/folder-store';
import { publishToFolder } from '@/lib/publish/apply';
import { runAutosave, type AutosaveDeps } from '@/lib/desk/autosave';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';
import type { DeskStore } from '@/lib/desk/store';
import { runStoryAction } from '@/lib/desk/story-actions';
import { fieldsFromForm, sourceHash } from '@/lib/desk/story-form';

const NOW = Date.parse('2026-12-06T04:00:00Z');
const reporter = { email: 'r@kabar.test', role: 'reporter' } as const;
const editor = { email: 'e@kabar.test', role: 'editor' } as const;

/** The story form as the browser sends it (FormData's get). */
const form = (fields: Record<string, string>) => {
  const data = new Map(Object.entries({ title: 'Banjir di Jakarta', locale: 'id', section: 'world', summary: 'Ringkasan banjir.', sourceName: 'Cnbc', body: 'Isi.', file: '', base: '', ...fields }));
  return { get: (name: string) => data.get(name) ?? null };
};

let dir: string;
let store: DeskStore;
let deps: AutosaveDeps;
let folder: FolderStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'desk-autosave-'));
  mkdirSync(path.join(dir, 'content', 'id'), { recursive: true });
  store = openSqliteDeskStore(':memory:', {});
  folder = new FolderStore(path.join(dir, 'content'));
  deps = {
    store,
    now: NOW,
    publish: (request, check) => publishToFolder(request, { store: folder, check, now: NOW }),
    read: (file) => folder.read().files.get(file),
  };
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = (file: string) => readFileSync(path.join(dir, 'content', file), 'utf8');

describe('autosave', () => {
  it('saves a new draft and answers where it is and its version, so the next autosave goes on from there', async () => {
    const first = await runAutosave(reporter, form({}), deps);
    expect(first).toEqual({
      status: 200,
      body: {
        ok: true,
        file: 'id/banjir-di-jakarta.md',
        base: sourceHash(stored('id/banjir-di-jakarta.md')),
        slug: 'banjir-di-jakarta',
        translationId: 'banjir-di-jakarta',
        editPath: '/desk/stories/id/banjir-di-jakarta/edit',
        savedAt: new Date(NOW).toISOString(),
      },
    });
    if (!first.body.ok) return;
    const next = await runAutosave(reporter, form({ file: first.body.file, base: first.body.base, slug: first.body.slug, body: 'Isi kedua.' }), deps);
    expect(next.status).toBe(200);
    expect(stored('id/banjir-di-jakarta.md')).toContain('Isi kedua.');
    expect(stored('id/banjir-di-jakarta.md')).toContain('status: "draft"');
  });

  it('refuses a stale version (409, conflict) and a half-filled form (422, naming the fields), writing nothing', async () => {
    const first = await runAutosave(reporter, form({}), deps);
    const before = stored('id/banjir-di-jakarta.md');
    const stale = await runAutosave(reporter, form({ file: 'id/banjir-di-jakarta.md', base: 'not-this-version', body: 'Lain.' }), deps);
    expect(stale).toMatchObject({ status: 409, body: { ok: false, outcome: 'conflict' } });
    const half = await runAutosave(reporter, form({ file: 'id/banjir-di-jakarta.md', base: first.body.ok ? first.body.base : '', section: '' }), deps);
    expect(half).toMatchObject({ status: 422, body: { ok: false, outcome: 'invalid' } });
    expect(half.body.ok === false && half.body.errors?.section).toBeTruthy();
    expect(stored('id/banjir-di-jakarta.md')).toBe(before);
  });

  it('never saves over a live story (that would take it off the site), and not without a session', async () => {
    const live = await runStoryAction(editor, { action: 'publish', fields: fieldsFromForm(form({})), file: '', base: '' }, deps);
    expect(live.ok).toBe(true);
    const source = stored('id/banjir-di-jakarta.md');
    const answer = await runAutosave(editor, form({ file: 'id/banjir-di-jakarta.md', base: sourceHash(source), slug: 'banjir-di-jakarta' }), deps);
    expect(answer).toMatchObject({ status: 409, body: { ok: false, outcome: 'live' } });
    expect(stored('id/banjir-di-jakarta.md')).toBe(source);
    expect(await runAutosave(undefined, form({}), deps)).toMatchObject({ status: 401, body: { outcome: 'signed-out' } });
  });

  it('never saves a draft onto a live story by its slug (422 next to the slug), and answers odd file values without a 500', async () => {
    await runStoryAction(editor, { action: 'publish', fields: fieldsFromForm(form({ title: 'Berita live' })), file: '', base: '' }, deps);
    const live = stored('id/berita-live.md');
    const first = await runAutosave(reporter, form({}), deps);
    if (!first.body.ok) throw new Error('the first autosave should pass');
    const onto = await runAutosave(reporter, form({ file: first.body.file, base: first.body.base, slug: 'berita-live', translationId: 'berita-live' }), deps);
    expect(onto).toMatchObject({ status: 422, body: { ok: false, outcome: 'invalid', errors: { slug: 'is already used by id/berita-live.md: choose another slug. Nothing was written.' } } });
    expect(stored('id/berita-live.md')).toBe(live);
    for (const file of ['en', 'x', 'id/', '../id/berita-live.md', 'id/berita-live', 'zz/a.md']) {
      expect(await runAutosave(reporter, form({ file, base: sourceHash(live) }), deps), file).toMatchObject({ status: 422, body: { ok: false, outcome: 'refused' } });
    }
    expect(stored('id/berita-live.md')).toBe(live);
  });

  it('says what a store that cannot be written said (503), and keeps the attempt', async () => {
    const failing: AutosaveDeps = { ...deps, publish: async () => Promise.reject(new Error('ENOSPC: no space left on device')) };
    const answer = await runAutosave(reporter, form({}), failing);
    expect(answer).toMatchObject({ status: 503, body: { ok: false, outcome: 'failed' } });
    expect(answer.body.ok === false && answer.body.message).toContain('ENOSPC: no space left on device');
  });
});
