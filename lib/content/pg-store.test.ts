import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate, testDatabase, type TestDatabase } from '../../e2e/support/postgres';
import { freePort } from '../../e2e/support/tools';
import { connectDatabase } from '@/db/connection.mjs';
import { storyMeta } from '@/lib/content/meta';
import { parseArticle } from '@/lib/content/parse';
import { PgStore } from '@/lib/content/pg-store';
import { sourceHash, transactContent } from '@/lib/content/pg-writer';

// The PostgreSQL content store against a real server, in a database of this run's own
// (kabar_test_<random>, dropped afterwards): what a writer commits reaches a running store through
// NOTIFY, with the files it names; what it rolls back reaches nobody.

const at = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
function story(slug: string, { title = `Judul ${slug}`, status = 'published', translationId = slug } = {}) {
  return `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan."\nsection: world\npublishedAt: "${at}"\nupdatedAt: "${at}"\nsource:\n  name: Cnbc\nstatus: ${status}\n---\nIsi.\n`;
}

let db: TestDatabase | undefined;
let skipped = '';
const stores: PgStore[] = [];

beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) {
    skipped = made.skipped;
    console.log(`pg-store: skipped, ${skipped}`);
    return;
  }
  db = made;
  migrate(db.url);
  await transactContent(db.url, (tx) => tx.write([{ file: 'id/satu.md', source: story('satu') }, { file: 'id/draf.md', source: story('draf', { status: 'draft' }) }]));
}, 120_000);

afterAll(async () => {
  for (const store of stores) await store.close();
  await db?.remove();
});

function store(url = db!.url) {
  const made = new PgStore(url);
  stores.push(made);
  return made;
}

describe('PgStore', () => {
  it('keeps every story’s meta in memory, drafts included, with the hash of its source, and reads a source when asked', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const opened = store();
    await opened.open();
    const contents = opened.read();
    expect(contents.files).toBeUndefined();
    expect([...contents.stories!.keys()].sort()).toEqual(['id/draf.md', 'id/satu.md']);
    expect(contents.stories!.get('id/satu.md')).toEqual(storyMeta(parseArticle('id/satu.md', story('satu'))));
    expect(contents.stories!.get('id/satu.md')).not.toHaveProperty('body');
    expect(contents.hashes.get('id/satu.md')).toBe(sourceHash(story('satu')).slice(0, 16));
    expect([...contents.stories!.values()].map((a) => a.status).sort()).toEqual(['draft', 'published']);
    const sources = await opened.readSources(['id/satu.md', 'id/tidak-ada.md']);
    expect([...sources.keys()]).toEqual(['id/satu.md']);
    expect(sources.get('id/satu.md')).toEqual({ source: story('satu'), hash: sourceHash(story('satu')).slice(0, 16) });
  });

  it('reads synchronously before it is opened (a build worker), through db/dump-content.mjs', () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const contents = store().read();
    expect(contents.stories!.get('id/satu.md')?.title).toBe('Judul satu');
  });

  it('reads a row written before migration 007 from its source, and names such a row that does not parse', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const sql = connectDatabase(db.url, { max: 1 });
    try {
      await sql`UPDATE articles SET meta = NULL WHERE file = 'id/satu.md'`;
      const opened = store();
      await opened.open();
      expect(opened.read().stories!.get('id/satu.md')?.title).toBe('Judul satu');
      await sql`UPDATE articles SET meta = NULL, source = 'no front matter', hash = md5('broken'), written_at = clock_timestamp() WHERE file = 'id/draf.md'`;
      await opened.catchUp();
      expect(() => opened.read()).toThrow(/id\/draf\.md/);
    } finally {
      await transactContent(db.url, (tx) => tx.write([{ file: 'id/satu.md', source: story('satu') }, { file: 'id/draf.md', source: story('draf', { status: 'draft' }) }]));
      await sql.end({ timeout: 1 });
    }
  });

  it('sees a commit by another writer within 5 s, told which files changed; a rolled-back transaction reaches nobody', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const opened = store();
    await opened.open();
    const seen: (string[] | undefined)[] = [];
    const notifiedAt: (number | undefined)[] = [];
    opened.watch((files, at) => {
      seen.push(files);
      notifiedAt.push(at);
    });
    const versionBefore = opened.read().version;

    await expect(
      transactContent(db.url, (tx) => {
        tx.write([{ file: 'id/batal.md', source: story('batal') }]);
        throw new Error('the editor changed their mind');
      }),
    ).rejects.toThrow('changed their mind');

    const started = Date.now();
    await transactContent(db.url, (tx) => {
      tx.write([{ file: 'id/satu.md', source: story('satu', { title: 'Judul baru' }) }]);
      tx.recordTakedowns([{ translationId: 'lama', locale: 'id', slug: 'lama', at: new Date().toISOString() }]);
    });
    await vi.waitFor(() => expect(seen).toEqual([['id/satu.md']]), { timeout: 5_000, interval: 20 });
    console.log(`pg-store: a commit reached the listening store in ${Date.now() - started} ms`);
    // With the time of the commit, from which each instance measures its publish lag.
    expect(notifiedAt[0]).toBeGreaterThanOrEqual(started);
    expect(notifiedAt[0]).toBeLessThanOrEqual(Date.now());
    const contents = opened.read();
    expect(contents.stories!.get('id/satu.md')?.title).toBe('Judul baru');
    expect(contents.stories!.has('id/batal.md')).toBe(false);
    expect(contents.takedowns.map((t) => t.slug)).toEqual(['lama']);
    expect(contents.version).not.toBe(versionBefore);
  }, 20_000);

  it('finds on its periodic re-read a change whose notification was lost, reading again only the rows that differ', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    const opened = store();
    await opened.open();
    const sql = connectDatabase(db.url, { max: 1 });
    try {
      // A write that sends no NOTIFY (as if it were lost): the stamp of the table changes all the same.
      await sql`UPDATE articles SET meta = jsonb_set(meta, '{title}', '"Judul diam-diam"'), hash = md5(random()::text), written_at = clock_timestamp() WHERE file = 'id/satu.md'`;
      const before = opened.read().stories!.get('id/satu.md')?.title;
      expect(before).not.toBe('Judul diam-diam');
      await opened.catchUp();
      expect(opened.read().stories!.get('id/satu.md')?.title).toBe('Judul diam-diam');
      await sql`DELETE FROM articles WHERE file = 'id/draf.md'`;
      await opened.catchUp();
      expect(opened.read().stories!.has('id/draf.md')).toBe(false);
    } finally {
      await transactContent(db.url, (tx) => tx.write([{ file: 'id/satu.md', source: story('satu') }, { file: 'id/draf.md', source: story('draf', { status: 'draft' }) }]));
      await sql.end({ timeout: 1 });
    }
  });

  it('refuses a row that breaks a cross-file rule even from a writer that skips validation', async () => {
    if (!db) return void console.log(`skipped: ${skipped}`);
    await expect(transactContent(db.url, (tx) => tx.write([{ file: 'id/salinan.md', source: story('satu', { translationId: 'lain' }) }]))).rejects.toThrow(
      /articles_one_slug_per_language/,
    );
  });

  it('names the server it cannot reach, in one line', async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/kabar`;
    await expect(new PgStore(url, 0).open()).rejects.toThrow(`Cannot reach PostgreSQL at 127.0.0.1:${port}/kabar (DATABASE_URL): connect ECONNREFUSED`);
    expect(() => new PgStore(url).read()).toThrow(`Cannot reach PostgreSQL at 127.0.0.1:${port}/kabar (DATABASE_URL)`);
  });
});
