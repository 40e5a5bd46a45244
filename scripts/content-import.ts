// `npm run content:import -- <folder>`: loads a content folder (Markdown files by language, and
// its .takedowns.json) into the PostgreSQL content store of DATABASE_URL.
//
// Idempotent: a file whose text is already in the database is left alone, so running it twice
// changes nothing the second time. Files in the database that the folder lacks are kept (a folder
// adds and updates; it never deletes). Everything is checked first, the folder and the database
// together, with the same validation as the build and `npm run publish`; then it is one
// transaction, whose NOTIFY tells every running instance what changed.
// Exit codes: 0 imported; 1 invalid content, nothing changed; 2 usage; 4 database unreachable.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseProblem, describeDatabase, isUnreachable } from '@/db/connection.mjs';
import { ContentErrors } from '@/lib/content/errors';
import { FolderStore } from '@/lib/content/folder-store';
import { validateFiles } from '@/lib/content/load';
import { sourceHash, transactContent } from '@/lib/content/pg-writer';

const USAGE = 'Usage: npm run content:import -- <content folder>';

function fail(message: string, code: number): never {
  console.error(`content:import: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  if (positionals.length !== 1) fail(`name one content folder.\n${USAGE}`, 2);
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is not set: it names the database to import into (run `npm run db:migrate` there first). Nothing was changed.', 2);
  const root = path.resolve(positionals[0]!);
  if (!existsSync(root)) fail(`${root} does not exist. Nothing was changed.`, 2);

  let folder;
  try {
    folder = new FolderStore(root).read();
  } catch (error) {
    fail(`${(error as Error).message}. Nothing was changed.`, 2);
  }
  const state: { committing?: boolean } = {};
  let counts;
  try {
    counts = await transactContent(
      url,
      async (tx) => {
        // The database's stories these files can clash with (same file, story or slug), then the
        // database as it will be: the folder's files over those.
        const articles = validateFiles(folder.files);
        await tx.read({ files: [...folder.files.keys()], translationIds: articles.map((a) => a.translationId), slugs: articles.map((a) => a.slug) });
        const after = new Map(tx.files);
        for (const [file, source] of folder.files) after.set(file, source);
        // Throws ContentErrors, which rolls the transaction back.
        validateFiles(after);
        const counted = { added: 0, changed: 0, unchanged: 0, takedowns: 0 };
        const writes = [];
        for (const [file, source] of folder.files) {
          const known = tx.hashes.get(file);
          if (known === sourceHash(source)) counted.unchanged++;
          else {
            if (known === undefined) counted.added++;
            else counted.changed++;
            writes.push({ file, source });
          }
        }
        tx.write(writes);
        const recorded = new Set(tx.takedowns.map((t) => `${t.locale}/${t.slug}`));
        const fresh = folder.takedowns.filter((t) => !recorded.has(`${t.locale}/${t.slug}`));
        if (fresh.length) tx.recordTakedowns(fresh);
        counted.takedowns = fresh.length;
        return counted;
      },
      state,
    );
  } catch (error) {
    if (error instanceof ContentErrors) fail(`nothing was changed. ${error.message}`, 1);
    if (isUnreachable(error) && state.committing) fail(`${databaseProblem(url, error)} The connection was lost during COMMIT: run the import again (it is idempotent).`, 4);
    fail(`${databaseProblem(url, error)} Nothing was changed.`, isUnreachable(error) ? 4 : 1);
  }
  console.log(
    `content:import: ${root} → ${describeDatabase(url)}: ${counts.added} added, ${counts.changed} changed, ${counts.unchanged} unchanged; ${counts.takedowns} takedowns recorded.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
