import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { describeDatabase } from '@/db/connection.mjs';
import { DESK_SECRET_TOO_SHORT, DeskStoreUnavailableError } from '@/lib/desk/config';
import type { LoginFailures } from '@/lib/desk/lockout';
import type { AuditEntry, DeskStore, NewStoryRevision, StoryRevision } from '@/lib/desk/store';

const REVISION_COLUMNS = 'id, at, actor, story, file, base, action, outcome, message, source';
type RevisionRow = Omit<StoryRevision, 'message' | 'outcome' | 'id' | 'at'> & { id: string; at: string; outcome: string; message: string | null };
const revisionOf = ({ id, at, message, outcome, ...rest }: RevisionRow): StoryRevision => ({
  ...rest,
  id: Number(id),
  at: Number(at),
  outcome: outcome as StoryRevision['outcome'],
  ...(message === null ? {} : { message }),
});

/**
 * The desk's data in the site's PostgreSQL (DATABASE_URL), shared by every instance: its tables
 * come from `npm run db:migrate` (db/migrations/002-desk.sql), as the articles' do (decision 015);
 * the desk never changes the schema itself. Through node-postgres, the driver better-auth and its
 * Kysely adapter speak (the content store's own `postgres` client has no Kysely dialect).
 */
const TABLES = ['desk_user', 'desk_session', 'desk_account', 'desk_verification', 'desk_meta', 'desk_audit', 'desk_login_failures', 'desk_revisions'] as const;

export async function openPgDeskStore(url: string, env: Record<string, string | undefined> = process.env): Promise<DeskStore> {
  const pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    const { rows } = await pool.query<{ name: string; present: string | null }>('SELECT name, to_regclass(name) AS present FROM unnest($1::text[]) AS name', [TABLES]);
    const missing = rows.filter((r) => !r.present).map((r) => r.name);
    if (missing.length) {
      throw new DeskStoreUnavailableError(`The desk's tables are missing from ${describeDatabase(url)} (${missing.join(', ')}): run \`npm run db:migrate\` with this DATABASE_URL.`);
    }
    const secret = await loadSecret(pool, env);
    return {
      kind: 'postgres',
      authDatabase: pool,
      secret: () => secret,
      async recordAudit({ at, actor, action, target, detail }: AuditEntry) {
        await pool.query('INSERT INTO desk_audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [at, actor, action, target, detail ?? null]);
      },
      async listAudit({ limit = 100, target }: { limit?: number; target?: string } = {}) {
        const { rows: entries } = await pool.query<{ at: string; actor: string; action: string; target: string; detail: string | null }>(
          target === undefined
            ? 'SELECT at, actor, action, target, detail FROM desk_audit ORDER BY id DESC LIMIT $1'
            : 'SELECT at, actor, action, target, detail FROM desk_audit WHERE target = $2 ORDER BY id DESC LIMIT $1',
          target === undefined ? [limit] : [limit, target],
        );
        return entries.map(({ at, detail, ...rest }) => ({ at: Number(at), ...rest, ...(detail === null ? {} : { detail }) }));
      },
      async loginFailures(key: string): Promise<LoginFailures | undefined> {
        const { rows: found } = await pool.query<{ count: number; last_at: string; locked_until: string | null }>('SELECT count, last_at, locked_until FROM desk_login_failures WHERE key = $1', [key]);
        const row = found[0];
        if (!row) return undefined;
        return { count: row.count, lastAt: Number(row.last_at), ...(row.locked_until === null ? {} : { lockedUntil: Number(row.locked_until) }) };
      },
      async saveLoginFailures(key: string, record: LoginFailures) {
        await pool.query(
          'INSERT INTO desk_login_failures (key, count, last_at, locked_until) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET count = excluded.count, last_at = excluded.last_at, locked_until = excluded.locked_until',
          [key, record.count, record.lastAt, record.lockedUntil ?? null],
        );
      },
      async clearLoginFailures(key: string) {
        await pool.query('DELETE FROM desk_login_failures WHERE key = $1', [key]);
      },
      async saveRevision(r: NewStoryRevision) {
        const { rows: made } = await pool.query<{ id: string }>(
          'INSERT INTO desk_revisions (at, actor, story, file, base, action, outcome, message, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
          [r.at, r.actor, r.story, r.file, r.base, r.action, r.outcome, r.message ?? null, r.source],
        );
        return Number(made[0]!.id);
      },
      async getRevision(id: number) {
        const { rows: found } = await pool.query<RevisionRow>(`SELECT ${REVISION_COLUMNS} FROM desk_revisions WHERE id = $1`, [id]);
        return found[0] && revisionOf(found[0]);
      },
      async listRevisions(story: string, limit = 50) {
        const { rows: found } = await pool.query<RevisionRow>(`SELECT ${REVISION_COLUMNS} FROM desk_revisions WHERE story = $1 AND outcome = 'saved' ORDER BY id DESC LIMIT $2`, [story, limit]);
        return found.map(revisionOf);
      },
      // As in the SQLite store: the newest saved revision of each story says whether it is in review.
      async storiesInReview() {
        const { rows: found } = await pool.query<{ story: string }>(
          `SELECT story FROM desk_revisions r WHERE outcome = 'saved' AND action = 'submit'
           AND id = (SELECT max(id) FROM desk_revisions WHERE story = r.story AND outcome = 'saved')`,
        );
        return new Set(found.map((r) => r.story));
      },
      async close() {
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof DeskStoreUnavailableError) throw error;
    throw new DeskStoreUnavailableError(`The desk cannot reach its database at ${describeDatabase(url)}: ${(error as Error).message || (error as { code?: string }).code}`);
  }
}

async function loadSecret(pool: Pool, env: Record<string, string | undefined>): Promise<string> {
  const configured = env.DESK_SECRET?.trim();
  if (configured && configured.length < 32) throw new DeskStoreUnavailableError(DESK_SECRET_TOO_SHORT);
  if (configured) return configured;
  // Made by whichever instance comes first; the others read the same one.
  await pool.query("INSERT INTO desk_meta (key, value) VALUES ('auth_secret', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32).toString('base64url')]);
  const { rows } = await pool.query<{ value: string }>("SELECT value FROM desk_meta WHERE key = 'auth_secret'");
  return rows[0]!.value;
}
