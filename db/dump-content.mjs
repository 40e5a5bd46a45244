// Prints the content store of DATABASE_URL as JSON on stdout: {"articles": [[file, hash, meta, source], …],
// with source only for a row without meta (written before migration 007),
// "takedowns": [...]}. For a process that must read the store synchronously before it has a
// connection of its own: a build worker rendering static pages, where instrumentation does not run
// (docs/decisions/015-postgresql-content-store.md). On failure: one line on stderr, exit code 1.
import { connectDatabase, databaseProblem } from './connection.mjs';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db/dump-content.mjs: DATABASE_URL is not set.');
  process.exit(1);
}
const sql = connectDatabase(url, { max: 1 });
try {
  // One snapshot: the articles and the takedowns of the same moment.
  const [articles, takedowns] = await sql.begin('isolation level repeatable read read only', (tx) => [
    tx`SELECT file, hash, meta, CASE WHEN meta IS NULL THEN source END AS source FROM articles ORDER BY file`.values(),
    tx`SELECT translation_id, locale, slug, taken_down_at FROM takedowns ORDER BY locale, slug`,
  ]);
  const out = {
    articles,
    takedowns: takedowns.map((t) => ({ translationId: t.translation_id, locale: t.locale, slug: t.slug, at: new Date(t.taken_down_at).toISOString() })),
  };
  process.stdout.write(JSON.stringify(out));
} catch (error) {
  console.error(databaseProblem(url, error));
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 1 });
}
