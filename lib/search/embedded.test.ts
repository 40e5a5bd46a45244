import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FolderStore } from '@/lib/content/folder-store';
import { currentSnapshot, refreshContent, useContentStore } from '@/lib/content/live';
import { withFrontMatterField } from '@/lib/content/parse';
import { embeddedEngine, languageIndex, resetEmbeddedSearch } from '@/lib/search/embedded';
import { searchStories, type SearchAnswer } from '@/lib/search/engine';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { locale = 'id', daysAgo = 1, title = `Judul ${slug}`, summary = 'Ringkasan berita.', body = 'Isi berita.' } = {}) {
  const at = iso(Date.now() - daysAgo * DAY);
  return `---\ntranslationId: ${slug}\nslug: ${slug}\nlocale: ${locale}\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(summary)}\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: published\n---\n${body}\n`;
}

let dir: string;
let store: FolderStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'search-'));
  for (const locale of ['id', 'en']) mkdirSync(path.join(dir, locale));
  store = new FolderStore(dir);
  useContentStore(store);
  resetEmbeddedSearch();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  store.write([
    { file: 'id/kerjasama.md', source: story('kerjasama-pelabuhan', { title: 'Kerjasama pelabuhan Jawa dan Bali', daysAgo: 3 }) },
    { file: 'id/bekerja-sama.md', source: story('bekerja-sama-petani', { title: 'Petani bekerja sama mengelola irigasi', daysAgo: 4 }) },
    { file: 'id/kerja-sama.md', source: story('kerja-sama-sekolah', { title: 'Sekolah menjalin kerja sama dengan museum', daysAgo: 5 }) },
    { file: 'id/pembangunan.md', source: story('pembangunan-jembatan', { title: 'Pembangunan jembatan dimulai', body: 'Jembatan itu dibangun selama dua tahun.', daysAgo: 6 }) },
    { file: 'id/membangun.md', source: story('membangun-rumah', { title: 'Warga membangun rumah panggung', daysAgo: 7 }) },
    { file: 'id/bangun.md', source: story('bangun-pagi', { title: 'Bangun pagi di kampung nelayan', daysAgo: 8 }) },
    { file: 'id/air.md', source: story('air-bersih', { title: 'Air bersih untuk desa', daysAgo: 2 }) },
    { file: 'id/hostile.md', source: story('skrip-jahat', { title: 'Uji keamanan', body: 'Teks <script>alert("x")</script> & "kutip" tentang keamanan.', daysAgo: 9 }) },
    { file: 'en/cooperation.md', source: story('port-cooperation', { locale: 'en', title: 'Ports agree on cooperation', body: 'They will cooperate on shipping.', daysAgo: 2 }) },
    { file: 'en/built.md', source: story('bridge-building', { locale: 'en', title: 'Bridge building resumes', body: 'The builders are back.', daysAgo: 3 }) },
  ]);
  currentSnapshot();
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Words that find each other: a root, and forms whose meN-/peN- prefix took its t or k. */
const NASAL_GROUPS = [
  ['tarik', 'menarik'],
  ['tulis', 'menulis', 'penulis'],
  ['kembang', 'berkembang', 'pengembangan'],
  ['teliti', 'peneliti'],
  ['tahu', 'mengetahui', 'pengetahuan'],
];
const NASAL_STORIES = [...NASAL_GROUPS.flat(), 'menu', 'tu'];

const slugsOf = (answer: SearchAnswer) => (answer.kind === 'results' ? answer.results.map((hit) => hit.story.slug) : answer.kind);
const search = (locale: 'id' | 'en', q: string, page?: string) => searchStories(locale, q, page, embeddedEngine);

describe('the embedded engine', () => {
  it('matches Indonesian words by their stem: kerja sama, bekerja sama and kerjasama find each other', async () => {
    const all = ['kerjasama-pelabuhan', 'bekerja-sama-petani', 'kerja-sama-sekolah'];
    for (const q of ['kerja sama', 'bekerja sama', 'kerjasama', 'Kerjasama', 'bekerjasama']) expect((await slugsOf(await search('id', q))) as string[], q).toEqual(expect.arrayContaining(all));
  });

  it('membangun, pembangunan, dibangun and bangun find each other', async () => {
    const all = ['pembangunan-jembatan', 'membangun-rumah', 'bangun-pagi'];
    for (const q of ['membangun', 'pembangunan', 'bangun', 'dibangun']) {
      const found = slugsOf(await search('id', q)) as string[];
      expect([...found].sort(), q).toEqual([...all].sort());
    }
  });

  it('finds a root and its meN-/peN- forms whose t or k the prefix took (tarik, menarik), each way', async () => {
    store.write(NASAL_STORIES.map((word) => ({ file: `id/kata-${word}.md`, source: story(`kata-${word}`, { title: `Soal ${word}`, body: `Mereka ${word} hari ini.`, daysAgo: 2 }) })));
    refreshContent();
    for (const group of NASAL_GROUPS) {
      for (const q of group) expect([...(slugsOf(await search('id', q)) as string[])].sort(), q).toEqual(group.map((word) => `kata-${word}`).sort());
    }
    // Either stem is enough ("menu" is not "tu"), and every word is still needed.
    expect(slugsOf(await search('id', 'menu'))).toEqual(['kata-menu']);
    expect(slugsOf(await search('id', 'tu'))).toEqual(['kata-tu']);
    expect([...(slugsOf(await search('id', 'soal tarik')) as string[])].sort()).toEqual(['kata-menarik', 'kata-tarik']);
    expect(slugsOf(await search('id', 'menarik jembatan'))).toEqual([]);
    const written = await search('id', 'tulis');
    if (written.kind === 'results') expect(written.results.find((hit) => hit.story.slug === 'kata-penulis')!.snippet).toContain('<mark>penulis</mark>');
  });

  it('needs every word, and a word is never the prefix of another ("air" is not "ai")', async () => {
    expect(slugsOf(await search('id', 'jembatan rumah'))).toEqual([]);
    expect(slugsOf(await search('id', 'warga rumah'))).toEqual(['membangun-rumah']);
    expect(slugsOf(await search('id', 'ai'))).toEqual([]);
    expect(slugsOf(await search('id', 'air'))).toEqual(['air-bersih']);
  });

  it('English uses the English stemmer, in its own index', async () => {
    expect(slugsOf(await search('en', 'cooperate'))).toEqual(['port-cooperation']);
    expect(slugsOf(await search('en', 'builds'))).toEqual(['bridge-building']);
    expect(slugsOf(await search('en', 'bangun'))).toEqual([]);
  });

  it('ranks the newer story first among equally good matches, and counts them', async () => {
    store.write([
      { file: 'id/kembar-lama.md', source: story('kembar-lama', { title: 'Laporan gempa Cianjur', daysAgo: 400 }) },
      { file: 'id/kembar-baru.md', source: story('kembar-baru', { title: 'Laporan gempa Cianjur', daysAgo: 10 }) },
    ]);
    refreshContent();
    const answer = await search('id', 'gempa cianjur');
    expect(slugsOf(answer)).toEqual(['kembar-baru', 'kembar-lama']);
    expect(answer).toMatchObject({ kind: 'results', total: 2, page: 1, pageCount: 1, capped: false });
    if (answer.kind === 'results') expect(answer.results[0]!.rank).toBeGreaterThan(answer.results[1]!.rank);
  });

  it('marks the matched words in an escaped snippet', async () => {
    const answer = await search('id', 'keamanan');
    expect(answer.kind).toBe('results');
    if (answer.kind !== 'results') return;
    const { snippet } = answer.results[0]!;
    expect(snippet).toContain('Teks &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;kutip&quot; tentang <mark>keamanan</mark>.');
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
    const built = await search('id', 'bangun');
    if (built.kind === 'results') expect(built.results.find((hit) => hit.story.slug === 'pembangunan-jembatan')!.snippet).toContain('<mark>dibangun</mark>');
  });

  it('takes hostile queries as words', async () => {
    for (const q of ["' OR 1=1 --", 'a & b | !c', '<script>', 'script']) expect((await search('id', q)).kind, q).toBe('results');
    expect(slugsOf(await search('id', '<script>'))).toEqual(['skrip-jahat']);
    expect((await search('id', 'x'.repeat(10_000))).kind).toBe('refused');
  });

  it('follows publishing: a new story is found, a taken-down one is not, and only changed stories are indexed again', async () => {
    await search('id', 'bangun');
    const index = languageIndex('id');
    const before = new Map(index.articles);
    store.write([{ file: 'id/baru.md', source: story('pembangunan-bendungan', { title: 'Pembangunan bendungan rampung', daysAgo: 0.5 }) }]);
    refreshContent();
    expect(slugsOf(await search('id', 'bangun'))).toContain('pembangunan-bendungan');
    for (const [file, article] of before) expect(index.articles.get(file), file).toBe(article);
    store.write([{ file: 'id/baru.md', source: withFrontMatterField('id/baru.md', story('pembangunan-bendungan', { title: 'Pembangunan bendungan rampung', daysAgo: 0.5 }), 'status', 'draft') }]);
    refreshContent();
    expect(slugsOf(await search('id', 'bendungan'))).toEqual([]);
    expect(languageIndex('id')).toBe(index);
  });

  it('pages through results and says past the last page', async () => {
    store.write(Array.from({ length: 23 }, (_, i) => ({ file: `id/banjir-${i}.md`, source: story(`banjir-${i}`, { title: `Banjir di kota ${i}`, daysAgo: i + 1 }) })));
    refreshContent();
    const first = await search('id', 'banjir');
    expect(first).toMatchObject({ total: 23, pageCount: 3, page: 1 });
    expect(slugsOf(first)).toHaveLength(10);
    expect(slugsOf(await search('id', 'banjir', '3'))).toHaveLength(3);
    expect(await search('id', 'banjir', '4')).toMatchObject({ kind: 'results', total: 23, results: [] });
  });
});
