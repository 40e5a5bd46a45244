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

  it('filters the audit log by actor, action (or a family) and target, a page at a time (values bound, not spliced)', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const store = await openPgDeskStore(migrated.url, {});
    try {
      await store.recordAudit({ at: 101, actor: 'cli', action: 'story.publish', target: 'id/banjir.md', detail: 'os user: ayu' });
      await store.recordAudit({ at: 102, actor: 'Editor@kabar.test', action: 'story.save-draft', target: 'id/banjir.md' });
      await store.recordAudit({ at: 103, actor: 'webhook', action: 'story.publish', target: 'en/flood.md' });
      await store.recordAudit({ at: 104, actor: 'editor@kabar.test', action: 'session.sign-in', target: 'editor@kabar.test' });
      const ats = async (query: Parameters<typeof store.listAudit>[0]) => (await store.listAudit(query)).map((e) => e.at).filter((at) => at > 100);
      expect(await ats({ actor: 'EDITOR' })).toEqual([104, 102]);
      expect(await ats({ action: 'story.publish' })).toEqual([103, 101]);
      expect(await ats({ action: 'story.' })).toEqual([103, 102, 101]);
      expect(await ats({ action: 'story' })).toEqual([]);
      expect(await ats({ target: 'BANJIR', actor: 'cli' })).toEqual([101]);
      expect(await ats({ limit: 2 })).toEqual([104, 103]);
      expect(await ats({ limit: 2, offset: 2 })).toEqual([102, 101]);
      expect(await ats({ actor: "' OR 1=1 --" })).toEqual([]);
      expect((await store.listAudit({ actor: 'cli', target: 'banjir' }))[0]).toEqual({ at: 101, actor: 'cli', action: 'story.publish', target: 'id/banjir.md', detail: 'os user: ayu' });
    } finally {
      await store.close();
    }
  });

  it('prunes refused attempts older than 30 days or beyond 20 per story on write, and keeps saved revisions (db/migrations/005)', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const store = await openPgDeskStore(migrated.url, {});
    try {
      const day = 24 * 60 * 60 * 1000;
      const now = Date.UTC(2026, 11, 6);
      const base = { actor: 'e@kabar.test', file: 'id/prune.md', base: 'abc', action: 'save', source: 'x' } as const;
      const oldSaved = await store.saveRevision({ ...base, story: 'id/prune', at: now - 90 * day, outcome: 'saved' });
      const oldRefused = await store.saveRevision({ ...base, story: 'id/prune-other', at: now - 31 * day, outcome: 'conflict' });
      const recentRefused = await store.saveRevision({ ...base, story: 'id/prune-other', at: now - 29 * day, outcome: 'invalid' });
      const refused: number[] = [];
      for (let i = 0; i < 22; i++) refused.push(await store.saveRevision({ ...base, story: 'id/prune', at: now + i, outcome: 'failed' }));
      expect(await store.getRevision(oldRefused)).toBeUndefined();
      expect(await store.getRevision(recentRefused)).toBeDefined();
      expect(await store.getRevision(oldSaved)).toBeDefined();
      expect(await store.getRevision(refused[1]!)).toBeUndefined();
      expect(await store.getRevision(refused[2]!)).toBeDefined();
      expect((await store.listRevisions('id/prune')).map((r) => r.id)).toEqual([oldSaved]);
    } finally {
      await store.close();
    }
  });

  it('keeps who has a story open, shared by every instance (db/migrations/005)', async () => {
    if (!migrated) return void console.log(`skipped: ${skipped}`);
    const [a, b] = await Promise.all([openPgDeskStore(migrated.url, {}), openPgDeskStore(migrated.url, {})]);
    try {
      const gapMs = 45_000;
      await a.touchPresence({ file: 'id/ai.md', email: 'a@kabar.test', name: 'Ayu', at: 1_000, gapMs });
      await b.touchPresence({ file: 'id/ai.md', email: 'b@kabar.test', name: 'Budi', at: 5_000, gapMs });
      await b.touchPresence({ file: 'id/ai.md', email: 'a@kabar.test', name: 'Ayu', at: 16_000, gapMs });
      expect(await a.listPresence('id/ai.md', 0)).toEqual([
        { file: 'id/ai.md', email: 'a@kabar.test', name: 'Ayu', since: 1_000, lastSeen: 16_000 },
        { file: 'id/ai.md', email: 'b@kabar.test', name: 'Budi', since: 5_000, lastSeen: 5_000 },
      ]);
      expect((await b.listPresence('id/ai.md', 10_000)).map((p) => p.email)).toEqual(['a@kabar.test']);
      await a.touchPresence({ file: 'id/ai.md', email: 'b@kabar.test', name: 'Budi', at: 70_000, gapMs });
      await a.touchPresence({ file: 'id/ai.md', email: 'b@kabar.test', name: 'Budi', at: 69_000, gapMs });
      expect((await b.listPresence('id/ai.md', 60_000)).map((p) => [p.email, p.since, p.lastSeen])).toEqual([['b@kabar.test', 70_000, 70_000]]);
      await a.touchPresence({ file: 'en/ai.md', email: 'c@kabar.test', name: 'Citra', at: 70_000 + 25 * 60 * 60 * 1000, gapMs });
      expect(await b.listPresence('id/ai.md', 0)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
