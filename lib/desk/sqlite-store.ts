import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DESK_SECRET_TOO_SHORT, DeskStoreUnavailableError } from '@/lib/desk/config';
import type { LoginFailures } from '@/lib/desk/lockout';
import { PRESENCE_KEPT_MS, REFUSED_ATTEMPT_MAX_AGE_MS, REFUSED_ATTEMPTS_PER_STORY, type AuditEntry, type AuditQuery, type DeskStore, type NewStoryRevision, type StoryPresence, type StoryRevision } from '@/lib/desk/store';

/**
 * The desk's data in one SQLite file through Node's own driver (node:sqlite): no native module to
 * build, nothing to install. Our tables are migrated here by number (PRAGMA user_version);
 * better-auth's tables (user, session, account, verification) by better-auth's own migrator
 * (lib/desk/auth.ts), which compares the file with its schema.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE desk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE desk_audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX desk_audit_target ON desk_audit (target, at);
   CREATE TABLE desk_login_failures (
     key TEXT PRIMARY KEY,
     count INTEGER NOT NULL,
     last_at INTEGER NOT NULL,
     locked_until INTEGER
   );`,
  // Revisions of stories saved from the desk (and refused attempts, kept so nothing typed is lost).
  `CREATE TABLE desk_revisions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     story TEXT NOT NULL,
     file TEXT NOT NULL,
     base TEXT NOT NULL,
     action TEXT NOT NULL,
     outcome TEXT NOT NULL,
     message TEXT,
     source TEXT NOT NULL
   );
   CREATE INDEX desk_revisions_story ON desk_revisions (story, outcome, id);`,
  // Who has a story open (presence), and refused attempts found by age for pruning: as
  // db/migrations/005-desk-presence.sql. IF NOT EXISTS: its place in this list may move in a merge.
  `CREATE TABLE IF NOT EXISTS desk_presence (
     file TEXT NOT NULL,
     email TEXT NOT NULL,
     name TEXT NOT NULL,
     since INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     PRIMARY KEY (file, email)
   );
   CREATE INDEX IF NOT EXISTS desk_presence_seen ON desk_presence (last_seen);
   CREATE INDEX IF NOT EXISTS desk_revisions_refused ON desk_revisions (outcome, at);`,
];

type RevisionRow = Omit<StoryRevision, 'message' | 'outcome'> & { outcome: string; message: string | null };
const revisionOf = ({ message, outcome, ...rest }: RevisionRow): StoryRevision => ({
  ...rest,
  id: Number(rest.id),
  at: Number(rest.at),
  outcome: outcome as StoryRevision['outcome'],
  ...(message === null ? {} : { message }),
});
const REVISION_COLUMNS = 'id, at, actor, story, file, base, action, outcome, message, source';

export function openSqliteDeskStore(file: string, env: Record<string, string | undefined> = process.env): DeskStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  // Several processes share the file (the server, `npm run desk:user`): readers do not block the
  // writer, and a writer waits for another rather than failing at once.
  db.exec('PRAGMA busy_timeout = 5000');
  if (file !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db);

  const secret = () => {
    const configured = env.DESK_SECRET?.trim();
    if (configured && configured.length < 32) throw new DeskStoreUnavailableError(DESK_SECRET_TOO_SHORT);
    if (configured) return configured;
    const row = db.prepare("SELECT value FROM desk_meta WHERE key = 'auth_secret'").get() as { value: string } | undefined;
    if (row) return row.value;
    // INSERT OR IGNORE, then read back: two processes making it at once agree on the first.
    db.prepare("INSERT OR IGNORE INTO desk_meta (key, value) VALUES ('auth_secret', ?)").run(randomBytes(32).toString('base64url'));
    return (db.prepare("SELECT value FROM desk_meta WHERE key = 'auth_secret'").get() as { value: string }).value;
  };

  return {
    kind: 'sqlite',
    authDatabase: db,
    secret,
    async recordAudit({ at, actor, action, target, detail }: AuditEntry) {
      db.prepare('INSERT INTO desk_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(at, actor, action, target, detail ?? null);
    },
    async listAudit({ limit = 100, offset = 0, actor, action, target }: AuditQuery = {}) {
      const where: string[] = [];
      const values: (string | number)[] = [];
      const add = (condition: string, ...args: (string | number)[]) => {
        where.push(condition);
        values.push(...args);
      };
      if (actor) add('instr(lower(actor), lower(?)) > 0', actor);
      if (target) add('instr(lower(target), lower(?)) > 0', target);
      if (action?.endsWith('.')) add('substr(action, 1, ?) = ?', action.length, action);
      else if (action) add('action = ?', action);
      const sql = `SELECT at, actor, action, target, detail FROM desk_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
      const rows = db.prepare(sql).all(...values, limit, offset) as { at: number; actor: string; action: string; target: string; detail: string | null }[];
      return rows.map(({ detail, ...rest }) => (detail === null ? rest : { ...rest, detail }));
    },
    async loginFailures(key: string): Promise<LoginFailures | undefined> {
      const row = db.prepare('SELECT count, last_at, locked_until FROM desk_login_failures WHERE key = ?').get(key) as
        | { count: number; last_at: number; locked_until: number | null }
        | undefined;
      if (!row) return undefined;
      return { count: row.count, lastAt: row.last_at, ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }) };
    },
    async saveLoginFailures(key: string, record: LoginFailures) {
      db.prepare(
        'INSERT INTO desk_login_failures (key, count, last_at, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, last_at = excluded.last_at, locked_until = excluded.locked_until',
      ).run(key, record.count, record.lastAt, record.lockedUntil ?? null);
    },
    async clearLoginFailures(key: string) {
      db.prepare('DELETE FROM desk_login_failures WHERE key = ?').run(key);
    },
    async saveRevision(r: NewStoryRevision) {
      const { lastInsertRowid } = db
        .prepare('INSERT INTO desk_revisions (at, actor, story, file, base, action, outcome, message, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.at, r.actor, r.story, r.file, r.base, r.action, r.outcome, r.message ?? null, r.source);
      // Housekeeping on write: refused attempts go after a while, saved revisions stay.
      db.prepare("DELETE FROM desk_revisions WHERE outcome <> 'saved' AND at < ?").run(r.at - REFUSED_ATTEMPT_MAX_AGE_MS);
      db.prepare(
        "DELETE FROM desk_revisions WHERE story = ? AND outcome <> 'saved' AND id NOT IN (SELECT id FROM desk_revisions WHERE story = ? AND outcome <> 'saved' ORDER BY id DESC LIMIT ?)",
      ).run(r.story, r.story, REFUSED_ATTEMPTS_PER_STORY);
      return Number(lastInsertRowid);
    },
    async getRevision(id: number) {
      const row = db.prepare(`SELECT ${REVISION_COLUMNS} FROM desk_revisions WHERE id = ?`).get(id) as RevisionRow | undefined;
      return row && revisionOf(row);
    },
    async listRevisions(story: string, limit = 50) {
      const rows = db.prepare(`SELECT ${REVISION_COLUMNS} FROM desk_revisions WHERE story = ? AND outcome = 'saved' ORDER BY id DESC LIMIT ?`).all(story, limit) as RevisionRow[];
      return rows.map(revisionOf);
    },
    // "In review" needs no table of its own: submitting is a saved revision, and any later save ends it.
    async storiesInReview() {
      const rows = db
        .prepare(
          `SELECT story FROM desk_revisions r WHERE outcome = 'saved' AND action = 'submit'
           AND id = (SELECT max(id) FROM desk_revisions WHERE story = r.story AND outcome = 'saved')`,
        )
        .all() as { story: string }[];
      return new Set(rows.map((r) => r.story));
    },
    async touchPresence({ file, email, name, at, gapMs }) {
      db.prepare(
        `INSERT INTO desk_presence (file, email, name, since, last_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (file, email) DO UPDATE SET name = excluded.name,
           since = CASE WHEN desk_presence.last_seen < excluded.last_seen - ? THEN excluded.since ELSE desk_presence.since END,
           last_seen = max(desk_presence.last_seen, excluded.last_seen)`,
      ).run(file, email, name, at, at, gapMs);
      db.prepare('DELETE FROM desk_presence WHERE last_seen < ?').run(at - PRESENCE_KEPT_MS);
    },
    async listPresence(file: string, seenSince: number) {
      const rows = db.prepare('SELECT file, email, name, since, last_seen FROM desk_presence WHERE file = ? AND last_seen >= ? ORDER BY since, email').all(file, seenSince) as {
        file: string;
        email: string;
        name: string;
        since: number;
        last_seen: number;
      }[];
      return rows.map(({ last_seen, ...rest }): StoryPresence => ({ ...rest, since: Number(rest.since), lastSeen: Number(last_seen) }));
    },
    async close() {
      db.close();
    },
  };
}

function migrate(db: DatabaseSync): void {
  const { user_version: done } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let i = done; i < MIGRATIONS.length; i++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Another process may have migrated while this one waited for the lock.
      const { user_version: now } = db.prepare('PRAGMA user_version').get() as { user_version: number };
      if (now <= i) {
        db.exec(MIGRATIONS[i]!);
        db.exec(`PRAGMA user_version = ${i + 1}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
