import path from 'node:path';

/**
 * Where the desk keeps its own data (accounts, sessions, audit log): never the stories, which stay
 * in the content store. An SQLite file by default (DESK_DB, else data/desk.sqlite under the working
 * folder, which git ignores), so the desk works on a fresh machine with no service installed.
 *
 * With DATABASE_URL set the site is a cluster on PostgreSQL, where one SQLite file per instance
 * would give each instance its own accounts and sessions. The desk's PostgreSQL store is not built
 * yet, so there it needs DESK_DB named on purpose (a single instance, or a shared volume) rather
 * than silently splitting accounts across instances. See docs/decisions/026-desk-on-the-publish-path.md.
 */
export type DeskStoreConfig = { kind: 'sqlite'; file: string };

export const DEFAULT_DESK_DB = path.join('data', 'desk.sqlite');

export class DeskStoreUnavailableError extends Error {
  override name = 'DeskStoreUnavailableError';
}

export const DESK_SECRET_TOO_SHORT =
  'DESK_SECRET is too short: at least 32 characters, e.g. `openssl rand -base64 48` (or unset it: the desk then makes its own and keeps it in its store).';

export function deskStoreConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): DeskStoreConfig {
  const secret = env.DESK_SECRET?.trim();
  if (secret && secret.length < 32) throw new DeskStoreUnavailableError(DESK_SECRET_TOO_SHORT);
  const file = env.DESK_DB?.trim();
  if (file) return { kind: 'sqlite', file: path.resolve(cwd, file) };
  if (env.DATABASE_URL) {
    throw new DeskStoreUnavailableError(
      'The desk cannot keep its data in PostgreSQL yet (DATABASE_URL is set). Set DESK_DB to an SQLite file path ' +
        '(e.g. DESK_DB=/var/lib/kabar/desk.sqlite) to use the desk on a single instance; see README, "The desk".',
    );
  }
  return { kind: 'sqlite', file: path.resolve(cwd, DEFAULT_DESK_DB) };
}
