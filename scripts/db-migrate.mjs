// `npm run db:migrate`: creates or upgrades the content store's schema in DATABASE_URL.
//
// Migrations are the files db/migrations/NNN-name.sql, applied in order, each once: the ones
// applied are listed in schema_migrations. Everything runs in one transaction under an advisory
// lock, so two instances starting at once cannot both apply a migration, and a failing migration
// leaves the schema as it was. Running it again on an up-to-date database changes nothing.
// Exit codes: 0 done; 1 a migration failed (nothing changed); 2 no DATABASE_URL; 4 database unreachable.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectDatabase, databaseProblem, isUnreachable } from '../db/connection.mjs';

const MIGRATIONS = path.resolve(import.meta.dirname, '../db/migrations');
/** Any constant shared by every copy of this script: pg_advisory_xact_lock's key. */
const LOCK_KEY = 73_012_012;

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:migrate: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://kabar@127.0.0.1:5432/kabar). Nothing was changed.');
  process.exit(2);
}

const migrations = readdirSync(MIGRATIONS)
  .filter((name) => /^\d{3}-[a-z0-9-]+\.sql$/.test(name))
  .sort()
  .map((name) => ({ version: name.replace(/\.sql$/, ''), text: readFileSync(path.join(MIGRATIONS, name), 'utf8') }));

const sql = connectDatabase(url, { max: 1 });
try {
  const applied = await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const done = new Set((await tx`SELECT version FROM schema_migrations`).map((row) => row.version));
    const now = [];
    for (const { version, text } of migrations) {
      if (done.has(version)) continue;
      try {
        await tx.unsafe(text);
      } catch (error) {
        error.migration = version;
        throw error;
      }
      await tx`INSERT INTO schema_migrations (version) VALUES (${version})`;
      now.push(version);
    }
    return now;
  });
  const latest = migrations.at(-1)?.version ?? 'none';
  if (applied.length) console.log(`db:migrate: applied ${applied.join(', ')}; the schema is at ${latest}.`);
  else console.log(`db:migrate: the schema is up to date (${latest}); nothing to do.`);
  // Rows written before 007-archive have no meta or search words yet: filled from their source,
  // by the same code every writer uses (TypeScript, so in a process of its own).
  const [{ missing }] = await sql`SELECT count(*)::int AS missing FROM articles WHERE meta IS NULL OR search IS NULL`;
  if (missing > 0) {
    console.log(`db:migrate: filling the reader columns of ${missing} stories written before 007-archive…`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, 'content-reindex.ts')], { stdio: 'inherit', env: process.env });
    if (result.status !== 0) process.exitCode = result.status ?? 1;
  }
} catch (error) {
  if (isUnreachable(error)) {
    console.error(`db:migrate: ${databaseProblem(url, error)} Nothing was changed.`);
    process.exitCode = 4;
  } else {
    const which = error.migration ? `db/migrations/${error.migration}.sql failed` : 'failed';
    console.error(`db:migrate: ${which}: ${error.message}. Nothing was changed (one transaction).`);
    process.exitCode = 1;
  }
} finally {
  await sql.end({ timeout: 1 });
}
