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
// Exit codes: 0 published (and acknowledged, when a site was notified); 1 invalid, nothing changed;
// 2 usage or set-up problem, nothing changed; 3 written, but the site did not acknowledge (see the
// message); 4 the database could not be reached, nothing changed (or, said so, the COMMIT's outcome
// is unknown).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { parseArgs } from 'node:util';
import { ContentError, ContentErrors } from '@/lib/content/errors';
import { FolderStore } from '@/lib/content/folder-store';
import { validateFiles } from '@/lib/content/load';
import { parseArticle, withFrontMatterField, type Article } from '@/lib/content/parse';
import type { StoredFile, Takedown } from '@/lib/content/store';
import { revalidateSecretProblem, signNotification } from '@/lib/publish/webhook';
import { databaseProblem, describeDatabase, isUnreachable } from '@/db/connection.mjs';
import { transactContent } from '@/lib/content/pg-writer';
import { isLocale } from '@/i18n/languages';
import { storyPath } from '@/lib/urls';

const repoRoot = path.resolve(__dirname, '..');

const USAGE = `Usage:
  npm run publish -- <file.md>… [--site <url>]
  npm run publish -- --unpublish <story id or slug> [--locale id|en] [--site <url>]`;

class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

type Parse = (file: string, source: string) => Article;

interface Change {
  /** Problems of the given files themselves; the rules across the store are checked after. */
  errors?: ContentError[];
  write: StoredFile[];
  remove: string[];
  takedowns: Takedown[];
  published: Article[];
  summary: string[];
}

function planPublish(files: Map<string, string>, given: string[], parse: Parse): Change {
  const change: Change = { write: [], remove: [], takedowns: [], published: [], summary: [] };
  const errors: ContentError[] = [];
  const existing = validateLeniently(files, parse);
  for (const input of given) {
    let source: string;
    try {
      source = readFileSync(input, 'utf8');
    } catch (error) {
      throw new Failure(`publish: cannot read ${input}: ${(error as Error).message}. Nothing was changed.`, 2);
    }
    let article: Article;
    try {
      article = parseArticle(input, source);
    } catch (error) {
      if (error instanceof ContentError) {
        errors.push(error);
        continue;
      }
      throw error;
    }
    const target = `${article.locale}/${article.slug}.md`;
    const owner = existing.find((old) => old.file === target);
    if (owner && owner.translationId !== article.translationId) {
      errors.push(
        new ContentError(
          input,
          'slug',
          `"${article.slug}" is already used by ${target} (story "${owner.translationId}") in locale "${article.locale}": slugs must be unique per language. Choose another slug, or set translationId: ${owner.translationId} to update that story`,
        ),
      );
      continue;
    }
    // The same story in the same language under another file (its slug changed): replaced.
    for (const old of existing) {
      if (old.translationId === article.translationId && old.locale === article.locale && old.file !== target) {
        change.remove.push(old.file);
        // Recorded, so its old URL keeps redirecting to the new one after a restart (decision 010).
        if (old.status === 'published') change.takedowns.push({ translationId: old.translationId, locale: old.locale, slug: old.slug, at: new Date().toISOString() });
      }
    }
    const before = existing.find((old) => old.translationId === article.translationId && old.locale === article.locale);
    if (before?.status === 'published' && article.status === 'draft') {
      // Set back to draft: a takedown, so its URLs answer 410 Gone rather than 404.
      change.takedowns.push({ translationId: before.translationId, locale: before.locale, slug: before.slug, at: new Date().toISOString() });
    }
    const verb = files.has(target) ? 'updated' : 'new';
    change.write.push({ file: target, source });
    change.published.push({ ...article, file: target });
    change.summary.push(`${verb}: ${target} (${article.status}${Date.parse(article.publishedAt) > Date.now() ? `, embargoed until ${article.publishedAt}` : ''})`);
  }
  change.errors = errors;
  return change;
}

/** Articles of the store as far as they parse (to find the file a story is in now). */
function validateLeniently(files: Map<string, string>, parse: Parse): Article[] {
  const articles: Article[] = [];
  for (const [file, source] of files) {
    try {
      articles.push(parse(file, source));
    } catch {
      // reported by the full validation below
    }
  }
  return articles;
}

function planUnpublish(files: Map<string, string>, ref: string, locale: string | undefined, parse: Parse, sourceOf: (file: string) => string): Change {
  const change: Change = { write: [], remove: [], takedowns: [], published: [], summary: [] };
  if (locale !== undefined && !isLocale(locale)) throw new Failure(`publish: --locale must be a language of the site, not "${locale}". Nothing was changed.`, 2);
  const matches = validateLeniently(files, parse).filter((a) => (a.translationId === ref || a.slug === ref) && (!locale || a.locale === locale));
  if (!matches.length) throw new Failure(`publish: no story with the id or slug "${ref}"${locale ? ` in "${locale}"` : ''} is in the store. Nothing was changed.`, 1);
  const live = matches.filter((a) => a.status === 'published');
  if (!live.length) throw new Failure(`publish: "${ref}" is not published (status: draft in ${matches.map((a) => a.file).join(', ')}). Nothing was changed.`, 1);
  const at = new Date().toISOString();
  for (const article of live) {
    change.write.push({ file: article.file, source: withFrontMatterField(article.file, sourceOf(article.file), 'status', 'draft') });
    change.takedowns.push({ translationId: article.translationId, locale: article.locale, slug: article.slug, at });
    change.summary.push(`taken down: ${article.file} (now a draft; its URLs answer 410 Gone)`);
  }
  return change;
}

/**
 * Articles already in the store, parsed once and remembered by size and mtime in a dot file beside
 * them: at 10,000 stories per language, reading and parsing every file again took the command
 * ~10 s. A file whose size or mtime changed, or every file after the validation code changed, is
 * read and parsed again.
 */
const PARSE_CACHE = '.publish-parse-cache.json';
type Remembered = Pick<Article, 'translationId' | 'slug' | 'locale' | 'status' | 'title' | 'publishedAt'>;

function storeWithMemory(store: FolderStore) {
  const codeVersion = createHash('sha256')
    .update(['lib/content/schema.ts', 'lib/content/parse.ts', 'lib/site.ts'].map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\0'))
    .digest('hex')
    .slice(0, 16);
  let remembered: Record<string, { stamp: string; article: Remembered }> = {};
  try {
    const saved = JSON.parse(readFileSync(path.join(store.root, PARSE_CACHE), 'utf8')) as { codeVersion: string; files: typeof remembered };
    if (saved.codeVersion === codeVersion) remembered = saved.files;
  } catch {
    // none yet, or unreadable: everything is read and parsed
  }
  const stamps = store.stats();
  // Sources of the files not remembered; the remembered ones are read only if needed (a takedown).
  const files = new Map<string, string>();
  for (const [file, stamp] of stamps) files.set(file, remembered[file]?.stamp === stamp ? '' : store.source(file));
  const fresh: typeof remembered = {};
  const parse = (file: string, source: string): Article => {
    const stamp = stamps.get(file);
    // Remembered from an earlier publish, or parsed already in this one (the plan and the
    // validation both read the store): each unchanged file is parsed at most once.
    const known = fresh[file] ?? remembered[file];
    if (stamp && known?.stamp === stamp) {
      fresh[file] = known;
      return { ...known.article, file } as Article;
    }
    const article = parseArticle(file, source);
    if (stamp) {
      const { translationId, slug, locale, status, title, publishedAt } = article;
      fresh[file] = { stamp, article: { translationId, slug, locale, status, title, publishedAt } };
    }
    return article;
  };
  const sourceOf = (file: string) => files.get(file) || store.source(file);
  // A cache: written whole (a temporary file renamed over it) but not flushed to disk; if a crash
  // loses it, the next publish parses everything again.
  const save = () => {
    const target = path.join(store.root, PARSE_CACHE);
    writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify({ codeVersion, files: fresh }));
    renameSync(`${target}.${process.pid}.tmp`, target);
  };
  return { files, parse, sourceOf, save };
}

function problems(error: ContentErrors): string {
  return `publish: nothing was changed. ${error.message}`;
}

async function notify(site: string, secret: string, body: string): Promise<{ version: string; changed: boolean }> {
  const url = new URL('/api/revalidate', site);
  let lastError = '';
  // A server that is restarting refuses connections for a moment: a few tries over ~10 s.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 2_000));
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signNotification(secret, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      lastError = `${url} did not answer: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message ?? (error as Error).cause) : (error as Error).message}`;
      continue;
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as { version: string; changed: boolean };
    const detail = text.slice(0, 2_000).trim();
    if (response.status === 404) throw new Failure(`publish: ${url} answered 404: the site has no usable REVALIDATE_SECRET (its log says why), or --site/SITE_URL is not this site.`, 3);
    if (response.status === 401) throw new Failure(`publish: ${url} refused the notification (401): ${detail}. Check that REVALIDATE_SECRET is the same here and on the server, and that both clocks are right.`, 3);
    if (response.status === 422) throw new Failure(`publish: the site re-read the store but it has problems, so it keeps serving the last good content:\n${detail}`, 3);
    lastError = `${url} answered ${response.status}: ${detail}`;
  }
  throw new Failure(`publish: ${lastError}`, 3);
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
  if (values.unpublish === undefined && positionals.length === 0) throw new Failure(`publish: name the files to publish, or --unpublish a story.\n${USAGE}`, 2);
  if (values.unpublish !== undefined && positionals.length) throw new Failure(`publish: --unpublish takes a story id or slug, not files.\n${USAGE}`, 2);
  const database = process.env.DATABASE_URL;
  const site = values.site ?? (process.env.SITE_URL || undefined);
  // The folder store has no other way to reach the site; the database NOTIFYs every instance itself.
  if (site || !database) {
    const secretProblem = revalidateSecretProblem(process.env.REVALIDATE_SECRET);
    if (secretProblem) throw new Failure(`publish: ${secretProblem} Nothing was changed.`, 2);
    if (!site || !URL.canParse(site)) throw new Failure(`publish: the site to notify is unknown: set SITE_URL or pass --site <url> (e.g. --site http://127.0.0.1:3000). Nothing was changed.`, 2);
  }
  const plan = (files: Map<string, string>, parse: Parse, sourceOf: (file: string) => string): Change => {
    const change =
      values.unpublish !== undefined ? planUnpublish(new Map(files), values.unpublish, values.locale, parse, sourceOf) : planPublish(new Map(files), positionals, parse);
    // The whole store as it will be: every rule that spans files is checked before anything is written.
    const after = new Map(files);
    for (const file of change.remove) after.delete(file);
    for (const { file, source } of change.write) after.set(file, source);
    const errors = [...(change.errors ?? [])];
    try {
      // New and changed files are parsed in full; the others as the store's parse knows them.
      validateFiles(after, (file, source) => (change.write.some((w) => w.file === file) ? parseArticle(file, source) : parse(file, source)));
    } catch (error) {
      if (!(error instanceof ContentErrors)) throw error;
      errors.push(...error.errors);
    }
    if (errors.length) throw new Failure(problems(new ContentErrors(errors)), 1);
    return change;
  };

  const change = database ? await writeToDatabase(database, plan) : writeToFolder(plan);
  const republished = change.published.filter((a) => a.status === 'published');
  for (const line of change.summary) console.log(`publish: ${line}`);
  for (const file of change.remove) console.log(`publish: removed ${file} (the story moved to a new slug; its old URL redirects)`);

  if (!site) {
    console.log(`publish: committed to the ${describeDatabase(database!)} database; every running instance shows it within seconds (LISTEN/NOTIFY).`);
    return;
  }
  const body = JSON.stringify({ reason: values.unpublish !== undefined ? 'unpublish' : 'publish', files: [...change.write.map((f) => f.file), ...change.remove] });
  const ack = await notify(site, process.env.REVALIDATE_SECRET!, body);
  console.log(`publish: ${site} acknowledged; it now serves content version ${ack.version}.`);
  for (const article of republished) {
    if (Date.parse(article.publishedAt) <= Date.now()) console.log(`publish: live at ${new URL(storyPath(article.locale, article.slug), site)}`);
  }
}

type Plan = (files: Map<string, string>, parse: Parse, sourceOf: (file: string) => string) => Change;

function writeToFolder(plan: Plan): Change {
  const store = new FolderStore();
  const cache = storeWithMemory(store);
  const change = plan(cache.files, cache.parse, cache.sourceOf);
  cache.save();
  return applyChange(store, change);
}

/** What a publish writes, in the folder or in the database's transaction alike. */
interface ChangeTarget {
  write(files: Change['write']): void;
  remove(files: Change['remove']): void;
  recordTakedowns(takedowns: Change['takedowns']): void;
  clearTakedowns(articles: Change['published']): void;
}

function applyChange(target: ChangeTarget, change: Change): Change {
  target.write(change.write);
  target.remove(change.remove);
  if (change.takedowns.length) target.recordTakedowns(change.takedowns);
  // A story published again is no longer taken down.
  const republished = change.published.filter((a) => a.status === 'published');
  if (republished.length) target.clearTakedowns(republished);
  return change;
}

/** Checks and writes in one transaction; returns only after COMMIT. */
async function writeToDatabase(url: string, plan: Plan): Promise<Change> {
  const state: { committing?: boolean } = {};
  try {
    return await transactContent(
      url,
      (tx) => {
        const parsed = new Map<string, Article>();
        const parse: Parse = (file, source) => parsed.get(file) ?? parsed.set(file, parseArticle(file, source)).get(file)!;
        const change = plan(new Map(tx.files), parse, (file) => tx.files.get(file) ?? '');
        return applyChange(tx, change);
      },
      state,
    );
  } catch (error) {
    if (error instanceof Failure) throw error;
    if (isUnreachable(error) && state.committing) {
      throw new Failure(`publish: ${databaseProblem(url, error)} The connection was lost during COMMIT, so whether it was saved is unknown: run the same command again (publishing the same files twice changes nothing).`, 4);
    }
    if (isUnreachable(error)) throw new Failure(`publish: ${databaseProblem(url, error)} Nothing was published.`, 4);
    throw new Failure(`publish: ${databaseProblem(url, error)} Nothing was published.`, 2);
  }
}

main().catch((error: unknown) => {
  if (error instanceof Failure) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(2);
});
