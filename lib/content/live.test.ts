import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderStore } from '@/lib/content/folder-store';
import { currentSnapshot, getSnapshot, refreshContent, useContentStore, withPinnedContent } from '@/lib/content/live';
import { findStory } from '@/lib/content/queries';
import { withFrontMatterField } from '@/lib/content/parse';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { publishedAt = iso(Date.now() - HOUR), status = 'published', translationId = slug, title = `Judul ${slug}` } = {}) {
  return `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan."\nsection: world\npublishedAt: "${publishedAt}"\nupdatedAt: "${publishedAt}"\nsource:\n  name: Cnbc\nstatus: ${status}\n---\nIsi.\n`;
}

let dir: string;
let store: FolderStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'live-'));
  mkdirSync(path.join(dir, 'id'));
  store = new FolderStore(dir);
  useContentStore(store);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const visibleSlugs = () => currentSnapshot().index.published.map((a) => a.slug);

describe('the live snapshot', () => {
  it('shows a story written while running after a refresh, and changes its version', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    const before = currentSnapshot().version;
    expect(visibleSlugs()).toEqual(['satu']);
    store.write([{ file: 'id/dua.md', source: story('dua', { publishedAt: iso(Date.now() - 60_000) }) }]);
    const result = refreshContent();
    expect(result.changed).toBe(true);
    expect(visibleSlugs()).toEqual(['dua', 'satu']);
    expect(currentSnapshot().version).not.toBe(before);
  });

  it('keeps the last good content when a file breaks, names the file and field, and recovers', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    currentSnapshot();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeFileSync(path.join(dir, 'id', 'rusak.md'), '---\ntitle: x\n---\nIsi.\n');
    const result = refreshContent();
    expect(result.problem?.message).toContain('id/rusak.md: field "translationId" is required');
    expect(visibleSlugs()).toEqual(['satu']);
    refreshContent();
    expect(error, 'logged once per set of problems').toHaveBeenCalledTimes(1);
    rmSync(path.join(dir, 'id', 'rusak.md'));
    expect(refreshContent().problem).toBeUndefined();
  });

  it('hides an embargoed story until its time, then shows it with no refresh', () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    store.write([{ file: 'id/nanti.md', source: story('nanti', { publishedAt: '2026-01-01T00:00:30+00:00' }) }]);
    expect(visibleSlugs()).toEqual([]);
    expect(findStory('id', 'nanti', currentSnapshot().index).kind).toBe('missing');
    vi.setSystemTime(Date.parse('2026-01-01T00:00:30Z'));
    expect(visibleSlugs()).toEqual(['nanti']);
  });

  it('answers gone for a story taken down (set back to draft, or removed) and not for a draft never published', () => {
    store.write([
      { file: 'id/satu.md', source: story('satu') },
      { file: 'id/dua.md', source: story('dua') },
      { file: 'id/draf.md', source: story('draf', { status: 'draft' }) },
    ]);
    currentSnapshot();
    store.write([{ file: 'id/satu.md', source: withFrontMatterField('id/satu.md', story('satu'), 'status', 'draft') }]);
    store.remove(['id/dua.md']);
    refreshContent();
    const index = currentSnapshot().index;
    expect(findStory('id', 'satu', index).kind).toBe('gone');
    expect(findStory('en', 'satu', index).kind, 'its fallback URL in the other language too').toBe('gone');
    expect(findStory('id', 'dua', index).kind).toBe('gone');
    expect(findStory('id', 'draf', index).kind, 'a draft stays private: 404, not 410').toBe('missing');
  });

  it('sends the old URL of a story whose slug changed to its new one, rather than answering gone', () => {
    store.write([{ file: 'id/salah-ketik.md', source: story('salah-ketik', { translationId: 'cerita' }) }]);
    currentSnapshot();
    store.remove(['id/salah-ketik.md']);
    store.write([{ file: 'id/salah-ketik-diperbaiki.md', source: story('salah-ketik-diperbaiki', { translationId: 'cerita' }) }]);
    refreshContent();
    const found = findStory('id', 'salah-ketik', currentSnapshot().index);
    expect(found.kind).toBe('redirect');
    expect(found.kind === 'redirect' && found.article.slug).toBe('salah-ketik-diperbaiki');
  });

  it('remembers takedowns recorded in the store across processes', () => {
    store.write([{ file: 'id/satu.md', source: story('satu', { status: 'draft' }) }]);
    store.recordTakedowns([{ translationId: 'satu', locale: 'id', slug: 'satu', at: new Date().toISOString() }]);
    expect(findStory('id', 'satu', currentSnapshot().index).kind).toBe('gone');
    expect(JSON.parse(readFileSync(path.join(dir, '.takedowns.json'), 'utf8'))).toHaveLength(1);
  });

  it('applies a takedown recorded while another file is broken to the last good content, and keeps the rest', () => {
    store.write([
      { file: 'id/satu.md', source: story('satu') },
      { file: 'id/dua.md', source: story('dua') },
    ]);
    currentSnapshot();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeFileSync(path.join(dir, 'id', 'rusak.md'), '---\ntitle: x\n---\nIsi.\n');
    expect(refreshContent().problem).toBeDefined();
    // What `npm run publish --unpublish satu` writes.
    store.write([{ file: 'id/satu.md', source: withFrontMatterField('id/satu.md', story('satu'), 'status', 'draft') }]);
    store.recordTakedowns([{ translationId: 'satu', locale: 'id', slug: 'satu', at: new Date().toISOString() }]);
    const result = refreshContent({ files: ['id/satu.md'] });
    expect(result.problem?.message).toContain('id/rusak.md');
    expect(result.changed).toBe(true);
    expect([...(result.takenDown ?? [])]).toEqual(['id/satu.md']);
    expect(findStory('id', 'satu', currentSnapshot().index).kind).toBe('gone');
    expect(findStory('id', 'dua', currentSnapshot().index).kind, 'the rest is the last good content').toBe('article');
    expect(refreshContent().changed, 'applied once').toBe(false);
  });

  it('does not let an old takedown entry hide a story published again, while another file is broken', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    // A stale entry (the story was published again by hand): the valid store shows the story.
    store.recordTakedowns([{ translationId: 'satu', locale: 'id', slug: 'satu', at: new Date().toISOString() }]);
    expect(findStory('id', 'satu', currentSnapshot().index).kind).toBe('article');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    writeFileSync(path.join(dir, 'id', 'rusak.md'), '---\ntitle: x\n---\nIsi.\n');
    expect(refreshContent().problem).toBeDefined();
    expect(findStory('id', 'satu', currentSnapshot().index).kind).toBe('article');
  });

  it('gives one request one snapshot, even when the content changes during it', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    currentSnapshot();
    withPinnedContent(() => {
      const first = getSnapshot();
      store.write([{ file: 'id/dua.md', source: story('dua') }]);
      refreshContent();
      expect(getSnapshot()).toBe(first);
      expect(currentSnapshot()).not.toBe(first);
    });
  });

  it('does not change the version for a draft', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    const before = currentSnapshot().version;
    store.write([{ file: 'id/draf.md', source: story('draf', { status: 'draft' }) }]);
    refreshContent();
    expect(currentSnapshot().version).toBe(before);
    expect(currentSnapshot().articles.map((a) => a.slug).sort()).toEqual(['draf', 'satu']);
  });
});

describe('the snapshot of a database store (meta only)', () => {
  const meta = (slug: string, hoursAgo: number) => {
    const at = iso(Date.now() - hoursAgo * HOUR);
    return { file: `id/${slug}.md`, translationId: slug, slug, locale: 'id' as const, section: 'world' as const, title: `Judul ${slug}`, status: 'published' as const, publishedAt: at, updatedAt: at };
  };
  const memoryStore = (stories: ReturnType<typeof meta>[], hash = (file: string) => `h-${file}`) => ({
    description: 'memory',
    read: () => ({ stories: new Map(stories.map((s) => [s.file, s])), hashes: new Map(stories.map((s) => [s.file, hash(s.file)])), takedowns: [], version: 'v1' }),
    readChanged: () => memoryStore(stories, hash).read(),
    watch: () => undefined,
  });

  it('gives the same version for the same stories read in any order (instances share the page cache by it), and another when a source changes', () => {
    const stories = Array.from({ length: 50 }, (_, i) => meta(`cerita-${i}`, i + 1));
    useContentStore(memoryStore(stories));
    const forwards = currentSnapshot();
    useContentStore(memoryStore([...stories].reverse()));
    const backwards = currentSnapshot();
    expect(backwards.version).toBe(forwards.version);
    expect(backwards.index.published.map((a) => a.slug)).toEqual(forwards.index.published.map((a) => a.slug));
    expect(forwards.index.published[0]!.slug).toBe('cerita-0');
    useContentStore(memoryStore(stories, (file) => (file === 'id/cerita-7.md' ? 'changed' : `h-${file}`)));
    expect(currentSnapshot().version).not.toBe(forwards.version);
  });
});

describe('FolderStore', () => {
  it('writes through a temporary dot file and leaves none behind', () => {
    const source = story('satu');
    store.write([{ file: 'id/satu.md', source }]);
    expect(readdirSync(path.join(dir, 'id'))).toEqual(['satu.md']);
    expect(store.read().files.get('id/satu.md')).toBe(source);
  });

  it('re-reads only the files it is told about, and notices the rest on a full read', () => {
    store.write([{ file: 'id/satu.md', source: story('satu') }]);
    expect([...store.read().files.keys()]).toEqual(['id/satu.md']);
    store.write([
      { file: 'id/dua.md', source: story('dua') },
      { file: 'id/tiga.md', source: story('tiga') },
    ]);
    expect([...store.readChanged(['id/dua.md']).files.keys()]).toEqual(['id/dua.md', 'id/satu.md']);
    store.remove(['id/satu.md']);
    expect([...store.readChanged(['id/satu.md']).files.keys()], 'a removed file named in the change').toEqual(['id/dua.md']);
    expect([...store.read().files.keys()]).toEqual(['id/dua.md', 'id/tiga.md']);
  });

  it('caches a notified file under its one name, however it was spelled', () => {
    store.write([{ file: 'en/x.md', source: story('x') }]);
    store.read();
    store.write([{ file: 'en/x.md', source: story('x', { title: 'Baru' }) }]);
    for (const spelling of ['en//x.md', 'en/./x.md', 'en/../en/x.md', './en/x.md', '../x.md', '/etc/passwd', 'en/x.md\0']) {
      expect([...store.readChanged([spelling]).files.keys()], spelling).toEqual(['en/x.md']);
    }
    expect(store.readChanged(['en//x.md']).files.get('en/x.md')).toContain('Baru');
  });

  it('refuses a path outside the folder', () => {
    expect(() => store.write([{ file: '../luar.md', source: 'x' }])).toThrow(/outside the content folder/);
  });
});
