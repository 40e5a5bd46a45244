import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepRecentTextsLoaded, loadArticle, loadArticles } from '@/lib/content/details';
import { currentSnapshot, refreshContent, useContentStore } from '@/lib/content/live';
import { storyMeta } from '@/lib/content/meta';
import { parseArticle } from '@/lib/content/parse';
import type { ContentStore } from '@/lib/content/store';

const at = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const source = (slug: string, title: string) =>
  `---\ntranslationId: ${slug}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: world\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: published\n---\nIsi ${title}.\n`;

/** A database-like store: metas in memory, sources read on demand (counted), failing on request. */
function metaStore(files: Record<string, string>) {
  const state = { files: { ...files }, reads: 0, down: false, version: 1 };
  const hash = (text: string) => `h${text.length}-${text.charCodeAt(text.length - 3)}`;
  const store: ContentStore = {
    description: 'memory',
    read: () => ({
      stories: new Map(Object.entries(state.files).map(([file, text]) => [file, storyMeta(parseArticle(file, text))])),
      hashes: new Map(Object.entries(state.files).map(([file, text]) => [file, hash(text)])),
      takedowns: [],
      version: `v${state.version}`,
    }),
    readChanged: () => store.read(),
    readSources: async (names) => {
      if (state.down) throw new Error('connection refused');
      state.reads += names.length;
      return new Map(names.filter((f) => state.files[f]).map((f) => [f, { source: state.files[f]!, hash: hash(state.files[f]!) }]));
    },
    watch: () => undefined,
  };
  return { store, state };
}

afterEach(() => vi.restoreAllMocks());

describe('loadArticles (a store that keeps only meta)', () => {
  it('reads a story’s text once, again only after it changed, and leaves out a story no longer stored', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { store, state } = metaStore({ 'id/satu.md': source('satu', 'Satu'), 'id/dua.md': source('dua', 'Dua') });
    useContentStore(store);
    const [satu, dua] = ['id/satu.md', 'id/dua.md'].map((f) => currentSnapshot().articles.find((a) => a.file === f)!);
    expect(satu).not.toHaveProperty('body');
    expect((await loadArticles([satu!, dua!])).map((a) => a.body)).toEqual(['Isi Satu.', 'Isi Dua.']);
    expect(state.reads).toBe(2);
    expect((await loadArticle(satu!))?.summary).toBe('Ringkasan Satu.');
    expect(state.reads).toBe(2);

    state.files['id/satu.md'] = source('satu', 'Satu yang dikoreksi');
    state.version++;
    refreshContent();
    const corrected = currentSnapshot().articles.find((a) => a.file === 'id/satu.md')!;
    expect((await loadArticle(corrected))?.body).toBe('Isi Satu yang dikoreksi.');
    expect(state.reads).toBe(3);

    // A story the index still names but the store no longer has (removed meanwhile): left out.
    expect(await loadArticles([{ ...dua!, file: 'id/hilang.md' }])).toEqual([]);
  });

  it('keeps the newest stories’ texts ready, so they render while the store is away', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { store, state } = metaStore({ 'id/baru.md': source('baru', 'Baru'), 'id/lama.md': source('lama', 'Lama') });
    useContentStore(store);
    keepRecentTextsLoaded(1);
    await vi.waitFor(() => expect(state.reads).toBe(1));
    state.down = true;
    const [baru, lama] = ['id/baru.md', 'id/lama.md'].map((f) => currentSnapshot().articles.find((a) => a.file === f)!);
    const newest = currentSnapshot().index.published[0]!;
    expect((await loadArticle(newest))?.title).toBe(newest.title);
    const other = newest === baru ? lama! : baru!;
    await expect(loadArticle(other)).rejects.toThrow('connection refused');
  });
});
