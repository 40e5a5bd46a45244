// `npm run publish -- <file.md>… [--site <url>]`
// `npm run publish -- --unpublish <story id or slug> [--locale id|en] [--site <url>]`
//
// Checks the files against everything already in the content store (the same validation as the
// build), writes them atomically, then notifies the running site (POST /api/revalidate, signed
// with REVALIDATE_SECRET) and waits for its acknowledgement. Nothing is written when anything is
// wrong.
//
// With DATABASE_URL the store is PostgreSQL (docs/decisions/015-postgresql-content-store.md): the
// check and the writes are one transaction, whose NOTIFY reaches every instance on COMMIT; a site
// to wait for (--site or SITE_URL) is then optional.
//
// In the content folder, one publish at a time: a second one waits for the folder's lock (up to
// PUBLISH_LOCK_WAIT_MS, 30 s by default) and then plans against what the first one wrote
// (docs/decisions/023-folder-publish-lock-and-journal.md).
//
// Each file written is recorded in the desk's audit log (/desk/audit, actor "cli", with the OS
// user), in the desk's store as the server finds it (lib/desk/publish-audit.ts); a log that cannot
// be written is a warning on stderr, never a failed publish.
//
// The planning and writing live in lib/publish/ (plan.ts, apply.ts, notify.ts), shared with any
// other caller; this file is the command around them.
//
// Exit codes: 0 published (and acknowledged, when a site was notified); 1 invalid, nothing changed;
// 2 usage or set-up problem, nothing changed; 3 written, but the site did not acknowledge (see the
// message); 4 the database could not be reached, nothing changed (or, said so, the COMMIT's outcome
// is unknown); 5 another publish held the content folder's lock for too long, nothing changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeDatabase } from '@/db/connection.mjs';
import { commandOperator, publishAuditEntries, recordCommandAudit } from '@/lib/desk/publish-audit';
import { mediaConfigFromEnv } from '@/lib/media/store';
import { checkStoryPhotos, prepareStoryPhotos, storeStoryPhotos } from '@/lib/media/story-photo';
import { publishToDatabase, publishToFolder } from '@/lib/publish/apply';
import { PARSE_CACHE, validationCodeVersion } from '@/lib/publish/parse-memory';
import { notifySite } from '@/lib/publish/notify';
import { PublishFailure, type PublishRequest } from '@/lib/publish/plan';
import { revalidateSecretProblem } from '@/lib/publish/webhook';
import { storyPath } from '@/lib/urls';

const repoRoot = path.resolve(__dirname, '..');

const USAGE = `Usage:
  npm run publish -- <file.md>… [--site <url>]
  npm run publish -- --unpublish <story id or slug> [--locale id|en] [--site <url>]`;


function readInputs(files: string[]): PublishRequest {
  return {
    kind: 'publish',
    inputs: files.map((name) => {
      try {
        return { name, source: readFileSync(name, 'utf8') };
      } catch (error) {
        throw new PublishFailure(`publish: cannot read ${name}: ${(error as Error).message}. Nothing was changed.`, 2);
      }
    }),
  };
}

function lockWaitMs(): number | undefined {
  const raw = process.env.PUBLISH_LOCK_WAIT_MS;
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw)) throw new PublishFailure(`publish: PUBLISH_LOCK_WAIT_MS must be a whole number of milliseconds, not "${raw}". Nothing was changed.`, 2);
  return Number(raw);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { unpublish: { type: 'string' }, locale: { type: 'string' }, site: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.unpublish === undefined && positionals.length === 0) throw new PublishFailure(`publish: name the files to publish, or --unpublish a story.\n${USAGE}`, 2);
  if (values.unpublish !== undefined && positionals.length) throw new PublishFailure(`publish: --unpublish takes a story id or slug, not files.\n${USAGE}`, 2);
  const database = process.env.DATABASE_URL;
  const site = values.site ?? (process.env.SITE_URL || undefined);
  // The folder store has no other way to reach the site; the database NOTIFYs every instance itself.
  if (site || !database) {
    const secretProblem = revalidateSecretProblem(process.env.REVALIDATE_SECRET);
    if (secretProblem) throw new PublishFailure(`publish: ${secretProblem} Nothing was changed.`, 2);
    if (!site || !URL.canParse(site)) throw new PublishFailure(`publish: the site to notify is unknown: set SITE_URL or pass --site <url> (e.g. --site http://127.0.0.1:3000). Nothing was changed.`, 2);
  }
  let request: PublishRequest = values.unpublish !== undefined ? { kind: 'unpublish', ref: values.unpublish, locale: values.locale } : readInputs(positionals);
  // A photo file the front matter names (image.src: ./photo.jpg) is checked, all of them before
  // any is stored, then kept in the media store; the story then names it as media:<hash>.
  const photos = request.kind === 'publish' ? await checkStoryPhotos(request.inputs) : [];
  const media = photos.some((p) => p.photo) ? mediaConfigFromEnv() : undefined;
  if (media && request.kind === 'publish') {
    request = { kind: 'publish', inputs: await storeStoryPhotos(media, photos) };
    for (const { input, photo } of photos) if (photo) console.log(`publish: photo ${photo.inspected.hash} (${photo.inspected.width} × ${photo.inspected.height}) kept in the ${media.store.description} for ${input.name}`);
  }
  // What the check cost: the stories it read, never the whole archive (decision 031).
  let readLine = '';
  const change = database
    ? await publishToDatabase(database, request, { storiesRead: (read) => void (readLine = `checked against ${read} stored ${read === 1 ? 'story' : 'stories'} (those with its files, ids or slugs)`) })
    : await publishToFolder(request, {
        codeVersion: validationCodeVersion(repoRoot),
        lockWaitMs: lockWaitMs(),
        purpose: `npm run publish (${values.unpublish !== undefined ? `--unpublish ${values.unpublish}` : positionals.join(' ')})`,
        storiesRead: (read, stories) =>
          void (readLine = `read ${read} of ${stories} stored ${stories === 1 ? 'story' : 'stories'} (the others are remembered unchanged in ${PARSE_CACHE})`),
      });
  const republished = change.published.filter((a) => a.status === 'published');
  for (const line of change.summary) console.log(`publish: ${line}`);
  if (readLine) console.log(`publish: ${readLine}`);
  for (const file of change.remove) console.log(`publish: removed ${file} (the story moved to a new slug; its old URL redirects)`);
  // In the media folder, every derivative the pages name is made now, once; with a database each
  // instance makes them on first request into its own cache (docs/decisions/028-photos.md).
  if (media && !database) console.log(`publish: ${await prepareStoryPhotos(media, photos)} photo derivatives made in ${media.cache.dir}`);
  await media?.store.close?.();
  for (const warning of change.warnings) console.log(`publish: warning: ${warning.message} (another file: the takedown went ahead; the site keeps serving the last good version of the rest until it is fixed)`);
  // Into the desk's audit log (its store as the server finds it), after the write: a log that
  // cannot be written is a warning, never a failed publish.
  const operator = commandOperator();
  await recordCommandAudit(publishAuditEntries(change, request, { actor: 'cli', detail: `npm run publish by OS user ${operator}`, at: Date.now() }), {
    root: repoRoot,
    warn: (message) => console.warn(`publish: warning: ${message}`),
  });

  if (!site) {
    console.log(`publish: committed to the ${describeDatabase(database!)} database; every running instance shows it within seconds (LISTEN/NOTIFY).`);
    return;
  }
  const ack = await notifySite(site, process.env.REVALIDATE_SECRET!, {
    reason: values.unpublish !== undefined ? 'unpublish' : 'publish',
    files: [...change.write.map((f) => f.file), ...change.remove],
    by: `npm run publish (${operator})`,
  });
  console.log(`publish: ${site} acknowledged; it now serves content version ${ack.version}.`);
  if (ack.problems) console.log(`publish: the site applied the change; other files in the store have problems, and it keeps serving their last good version:\n${ack.problems}`);
  for (const article of republished) {
    if (Date.parse(article.publishedAt) <= Date.now()) console.log(`publish: live at ${new URL(storyPath(article.locale, article.slug), site)}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof PublishFailure) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(2);
});
