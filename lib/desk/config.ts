import path from 'node:path';

/**
 * Where the desk keeps its own data (accounts, sessions, audit log): never the stories, which stay
 * in the content store. With DATABASE_URL set (the site's PostgreSQL, shared by every instance),
 * there, in the desk_ tables that `npm run db:migrate` makes. Otherwise an SQLite file (DESK_DB, else
 * data/desk.sqlite under the working folder, which git ignores), so the desk works on a fresh
 * machine with no service installed. DESK_DB set on purpose wins over DATABASE_URL (one instance
 * keeping its desk apart). See docs/decisions/026-desk-on-the-publish-path.md.
 */
export type DeskStoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

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
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'sqlite', file: path.resolve(cwd, DEFAULT_DESK_DB) };
}
