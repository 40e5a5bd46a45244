import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountError, addAccount, currentDeskUser, disableAccount, endSessions, resetPassword, setRole, signIn, signOut } from '@/lib/desk/accounts';
import { closeDesk, deskStore } from '@/lib/desk/auth';
import { migrate, testDatabase, type TestDatabase } from '../../e2e/support/postgres';
import { LOCKOUT_POLICY } from '@/lib/desk/lockout';

// Accounts and sessions through better-auth over each of the desk's stores, as the server and
// `npm run desk:user` use them: a real SQLite file (node:sqlite), and a real PostgreSQL database of
// this run's own (kabar_test_<random>, migrated by `npm run db:migrate`, dropped afterwards). The
// lockout's waits are recorded rather than slept.
const dir = mkdtempSync(path.join(tmpdir(), 'kabar-desk-test-'));
const saved = { DESK_DB: process.env.DESK_DB, DATABASE_URL: process.env.DATABASE_URL, DESK_SECRET: process.env.DESK_SECRET };
const waits: number[] = [];
const noWait = async (ms: number) => void waits.push(ms);
const PASSWORD = 'a long enough password';

let pg: TestDatabase | undefined;
let pgSkipped = '';
beforeAll(async () => {
  const made = await testDatabase();
  if ('skipped' in made) pgSkipped = made.skipped;
  else {
    pg = made;
    migrate(pg.url);
  }
}, 120_000);
afterAll(async () => {
  await closeDesk();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  rmSync(dir, { recursive: true, force: true });
  await pg?.remove();
});

/** Points the desk at one store for a describe block: SQLite (DESK_DB) or PostgreSQL (DATABASE_URL). */
function useStore(kind: 'sqlite' | 'postgres') {
  beforeAll(async () => {
    await closeDesk();
    delete process.env.DESK_SECRET;
    delete process.env.DESK_DB;
    delete process.env.DATABASE_URL;
    if (kind === 'sqlite') process.env.DESK_DB = path.join(dir, 'desk.sqlite');
    else if (pg) process.env.DATABASE_URL = pg.url;
  });
  afterAll(() => closeDesk());
}

const cookieHeader = (setCookies: readonly string[]) => new Headers({ cookie: setCookies.map((c) => c.split(';', 1)[0]).join('; ') });

// Password hashing (scrypt) is slow on purpose: a busy machine takes a second per sign-in.
for (const kind of ['sqlite', 'postgres'] as const) describe(`desk accounts (${kind})`, { timeout: 60_000 }, () => {
  useStore(kind);
  const skip = () => kind === 'postgres' && !pg && (console.log(`skipped: ${pgSkipped}`), true);

  it('has no account until one is added, and then signs it in with an httpOnly, SameSite=Lax, expiring cookie', async () => {
    if (skip()) return;
    expect((await signIn({ email: 'first@kabar.test', password: PASSWORD }, { secure: false, wait: noWait })).ok).toBe(false);
    const user = await addAccount({ email: ' First@Kabar.Test ', role: 'admin', password: PASSWORD }, 'cli');
    expect(user).toMatchObject({ email: 'first@kabar.test', role: 'admin' });
    expect(deskStore().kind, 'the store this block is about').toBe(kind);
    const result = await signIn({ email: 'FIRST@kabar.test', password: PASSWORD }, { secure: false, wait: noWait });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [cookie] = result.setCookies;
    expect(cookie).toMatch(/^kabar_desk\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=\d+/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await currentDeskUser(cookieHeader(result.setCookies), { secure: false })).toMatchObject({ email: 'first@kabar.test', role: 'admin' });
  });

  it('makes the cookie Secure (and __Secure-) over https', async () => {
    if (skip()) return;
    const result = await signIn({ email: 'first@kabar.test', password: PASSWORD }, { secure: true, wait: noWait });
    expect(result.ok && result.setCookies[0]).toMatch(/^__Secure-kabar_desk\.session_token=.*; Secure/);
  });

  it('refuses bad input with a message that names the problem', async () => {
    if (skip()) return;
    await expect(addAccount({ email: 'first@kabar.test', role: 'editor', password: PASSWORD }, 'cli')).rejects.toThrow(/exists already/);
    await expect(addAccount({ email: 'not-an-address', role: 'editor', password: PASSWORD }, 'cli')).rejects.toThrow(AccountError);
    await expect(addAccount({ email: 'x@kabar.test', role: 'owner', password: PASSWORD }, 'cli')).rejects.toThrow(/not a role/);
    await expect(addAccount({ email: 'x@kabar.test', role: 'editor', password: 'short' }, 'cli')).rejects.toThrow(/too short/);
    await expect(setRole({ email: 'nobody@kabar.test', role: 'editor' }, 'cli')).rejects.toThrow(/No account/);
  });

  it('answers a wrong password and an unknown address alike, slows them, then locks both', async () => {
    if (skip()) return;
    await addAccount({ email: 'rep@kabar.test', role: 'reporter', password: PASSWORD }, 'cli');
    waits.length = 0;
    for (let i = 0; i < LOCKOUT_POLICY.lockAfter; i++) {
      expect(await signIn({ email: 'rep@kabar.test', password: 'wrong password' }, { secure: false, wait: noWait })).toEqual({ ok: false, reason: 'invalid' });
      expect(await signIn({ email: 'ghost@kabar.test', password: 'wrong password' }, { secure: false, wait: noWait })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(waits.filter((ms) => ms > 0).length, 'the attempts after the free ones waited').toBe(2 * (LOCKOUT_POLICY.lockAfter - LOCKOUT_POLICY.freeAttempts));
    const locked = await signIn({ email: 'rep@kabar.test', password: PASSWORD }, { secure: false, wait: noWait });
    expect(locked).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn({ email: 'ghost@kabar.test', password: PASSWORD }, { secure: false, wait: noWait })).toMatchObject({ ok: false, reason: 'locked' });
    // A reset lifts the lock.
    await resetPassword({ email: 'rep@kabar.test', password: `${PASSWORD} 2` }, 'cli');
    expect((await signIn({ email: 'rep@kabar.test', password: `${PASSWORD} 2` }, { secure: false, wait: noWait })).ok).toBe(true);
    expect((await deskStore().listAudit({ target: 'rep@kabar.test' })).map((e) => e.action)).toContain('session.sign-in-failed');
  });

  it('ends a session on sign-out: the same cookie opens nothing after', async () => {
    if (skip()) return;
    const result = await signIn({ email: 'first@kabar.test', password: PASSWORD }, { secure: false, wait: noWait });
    if (!result.ok) throw new Error('sign-in failed');
    const headers = cookieHeader(result.setCookies);
    const cleared = await signOut(headers, { secure: false });
    expect(cleared.join('\n')).toMatch(/kabar_desk\.session_token=; Max-Age=0/);
    expect(await currentDeskUser(headers, { secure: false })).toBeUndefined();
  });

  it('lets an admin end all of a user’s sessions, change a role, and disable an account', async () => {
    if (skip()) return;
    const a = await signIn({ email: 'rep@kabar.test', password: `${PASSWORD} 2` }, { secure: false, wait: noWait });
    const b = await signIn({ email: 'rep@kabar.test', password: `${PASSWORD} 2` }, { secure: true, wait: noWait });
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    await setRole({ email: 'rep@kabar.test', role: 'editor' }, 'cli');
    expect((await currentDeskUser(cookieHeader(a.setCookies), { secure: false }))?.role, 'the new role applies at once').toBe('editor');
    expect(await endSessions({ email: 'rep@kabar.test' }, 'cli')).toBeGreaterThanOrEqual(2);
    expect(await currentDeskUser(cookieHeader(a.setCookies), { secure: false })).toBeUndefined();
    expect(await currentDeskUser(cookieHeader(b.setCookies), { secure: true })).toBeUndefined();

    await disableAccount({ email: 'rep@kabar.test' }, 'cli');
    expect(await signIn({ email: 'rep@kabar.test', password: `${PASSWORD} 2` }, { secure: false, wait: noWait })).toEqual({ ok: false, reason: 'invalid' });
    const actions = (await deskStore().listAudit({ target: 'rep@kabar.test' })).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['cli account.add', 'cli account.set-role', 'cli account.end-sessions', 'cli account.disable']));
  });

  // PostgreSQL's tables are db/migrations/002-desk.sql's, checked when the store opens (pg-store.test.ts).
  it.runIf(kind === 'sqlite')('keeps better-auth’s tables under desk_ names beside its own', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(process.env.DESK_DB!);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    db.close();
    expect(tables).toEqual(['desk_account', 'desk_audit', 'desk_login_failures', 'desk_meta', 'desk_presence', 'desk_revisions', 'desk_session', 'desk_user', 'desk_verification']);
  });

  it('keeps its data across restarts, signing key included', async () => {
    if (skip()) return;
    const result = await signIn({ email: 'first@kabar.test', password: PASSWORD }, { secure: false, wait: noWait });
    if (!result.ok) throw new Error('sign-in failed');
    await closeDesk();
    expect(await currentDeskUser(cookieHeader(result.setCookies), { secure: false })).toMatchObject({ email: 'first@kabar.test' });
  });
});
