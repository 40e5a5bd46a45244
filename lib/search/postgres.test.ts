import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, testDatabase, type TestDatabase } from '../../e2e/support/postgres';
import { transactContent } from '@/lib/content/pg-writer';
import { searchPostgres } from '@/lib/search/postgres';
import { snippetHtml } from '@/lib/search/snippet';

// PostgreSQL's full-text search on a database of the test's own (TEST_DATABASE_URL, or a private
// cluster; skipped where there is neither), the rows written by the writer every publish uses.

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function story(slug: string, { locale = 'id', daysAgo = 1, title = `Judul ${slug}`, body = 'Isi berita.', status = 'published' } = {}) {
  const at = iso(Date.now() - daysAgo * DAY);
  return `---\ntranslationId: ${slug}\nslug: ${slug}\nlocale: ${locale}\ntitle: ${JSON.stringify(title)}\nsummary: "Ringkasan berita."\nsection: business\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: ${status}\n---\n${body}\n`;
}

/** Words that find each other: a root, and forms whose meN-/peN- prefix took its t or k. */
const NASAL_GROUPS = [
  ['tarik', 'menarik'],
  ['tulis', 'menulis', 'penulis'],
  ['kembang', 'berkembang', 'pengembangan'],
  ['teliti', 'peneliti'],
  ['tahu', 'mengetahui', 'pengetahuan'],
];
const NASAL_STORIES = [...NASAL_GROUPS.flat(), 'menu', 'tu'];

let db: TestDatabase | undefined;
let sql: Sql;
let skipped = '';

beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) {
    skipped = made.skipped;
    return;
  }
  db = made;
  migrate(db.url);
  await transactContent(db.url, (tx) =>
    tx.write([
      { file: 'id/kerjasama.md', source: story('kerjasama-pelabuhan', { title: 'Kerjasama pelabuhan Jawa dan Bali', daysAgo: 3 }) },
      { file: 'id/bekerja-sama.md', source: story('bekerja-sama-petani', { title: 'Petani bekerja sama mengelola irigasi', daysAgo: 4 }) },
      { file: 'id/kerja-sama.md', source: story('kerja-sama-sekolah', { title: 'Sekolah menjalin kerja sama dengan museum', body: 'Kerjasama itu berjalan setahun.', daysAgo: 5 }) },
      { file: 'id/pembangunan.md', source: story('pembangunan-jembatan', { title: 'Pembangunan jembatan dimulai', body: 'Jembatan itu dibangun selama dua tahun.', daysAgo: 6 }) },
      { file: 'id/membangun.md', source: story('membangun-rumah', { title: 'Warga membangun rumah panggung', daysAgo: 7 }) },
      { file: 'id/bangun.md', source: story('bangun-pagi', { title: 'Bangun pagi di kampung nelayan', daysAgo: 8 }) },
      { file: 'id/draf.md', source: story('draf-bangun', { title: 'Draf pembangunan', status: 'draft' }) },
      { file: 'id/nanti.md', source: story('nanti-bangun', { title: 'Pembangunan yang diembargo', daysAgo: -1 }) },
      { file: 'id/kembar-lama.md', source: story('kembar-lama', { title: 'Laporan gempa Cianjur', daysAgo: 400 }) },
      { file: 'id/kembar-baru.md', source: story('kembar-baru', { title: 'Laporan gempa Cianjur', daysAgo: 10 }) },
      { file: 'id/hostile.md', source: story('skrip-jahat', { title: 'Uji keamanan', body: 'Teks <script>alert("x")</script> & "kutip" \u0002 tentang keamanan.', daysAgo: 9 }) },
      ...NASAL_STORIES.map((word) => ({ file: `id/kata-${word}.md`, source: story(`kata-${word}`, { title: `Soal ${word}`, body: `Mereka ${word} hari ini.`, daysAgo: 2 }) })),
      { file: 'en/cooperation.md', source: story('port-cooperation', { locale: 'en', title: 'Ports agree on cooperation', body: 'They will cooperate on shipping.', daysAgo: 2 }) },
    ]),
  );
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
}, 120_000);

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await db?.remove();
});

const slugs = async (locale: 'id' | 'en', words: string[], page = 1) => (await searchPostgres(sql, locale, words, page)).matches.map((m) => m.slug);

describe('PostgreSQL search', () => {
  it('matches Indonesian words by their stem, compounds in any spelling', async (context) => {
    if (!db) return context.skip(skipped);
    const cooperation = ['kerjasama-pelabuhan', 'bekerja-sama-petani', 'kerja-sama-sekolah'].sort();
    for (const q of [['kerja', 'sama'], ['bekerja', 'sama'], ['kerjasama'], ['bekerjasama']]) expect((await slugs('id', q)).sort(), q.join(' ')).toEqual(cooperation);
    const building = ['pembangunan-jembatan', 'membangun-rumah', 'bangun-pagi'].sort();
    for (const q of ['membangun', 'pembangunan', 'bangun', 'dibangun']) expect((await slugs('id', [q])).sort(), q).toEqual(building);
  });

  it('finds a root and its meN-/peN- forms whose t or k the prefix took (tarik, menarik), each way', async (context) => {
    if (!db) return context.skip(skipped);
    for (const group of NASAL_GROUPS) {
      for (const q of group) expect((await slugs('id', [q])).sort(), q).toEqual(group.map((word) => `kata-${word}`).sort());
    }
    // Either stem is enough ("menu" is not "tu"), and every word is still needed.
    expect(await slugs('id', ['menu'])).toEqual(['kata-menu']);
    expect(await slugs('id', ['tu'])).toEqual(['kata-tu']);
    expect((await slugs('id', ['soal', 'tarik'])).sort()).toEqual(['kata-menarik', 'kata-tarik']);
    expect(await slugs('id', ['menarik', 'jembatan'])).toEqual([]);
    const writer = (await searchPostgres(sql, 'id', ['penulis'], 1)).matches.find((m) => m.slug === 'kata-tulis')!;
    expect(snippetHtml(writer.marked)).toContain('<mark>tulis</mark>');
    const written = (await searchPostgres(sql, 'id', ['tulis'], 1)).matches.find((m) => m.slug === 'kata-penulis')!;
    expect(snippetHtml(written.marked)).toContain('<mark>penulis</mark>');
    const developed = (await searchPostgres(sql, 'id', ['kembang'], 1)).matches.find((m) => m.slug === 'kata-pengembangan')!;
    expect(snippetHtml(developed.marked)).toContain('<mark>pengembangan</mark>');
  });

  it('shows published stories only, never a draft or an embargoed one; English with its own configuration', async (context) => {
    if (!db) return context.skip(skipped);
    expect(await slugs('id', ['draf'])).toEqual([]);
    expect(await slugs('id', ['diembargo'])).toEqual([]);
    expect(await slugs('en', ['cooperate'])).toEqual(['port-cooperation']);
    expect(await slugs('en', ['bangun'])).toEqual([]);
  });

  it('ranks the newer of two equal stories first, counts, and pages', async (context) => {
    if (!db) return context.skip(skipped);
    const found = await searchPostgres(sql, 'id', ['gempa', 'cianjur'], 1);
    expect(found.matches.map((m) => m.slug)).toEqual(['kembar-baru', 'kembar-lama']);
    expect(found.total).toBe(2);
    expect(found.matches[0]!.rank).toBeGreaterThan(found.matches[1]!.rank);
    expect(await searchPostgres(sql, 'id', ['gempa'], 2)).toEqual({ matches: [], total: 2 });
  });

  it('marks the matches in the snippet, closed compounds too, and everything else is escaped', async (context) => {
    if (!db) return context.skip(skipped);
    const [hostile] = (await searchPostgres(sql, 'id', ['keamanan'], 1)).matches;
    // PostgreSQL's parser takes tag-shaped text ("<script>") for markup: it neither indexes it nor
    // shows it in a headline. The rest is the story's text, escaped.
    const html = snippetHtml(hostile!.marked);
    expect(html).toContain('alert(&quot;x&quot;)');
    expect(html).toContain('&amp; &quot;kutip&quot;');
    expect(html).toContain('tentang <mark>keamanan</mark>');
    expect(html).not.toMatch(/<(?!\/?mark>)/);
    const school = (await searchPostgres(sql, 'id', ['kerja', 'sama'], 1)).matches.find((m) => m.slug === 'kerja-sama-sekolah')!;
    expect(snippetHtml(school.marked)).toContain('<mark>Kerjasama</mark>');
    const bridge = (await searchPostgres(sql, 'id', ['bangun'], 1)).matches.find((m) => m.slug === 'pembangunan-jembatan')!;
    expect(snippetHtml(bridge.marked)).toContain('<mark>dibangun</mark>');
  });

  it('takes hostile words as words', async (context) => {
    if (!db) return context.skip(skipped);
    for (const words of [['or', '1', '1'], ['a', 'b', 'c'], ['script'], ['yang', 'dan']]) await expect(searchPostgres(sql, 'id', words, 1), words.join(' ')).resolves.toMatchObject({ total: expect.any(Number) });
    expect(await slugs('id', ['kutip'])).toEqual(['skrip-jahat']);
  });
});
