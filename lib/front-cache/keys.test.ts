import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderStore } from '@/lib/content/folder-store';
import { currentSnapshot, onContentChange, refreshContent, useContentStore, type ContentSnapshot } from '@/lib/content/live';
import { withFrontMatterField } from '@/lib/content/parse';
import { affectedKeys, surrogateKeysFor } from '@/lib/front-cache/keys';

const HOUR = 3_600_000;
const month = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { locale = 'id', hoursAgo = 1, section = 'world', translationId = slug, title = `Judul ${slug}`, publishedAt = iso(Date.now() - hoursAgo * HOUR) } = {}) {
  return `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: ${locale}\ntitle: "${title}"\nsummary: "Ringkasan."\nsection: ${section}\npublishedAt: "${publishedAt}"\nupdatedAt: "${publishedAt}"\nsource:\n  name: Cnbc\nstatus: published\n---\nIsi.\n`;
}

let dir: string;
let store: FolderStore;
let changes: [ContentSnapshot, ContentSnapshot][];
let stopListening: () => void;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
  for (const locale of ['id', 'en']) mkdirSync(path.join(dir, locale));
  store = new FolderStore(dir);
  useContentStore(store);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  // Eight Indonesian stories, newest first: lama-1 (1 h ago) … lama-8; one English story.
  store.write([
    ...Array.from({ length: 8 }, (_, i) => ({ file: `id/lama-${i + 1}.md`, source: story(`lama-${i + 1}`, { hoursAgo: i + 1 }) })),
    { file: 'en/english-only.md', source: story('english-only', { locale: 'en', hoursAgo: 20, section: 'business' }) },
  ]);
  currentSnapshot();
  changes = [];
  stopListening = onContentChange((before, after) => changes.push([before, after]));
});
afterEach(() => {
  stopListening();
  vi.restoreAllMocks();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const lastChangeKeys = () => {
  expect(changes).toHaveLength(1);
  return affectedKeys(...changes[0]!).sort();
};

describe('surrogate keys of a response', () => {
  it('name the story, the lists, the feed and the sitemaps a response shows, and all', () => {
    const snapshot = currentSnapshot();
    expect(surrogateKeysFor('/id/berita/lama-1', 200, snapshot)).toBe('all story-lama-1 latest-id');
    expect(surrogateKeysFor('/id/news/lama-1', 200, snapshot), 'the internal path too').toBe('all story-lama-1 latest-id');
    expect(surrogateKeysFor('/en/news/lama-1', 200, snapshot), 'a fallback page').toBe('all story-lama-1 latest-en');
    expect(surrogateKeysFor('/id/news/lama-1/opengraph-image', 200, snapshot)).toBe('all story-lama-1');
    expect(surrogateKeysFor('/id', 200, snapshot)).toBe('all list-home-id');
    expect(surrogateKeysFor('/id/halaman/2', 200, snapshot)).toBe('all list-home-id');
    expect(surrogateKeysFor('/id/rubrik/dunia', 200, snapshot)).toBe('all list-section-id-world');
    expect(surrogateKeysFor('/en/section/business/2', 200, snapshot)).toBe('all list-section-en-business');
    expect(surrogateKeysFor('/en/feed.xml', 200, snapshot)).toBe('all feed-en');
    expect(surrogateKeysFor('/en/atom.xml', 200, snapshot), 'the Atom feed goes with the RSS one').toBe('all feed-en');
    expect(surrogateKeysFor('/sitemap-news.xml', 200, snapshot)).toBe('all sitemap');
    expect(surrogateKeysFor('/sitemap.xml', 200, snapshot), 'the index').toBe('all sitemap');
    expect(surrogateKeysFor('/sitemaps/pages.xml', 200, snapshot), 'the listing pages').toBe('all sitemap');
    expect(surrogateKeysFor('/sitemaps/2025-07.xml', 200, snapshot), 'a month').toBe('all sitemap-2025-07');
    expect(surrogateKeysFor('/sitemaps/2025-07-2.xml', 200, snapshot), "a month's second part").toBe('all sitemap-2025-07');
    expect(surrogateKeysFor('/sitemaps/2025-13.xml', 404, snapshot), 'no such month').toBe('all missing');
    expect(surrogateKeysFor('/sitemaps/2025-07.xml/x', 404, snapshot)).toBe('all missing');
    expect(surrogateKeysFor('/id/berita/tidak-ada', 404, snapshot)).toBe('all missing latest-id');
    expect(surrogateKeysFor('/robots.txt', 200, snapshot)).toBe('all');
    expect(surrogateKeysFor('/id/cari', 200, snapshot), 'the search page, public path').toBe('all search-id');
    expect(surrogateKeysFor('/en/search', 400, snapshot), 'a refused search').toBe('all search-en');
    expect(surrogateKeysFor('/id/search', 200, snapshot), 'the internal path').toBe('all search-id');
    expect(surrogateKeysFor('/id/berita/%E0%A4%A', 404, snapshot), 'a malformed escape').toBe('all missing latest-id');
  });
});

describe('the keys a change of content touches', () => {
  it('a new story: its own, both homes (a fallback in English), its section, feeds, Latest News, sitemaps and 404s', () => {
    store.write([{ file: 'id/baru.md', source: story('baru', { hoursAgo: 0.5, section: 'business' }) }]);
    refreshContent();
    expect(lastChangeKeys()).toEqual(
      ['feed-en', 'feed-id', 'latest-en', 'latest-id', 'list-home-en', 'list-home-id', 'list-section-en-business', 'list-section-id-business', 'missing', 'search-id', 'sitemap', `sitemap-${month(Date.now() - 0.5 * HOUR)}`, 'story-baru'].sort(),
    );
  });

  it("a correction, a takedown or a translation in an old month: that month's children and the index, no other month", () => {
    store.write([{ file: 'id/arsip.md', source: story('arsip', { publishedAt: '2024-03-31T20:00:00+00:00' }) }]);
    refreshContent();
    changes = [];
    store.write([{ file: 'id/arsip.md', source: story('arsip', { publishedAt: '2024-03-31T20:00:00+00:00', title: 'Judul diperbaiki' }) }]);
    refreshContent();
    let keys = lastChangeKeys();
    expect(keys).toEqual(expect.arrayContaining(['sitemap', 'sitemap-2024-03']));
    expect(keys.filter((k) => k.startsWith('sitemap-'))).toEqual(['sitemap-2024-03']);
    // Its English version, published in April: both months (the Indonesian entry gains an alternate).
    changes = [];
    store.write([{ file: 'en/archive.md', source: story('archive', { locale: 'en', translationId: 'arsip', publishedAt: '2024-04-01T09:00:00+07:00' }) }]);
    refreshContent();
    keys = lastChangeKeys();
    expect(keys.filter((k) => k.startsWith('sitemap-')).sort()).toEqual(['sitemap-2024-03', 'sitemap-2024-04']);
    changes = [];
    store.write([{ file: 'id/arsip.md', source: withFrontMatterField('id/arsip.md', story('arsip', { publishedAt: '2024-03-31T20:00:00+00:00' }), 'status', 'draft') }]);
    refreshContent();
    expect(lastChangeKeys()).toEqual(expect.arrayContaining(['sitemap', 'sitemap-2024-03', 'sitemap-2024-04', 'missing']));
  });

  it('a correction of an old story leaves "Latest News" alone', () => {
    store.write([{ file: 'id/lama-8.md', source: story('lama-8', { hoursAgo: 8, title: 'Judul diperbaiki' }) }]);
    refreshContent();
    const keys = lastChangeKeys();
    expect(keys).toContain('story-lama-8');
    expect(keys).toContain('list-home-id');
    expect(keys).not.toContain('latest-id');
    expect(keys).not.toContain('story-lama-1');
  });

  it('a takedown of a recent story, and a story moved to another section: the lists it left too', () => {
    store.write([{ file: 'id/lama-2.md', source: withFrontMatterField('id/lama-2.md', story('lama-2', { hoursAgo: 2 }), 'status', 'draft') }]);
    refreshContent();
    expect(lastChangeKeys()).toEqual(expect.arrayContaining(['story-lama-2', 'latest-id', 'list-section-id-world', 'missing']));
    changes = [];
    store.write([{ file: 'id/lama-3.md', source: story('lama-3', { hoursAgo: 3, section: 'technology' }) }]);
    refreshContent();
    expect(lastChangeKeys()).toEqual(expect.arrayContaining(['list-section-id-world', 'list-section-id-technology']));
  });

  it('an embargo ending is announced with no publish, and a draft is not', () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
    store.write([{ file: 'id/draf.md', source: withFrontMatterField('id/draf.md', story('draf'), 'status', 'draft') }]);
    refreshContent();
    expect(changes).toHaveLength(0);
    store.write([{ file: 'id/nanti.md', source: story('nanti', { publishedAt: iso(Date.now() + 30_000) }) }]);
    refreshContent();
    expect(changes, 'an embargoed story changes nothing readers see').toHaveLength(0);
    vi.setSystemTime(Date.now() + 31_000);
    currentSnapshot();
    expect(lastChangeKeys()).toEqual(expect.arrayContaining(['story-nanti', 'list-home-id', 'latest-id']));
  });
});
