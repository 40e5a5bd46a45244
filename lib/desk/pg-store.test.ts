import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, testDatabase, type TestDatabase } from '../../e2e/support/postgres';
import { openPgDeskStore } from '@/lib/desk/pg-store';

// The PostgreSQL desk store against a real server, in databases of this run's own
// (kabar_test_<random>, dropped afterwards): one migrated by `npm run db:migrate`, one left empty.
let migrated: TestDatabase | undefined;
let empty: TestDatabase | undefined;
let skipped = '';

beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) {
    skipped = made.skipped;
    return;
  }
  migrated = made;
  migrate(migrated.url);
  const other = await testDatabase();
  if (!('skipped' in other)) empty = other;
}, 120_000);
afterAll(async () => {
  await migrated?.remove();
  await empty?.remove();
});

describe('the PostgreSQL desk store', () => {
  it('names the missing tables and the command that makes them, on a database not migrated', async () => {
    if (!empty) return void console.log(`skipped: ${skipped}`);
    await expect(openPgDeskStore(empty.url, {})).rejects.toThrow(/desk_user.*npm run db:migrate/);
  });

  it('says which database it cannot reach, without its password', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const error = await openPgDeskStore('postgres://kabar:secret-password@127.0.0.1:1/kabar', {}).catch((e: Error) => e);
    expect(String(error)).toMatch(/cannot reach its database at 127\.0\.0\.1:1\/kabar/);
    expect(String(error)).not.toContain('secret-password');
  });

  it('keeps the audit log and login failures, and one signing key for every instance', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const [a, b] = await Promise.all([openPgDeskStore(migrated.url, {}), openPgDeskStore(migrated.url, {})]);
    try {
      expect(a.kind).toBe('postgres');
      expect(a.secret()).toBe(b.secret());
      expect(a.secret().length).toBeGreaterThanOrEqual(32);
      await a.recordAudit({ at: 1, actor: 'cli', action: 'account.add', target: 'a@kabar.test', detail: 'reporter' });
      await b.recordAudit({ at: 2, actor: 'a@kabar.test', action: 'session.sign-in', target: 'a@kabar.test' });
      expect(await a.listAudit({ target: 'a@kabar.test' })).toEqual([
        { at: 2, actor: 'a@kabar.test', action: 'session.sign-in', target: 'a@kabar.test' },
        { at: 1, actor: 'cli', action: 'account.add', target: 'a@kabar.test', detail: 'reporter' },
      ]);
      await a.saveLoginFailures('a@kabar.test', { count: 5, lastAt: 20, lockedUntil: 900 });
      expect(await b.loginFailures('a@kabar.test'), 'a lockout holds on every instance').toEqual({ count: 5, lastAt: 20, lockedUntil: 900 });
      await b.clearLoginFailures('a@kabar.test');
      expect(await a.loginFailures('a@kabar.test')).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps story revisions for every instance, saved ones listed by story (db/migrations/003)', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const [a, b] = await Promise.all([openPgDeskStore(migrated.url, {}), openPgDeskStore(migrated.url, {})]);
    try {
      const base = { actor: 'e@kabar.test', story: 'id/ai', file: 'id/ai.md', base: 'abc', action: 'save' } as const;
      const saved = await a.saveRevision({ ...base, at: 1, outcome: 'saved', source: 'one' });
      const refused = await a.saveRevision({ ...base, at: 2, outcome: 'failed', source: 'mine', message: 'down' });
      expect((await b.listRevisions('id/ai')).map((r) => [r.id, r.at, r.source])).toEqual([[saved, 1, 'one']]);
      expect(await b.getRevision(refused)).toEqual({ ...base, id: refused, at: 2, outcome: 'failed', source: 'mine', message: 'down' });
    } finally {
      await a.close();
      await b.close();
    }
  });
  it('knows the stories in review: submitted, and not saved since (a refused save does not count)', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const [a, b] = await Promise.all([openPgDeskStore(migrated.url, {}), openPgDeskStore(migrated.url, {})]);
    try {
      const base = { actor: 'r@kabar.test', file: 'id/ai.md', base: 'abc', source: 's' } as const;
      await a.saveRevision({ ...base, story: 'id/ai', at: 1, action: 'save', outcome: 'saved' });
      await a.saveRevision({ ...base, story: 'id/ai', at: 2, action: 'submit', outcome: 'saved' });
      await a.saveRevision({ ...base, story: 'id/ai', at: 3, action: 'save', outcome: 'conflict' });
      await a.saveRevision({ ...base, story: 'id/banjir', at: 4, action: 'submit', outcome: 'saved' });
      await a.saveRevision({ ...base, story: 'id/banjir', at: 5, action: 'save', outcome: 'saved' });
      await a.saveRevision({ ...base, story: 'en/ai', at: 6, action: 'submit', outcome: 'saved' });
      await a.saveRevision({ ...base, story: 'en/ai', at: 7, action: 'publish', outcome: 'saved' });
      expect(await b.storiesInReview()).toEqual(new Set(['id/ai']));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

