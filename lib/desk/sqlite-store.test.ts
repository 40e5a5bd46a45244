import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';

const dir = mkdtempSync(path.join(tmpdir(), 'kabar-desk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite desk store', () => {
  it('creates its file, folder included, and its tables on first use', () => {
    const file = path.join(dir, 'new', 'folder', 'desk.sqlite');
    openSqliteDeskStore(file, {}).close();
    const db = new DatabaseSync(file);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['desk_audit', 'desk_login_failures', 'desk_meta', 'desk_revisions']));
    expect(tables.filter((t) => !t.startsWith('desk_') && !t.startsWith('sqlite_')), 'every table is the desk’s').toEqual([]);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    db.close();
  });

  it('keeps the audit log, newest first, and by target', async () => {
    const store = openSqliteDeskStore(path.join(dir, 'audit.sqlite'), {});
    await store.recordAudit({ at: 1, actor: 'cli', action: 'account.add', target: 'a@kabar.test', detail: 'reporter' });
    await store.recordAudit({ at: 2, actor: 'a@kabar.test', action: 'session.sign-in', target: 'a@kabar.test' });
    await store.recordAudit({ at: 3, actor: 'cli', action: 'account.add', target: 'b@kabar.test', detail: 'editor' });
    expect((await store.listAudit()).map((e) => e.at)).toEqual([3, 2, 1]);
    expect(await store.listAudit({ target: 'a@kabar.test', limit: 1 })).toEqual([{ at: 2, actor: 'a@kabar.test', action: 'session.sign-in', target: 'a@kabar.test' }]);
    store.close();
  });

  it('keeps login failures per address until cleared', async () => {
    const store = openSqliteDeskStore(path.join(dir, 'failures.sqlite'), {});
    expect(await store.loginFailures('a@kabar.test')).toBeUndefined();
    await store.saveLoginFailures('a@kabar.test', { count: 2, lastAt: 10 });
    await store.saveLoginFailures('a@kabar.test', { count: 5, lastAt: 20, lockedUntil: 900 });
    expect(await store.loginFailures('a@kabar.test')).toEqual({ count: 5, lastAt: 20, lockedUntil: 900 });
    await store.clearLoginFailures('a@kabar.test');
    expect(await store.loginFailures('a@kabar.test')).toBeUndefined();
    store.close();
  });

  it('keeps its data and its signing key across reopening, migrating nothing twice; DESK_SECRET wins', async () => {
    const file = path.join(dir, 'reopen.sqlite');
    const first = openSqliteDeskStore(file, {});
    const secret = first.secret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await first.recordAudit({ at: 1, actor: 'cli', action: 'account.add', target: 'a@kabar.test' });
    first.close();
    const second = openSqliteDeskStore(file, {});
    expect(second.secret()).toBe(secret);
    expect(await second.listAudit()).toHaveLength(1);
    second.close();
    const configured = openSqliteDeskStore(file, { DESK_SECRET: 'a configured secret of enough length' });
    expect(configured.secret()).toBe('a configured secret of enough length');
    configured.close();
    expect(() => openSqliteDeskStore(file, { DESK_SECRET: 'short' }).secret()).toThrow(/DESK_SECRET is too short/);
    expect(openSqliteDeskStore(path.join(dir, 'other.sqlite'), {}).secret(), 'each new file its own key').not.toBe(secret);
  });

  it('keeps story revisions: a saved one is listed for its story, newest first; a refused one only by its id', async () => {
    const store = openSqliteDeskStore(path.join(dir, 'revisions.sqlite'), {});
    const base = { actor: 'e@kabar.test', story: 'id/ai', file: 'id/ai.md', base: 'abc', action: 'save' } as const;
    const first = await store.saveRevision({ ...base, at: 1, outcome: 'saved', source: 'one' });
    const refused = await store.saveRevision({ ...base, at: 2, outcome: 'conflict', source: 'mine', message: 'changed' });
    const second = await store.saveRevision({ ...base, at: 3, outcome: 'saved', source: 'two' });
    expect((await store.listRevisions('id/ai')).map((r) => [r.id, r.source])).toEqual([
      [second, 'two'],
      [first, 'one'],
    ]);
    expect(await store.listRevisions('en/ai')).toEqual([]);
    expect(await store.getRevision(refused)).toEqual({ ...base, id: refused, at: 2, outcome: 'conflict', source: 'mine', message: 'changed' });
    expect(await store.getRevision(9999)).toBeUndefined();
    await store.close();
  });
  it('knows the stories in review: submitted, and not saved since (a refused save does not count)', async () => {
    const a = openSqliteDeskStore(path.join(dir, 'review.sqlite'), {});
    const base = { actor: 'r@kabar.test', file: 'id/ai.md', base: 'abc', source: 's' } as const;
    await a.saveRevision({ ...base, story: 'id/ai', at: 1, action: 'save', outcome: 'saved' });
    await a.saveRevision({ ...base, story: 'id/ai', at: 2, action: 'submit', outcome: 'saved' });
    await a.saveRevision({ ...base, story: 'id/ai', at: 3, action: 'save', outcome: 'conflict' });
    await a.saveRevision({ ...base, story: 'id/banjir', at: 4, action: 'submit', outcome: 'saved' });
    await a.saveRevision({ ...base, story: 'id/banjir', at: 5, action: 'save', outcome: 'saved' });
    await a.saveRevision({ ...base, story: 'en/ai', at: 6, action: 'submit', outcome: 'saved' });
    await a.saveRevision({ ...base, story: 'en/ai', at: 7, action: 'publish', outcome: 'saved' });
    expect(await a.storiesInReview()).toEqual(new Set(['id/ai']));
    await a.close();
  });
});
