import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { describeDatabase } from '@/db/connection.mjs';
import { DESK_SECRET_TOO_SHORT, DeskStoreUnavailableError } from '@/lib/desk/config';
import type { LoginFailures } from '@/lib/desk/lockout';
import { PRESENCE_KEPT_MS, REFUSED_ATTEMPT_MAX_AGE_MS, REFUSED_ATTEMPTS_PER_STORY, type AuditEntry, type AuditQuery, type DeskStore, type NewStoryRevision, type StoryRevision } from '@/lib/desk/store';

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
 * come from `npm run db:migrate` (db/migrations/002-desk.sql, 003, 005), as the articles' do (decision 015);
 * the desk never changes the schema itself. Through node-postgres, the driver better-auth and its
 * Kysely adapter speak (the content store's own `postgres` client has no Kysely dialect).
 */
const TABLES = ['desk_user', 'desk_session', 'desk_account', 'desk_verification', 'desk_meta', 'desk_audit', 'desk_login_failures', 'desk_revisions', 'desk_presence'] as const;

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
      async listAudit({ limit = 100, offset = 0, actor, action, target }: AuditQuery = {}) {
        const where: string[] = [];
        const values: (string | number)[] = [limit, offset];
        const add = (condition: (n: string) => string, value: string) => {
          values.push(value);
          where.push(condition(`$${values.length}`));
        };
        if (actor) add((n) => `strpos(lower(actor), lower(${n})) > 0`, actor);
        if (target) add((n) => `strpos(lower(target), lower(${n})) > 0`, target);
        if (action?.endsWith('.')) add((n) => `starts_with(action, ${n})`, action);
        else if (action) add((n) => `action = ${n}`, action);
        const { rows: entries } = await pool.query<{ at: string; actor: string; action: string; target: string; detail: string | null }>(
          `SELECT at, actor, action, target, detail FROM desk_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $1 OFFSET $2`,
          values,
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
        // Housekeeping on write: refused attempts go after a while, saved revisions stay.
        await pool.query("DELETE FROM desk_revisions WHERE outcome <> 'saved' AND at < $1", [r.at - REFUSED_ATTEMPT_MAX_AGE_MS]);
        await pool.query(
          "DELETE FROM desk_revisions WHERE story = $1 AND outcome <> 'saved' AND id NOT IN (SELECT id FROM desk_revisions WHERE story = $1 AND outcome <> 'saved' ORDER BY id DESC LIMIT $2)",
          [r.story, REFUSED_ATTEMPTS_PER_STORY],
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
      async touchPresence({ file, email, name, at, gapMs }) {
        await pool.query(
          `INSERT INTO desk_presence (file, email, name, since, last_seen) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (file, email) DO UPDATE SET name = excluded.name,
             since = CASE WHEN desk_presence.last_seen < excluded.last_seen - $5 THEN excluded.since ELSE desk_presence.since END,
             last_seen = greatest(desk_presence.last_seen, excluded.last_seen)`,
          [file, email, name, at, gapMs],
        );
        await pool.query('DELETE FROM desk_presence WHERE last_seen < $1', [at - PRESENCE_KEPT_MS]);
      },
      async listPresence(file: string, seenSince: number) {
        const { rows: found } = await pool.query<{ file: string; email: string; name: string; since: string; last_seen: string }>(
          'SELECT file, email, name, since, last_seen FROM desk_presence WHERE file = $1 AND last_seen >= $2 ORDER BY since, email',
          [file, seenSince],
        );
        return found.map(({ since, last_seen, ...rest }) => ({ ...rest, since: Number(since), lastSeen: Number(last_seen) }));
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
