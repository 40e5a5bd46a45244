// `npm run content:import -- <folder>`: loads a content folder (Markdown files by language, and
// its .takedowns.json) into the PostgreSQL content store of DATABASE_URL.
//
// Idempotent: a file whose text is already in the database is left alone (not even parsed), so
// running it twice changes nothing the second time. Files in the database that the folder lacks
// are kept (a folder adds and updates; it never deletes). Every file it writes is checked with the
// same validation as the build and `npm run publish` (each file parsed; one slug per language and
// one version per language per story, over the folder and the database together); then it is one
// transaction, whose NOTIFY tells every running instance what changed (for a large import: to
// re-read everything).
//
// Built for archives (issue 26): the folder is read in batches (lib/content/pg-import.ts), only
// the files' names and keys stay in memory, and each batch is one INSERT, so a million stories
// load in one run. Progress goes to stderr every PROGRESS_EVERY files; the totals to stdout.
// Exit codes: 0 imported; 1 invalid content, nothing changed; 2 usage; 4 database unreachable.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseProblem, describeDatabase, isUnreachable } from '@/db/connection.mjs';
import { ContentErrors } from '@/lib/content/errors';
import { importFolder, type ImportCounts } from '@/lib/content/pg-import';

const USAGE = 'Usage: npm run content:import -- <content folder>';
const PROGRESS_EVERY = 10_000;

function fail(message: string, code: number): never {
  console.error(`content:import: ${message}`);
  process.exit(code);
}

const count = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return void console.log(USAGE);
  if (positionals.length !== 1) fail(`name one content folder.\n${USAGE}`, 2);
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is not set: it names the database to import into (run `npm run db:migrate` there first). Nothing was changed.', 2);
  const root = path.resolve(positionals[0]!);
  if (!existsSync(root)) fail(`${root} does not exist. Nothing was changed.`, 2);
  if (!statSync(root).isDirectory()) fail(`${root} is not a folder. Nothing was changed.`, 2);

  const state: { committing?: boolean } = {};
  const started = Date.now();
  let reported = 0;
  let counts: ImportCounts;
  try {
    counts = await importFolder(
      url,
      root,
      {
        onListed: (files) => {
          if (files >= PROGRESS_EVERY) console.error(`content:import: ${count(files)} files in ${root}`);
        },
        onProgress: (p) => {
          if (p.done - reported < PROGRESS_EVERY && p.done < p.files) return;
          if (p.files < PROGRESS_EVERY) return;
          reported = p.done;
          const rate = Math.round(p.done / Math.max(0.001, p.elapsedMs / 1000));
          console.error(
            `content:import: ${count(p.done)} of ${count(p.files)} files: ${count(p.added)} added, ${count(p.changed)} changed, ${count(p.unchanged)} unchanged` +
              `${p.problems ? `, ${count(p.problems)} problems (nothing will be written)` : ''}; ${(p.elapsedMs / 1000).toFixed(1)} s, ${count(rate)} files/s`,
          );
        },
      },
      state,
    );
  } catch (error) {
    if (error instanceof ContentErrors) fail(`nothing was changed. ${error.message}`, 1);
    if (isUnreachable(error) && state.committing) fail(`${databaseProblem(url, error)} The connection was lost during COMMIT: run the import again (it is idempotent).`, 4);
    // A file system error names its path; a network one does not.
    if (typeof (error as NodeJS.ErrnoException)?.path === 'string' && !isUnreachable(error)) fail(`cannot read ${root}: ${(error as Error).message}. Nothing was changed.`, 2);
    fail(`${databaseProblem(url, error)} Nothing was changed.`, isUnreachable(error) ? 4 : 1);
  }
  const seconds = (Date.now() - started) / 1000;
  if (counts.files >= PROGRESS_EVERY) {
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    console.error(`content:import: committed in ${seconds.toFixed(1)} s (${count(Math.round(counts.files / Math.max(0.001, seconds)))} files/s); this process's peak memory ${peak} MB`);
  }
  console.log(
    `content:import: ${root} → ${describeDatabase(url)}: ${counts.added} added, ${counts.changed} changed, ${counts.unchanged} unchanged; ${counts.takedowns} takedowns recorded.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
