// Fills the columns readers read without the source (db/migrations/007-archive.sql: meta,
// published_at, search, search_text) for rows written before they existed. Run by
// `npm run db:migrate` when such rows are there; safe to run again (it touches only rows still
// missing them), and in batches, so a large archive is never held in memory at once.
// Exit codes: 0 done; 1 a row could not be parsed (named; the others are filled); 2 no DATABASE_URL; 4 unreachable.
import { connectDatabase, databaseProblem, isUnreachable } from '@/db/connection.mjs';
import { parseArticle } from '@/lib/content/parse';
import { upsertArticle } from '@/lib/content/pg-writer';

const BATCH = 1_000;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('content:reindex: DATABASE_URL is not set. Nothing was changed.');
    process.exit(2);
  }
  const sql = connectDatabase(url, { max: 1 });
  let filled = 0;
  const broken: string[] = [];
  try {
    for (let after = ''; ; ) {
      const rows = await sql<{ file: string; source: string }[]>`
        SELECT file, source FROM articles WHERE (meta IS NULL OR search IS NULL) AND file > ${after} ORDER BY file LIMIT ${BATCH}`;
      if (!rows.length) break;
      await sql.begin(async (tx) => {
        for (const { file, source } of rows) {
          try {
            await upsertArticle(tx, file, source, parseArticle(file, source));
            filled++;
          } catch (error) {
            broken.push(`${file}: ${(error as Error).message}`);
          }
        }
      });
      after = rows.at(-1)!.file;
    }
  } catch (error) {
    console.error(`content:reindex: ${databaseProblem(url, error)}`);
    process.exit(isUnreachable(error) ? 4 : 1);
  } finally {
    await sql.end({ timeout: 1 });
  }
  console.log(`content:reindex: filled the reader columns of ${filled} stories.`);
  if (broken.length) {
    console.error(`content:reindex: ${broken.length} stories could not be read, and are served from their source until fixed:\n${broken.join('\n')}`);
    process.exit(1);
  }
}

void main();
