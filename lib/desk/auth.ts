import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { admin } from 'better-auth/plugins';
import { deskStoreConfig } from '@/lib/desk/config';
import { openPgDeskStore } from '@/lib/desk/pg-store';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';
import type { DeskStore } from '@/lib/desk/store';

/**
 * Accounts and sessions through better-auth (decision 026): its password hashing (scrypt), its
 * session table and signed session cookie, and its admin plugin's role, ban and session-revoking
 * fields. Sign-up is off: accounts come from `npm run desk:user` (and later the desk's own admin).
 * Its rate limiter is off too: it counts per IP and path of its own HTTP handler, which the desk
 * does not mount; wrong passwords are counted per address instead (lib/desk/lockout.ts).
 */

/** The session cookie's name is `<prefix>.session_token` (`__Secure-` in front over https). */
export const DESK_COOKIE_PREFIX = 'kabar_desk';
/** A session ends after 12 hours of no use, and is extended at most once an hour. */
export const DESK_SESSION_SECONDS = 12 * 60 * 60;
export const DESK_PASSWORD_MIN = 12;

export function deskAuthOptions(store: DeskStore, { secure }: { secure: boolean }) {
  return {
    appName: 'Kabar Kini desk',
    database: store.authDatabase as BetterAuthOptions['database'],
    secret: store.secret(),
    baseURL: process.env.SITE_URL || 'http://localhost:3000',
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: DESK_PASSWORD_MIN, maxPasswordLength: 256 },
    // Table names of the desk's own (a PostgreSQL store will share a database with the articles, where
    // "user" is a reserved word).
    user: { modelName: 'desk_user' },
    account: { modelName: 'desk_account' },
    verification: { modelName: 'desk_verification' },
    session: { modelName: 'desk_session', expiresIn: DESK_SESSION_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: false } },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Failed sign-ins are in the desk's audit log; better-auth's own warnings would only repeat them.
    logger: { level: 'error' },
    advanced: {
      cookiePrefix: DESK_COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
    plugins: [admin({ defaultRole: 'reporter', adminRoles: ['admin'], bannedUserMessage: 'disabled' })],
  } satisfies BetterAuthOptions;
}

type DeskAuth = ReturnType<typeof betterAuth<ReturnType<typeof deskAuthOptions>>>;

interface DeskState {
  store?: DeskStore;
  auth: Map<boolean, DeskAuth>;
  ready?: Promise<void>;
}

const STATE = Symbol.for('kabar-kini.desk');

/** One store per process, shared by the desk's pages and route handlers (separate bundles). */
function state(): DeskState {
  const g = globalThis as typeof globalThis & { [STATE]?: DeskState };
  return (g[STATE] ??= { auth: new Map() });
}

/** The desk's store, once `prepareDesk()` has opened it. */
export function deskStore(): DeskStore {
  const store = state().store;
  if (!store) throw new Error('The desk store is not open yet: await prepareDesk() first.');
  return store;
}

/** better-auth over the desk's store: one instance for https requests (Secure cookie), one for http. */
export function deskAuth({ secure }: { secure: boolean }): DeskAuth {
  const s = state();
  let auth = s.auth.get(secure);
  if (!auth) s.auth.set(secure, (auth = betterAuth(deskAuthOptions(deskStore(), { secure }))));
  return auth;
}

/**
 * Opens the desk's store once per process, before its first use. The SQLite file is created and
 * migrated here (ours by number, better-auth's by its migrator); PostgreSQL's tables come from
 * `npm run db:migrate`, and a missing one is named (lib/desk/pg-store.ts). A failure is not kept:
 * the next request tries again (the database may be back).
 */
export function prepareDesk(): Promise<void> {
  const s = state();
  return (s.ready ??= (async () => {
    const config = deskStoreConfig();
    if (config.kind === 'postgres') {
      s.store = await openPgDeskStore(config.url);
      return;
    }
    const store = openSqliteDeskStore(config.file);
    try {
      await migrateAuthTables(store);
    } catch (error) {
      await store.close();
      throw error;
    }
    s.store = store;
  })().catch((error: unknown) => {
    s.ready = undefined;
    throw error;
  }));
}

/**
 * better-auth's own tables in a fresh SQLite file. Two processes may make them at once (the server's
 * first request and `npm run desk:user`, or two commands): the one that loses the race sees "table
 * … already exists" and asks the migrator again, which now finds the other's tables.
 */
async function migrateAuthTables(store: DeskStore): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { runMigrations } = await getMigrations(deskAuthOptions(store, { secure: false }));
      await runMigrations();
      return;
    } catch (error) {
      if (attempt >= 5 || !/already exists/i.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** For tests and commands: close the store and forget it. */
export async function closeDesk(): Promise<void> {
  const s = state();
  const { store } = s;
  s.store = undefined;
  s.auth.clear();
  s.ready = undefined;
  await store?.close();
}
