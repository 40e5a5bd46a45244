import { ContentError, ContentErrors } from '@/lib/content/errors';
import { validateFiles } from '@/lib/content/load';
import { parseArticle, withFrontMatterField, type Article } from '@/lib/content/parse';
import type { StoredFile, Takedown } from '@/lib/content/store';
import { isLocale } from '@/i18n/languages';

/**
 * What a publish or a takedown will change in the content store, worked out from the store as it
 * is and checked as a whole before anything is written. Pure: the store's files in, a Change (or a
 * PublishFailure) out, so the command, the desk and the tests plan the same way, on a folder or a
 * database alike (lib/publish/apply.ts writes it).
 */

/** A publish that cannot go ahead, with the command's exit code (scripts/publish.ts lists them). */
export class PublishFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export type Parse = (file: string, source: string) => Article;

export interface Change {
  write: StoredFile[];
  remove: string[];
  takedowns: Takedown[];
  published: Article[];
  summary: string[];
  /** Problems of files this change does not touch (a takedown goes ahead despite them). */
  warnings: ContentError[];
}

/** A story to publish: where it came from (for messages) and its Markdown source. */
export interface PublishInput {
  name: string;
  source: string;
  /**
   * Set by the desk: the one file this story may move from ("" for a new story). Another file of
   * the same story (translationId and language) is then an error, not removed: a form cannot take
   * over a story it was not loaded from by typing its translationId. Unset (`npm run publish`): moved.
   */
  replaces?: string;
}

export type PublishRequest = { kind: 'publish'; inputs: PublishInput[] } | { kind: 'unpublish'; ref: string; locale?: string };

/** Articles of the store as far as they parse (to find the file a story is in now). */
function validateLeniently(files: ReadonlyMap<string, string>, parse: Parse): Article[] {
  const articles: Article[] = [];
  for (const [file, source] of files) {
    try {
      articles.push(parse(file, source));
    } catch {
      // reported by the full validation
    }
  }
  return articles;
}

const emptyChange = (): Change => ({ write: [], remove: [], takedowns: [], published: [], summary: [], warnings: [] });

/** A file of the same story an input set with `replaces` may not take over (undefined: none). */
function inputReplaces(existing: readonly Article[], article: Article, target: string, replaces: string | undefined): Article | undefined {
  if (replaces === undefined) return undefined;
  return existing.find((old) => old.translationId === article.translationId && old.locale === article.locale && old.file !== target && old.file !== replaces);
}

/** The files to write and remove, and the takedowns to record, for publishing `inputs`; errors of the inputs themselves. */
export function planPublish(files: ReadonlyMap<string, string>, inputs: readonly PublishInput[], parse: Parse, now = Date.now()): { change: Change; errors: ContentError[] } {
  const change = emptyChange();
  const errors: ContentError[] = [];
  const existing = validateLeniently(files, parse);
  const at = new Date(now).toISOString();
  for (const { name, source, replaces } of inputs) {
    let article: Article;
    try {
      article = parseArticle(name, source);
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
          name,
          'slug',
          `"${article.slug}" is already used by ${target} (story "${owner.translationId}") in locale "${article.locale}": slugs must be unique per language. Choose another slug, or set translationId: ${owner.translationId} to update that story`,
        ),
      );
      continue;
    }
    const other = inputReplaces(existing, article, target, replaces);
    if (other) {
      errors.push(
        new ContentError(
          name,
          'translationId',
          `"${article.translationId}" is the story of ${other.file} in locale "${article.locale}": open that story to change it, or choose another translationId`,
        ),
      );
      continue;
    }
    // The same story in the same language under another file (its slug changed): replaced.
    for (const old of existing) {
      if (old.translationId === article.translationId && old.locale === article.locale && old.file !== target) {
        change.remove.push(old.file);
        // Recorded, so its old URL keeps redirecting to the new one after a restart (decision 010).
        if (old.status === 'published') change.takedowns.push({ translationId: old.translationId, locale: old.locale, slug: old.slug, at });
      }
    }
    const before = existing.find((old) => old.translationId === article.translationId && old.locale === article.locale);
    if (before?.status === 'published' && article.status === 'draft' && Date.parse(before.publishedAt) <= now) {
      // Set back to draft: a takedown, so its URLs answer 410 Gone rather than 404. Not for a story
      // still under embargo (unscheduled): readers never had it, so it is simply a draft again.
      change.takedowns.push({ translationId: before.translationId, locale: before.locale, slug: before.slug, at });
    }
    const verb = files.has(target) ? 'updated' : 'new';
    change.write.push({ file: target, source });
    change.published.push({ ...article, file: target });
    change.summary.push(`${verb}: ${target} (${article.status}${Date.parse(article.publishedAt) > now ? `, embargoed until ${article.publishedAt}` : ''})`);
  }
  return { change, errors };
}

/** Sets every published version of the story `ref` (id or slug) back to draft and records the takedowns. */
export function planUnpublish(
  files: ReadonlyMap<string, string>,
  ref: string,
  locale: string | undefined,
  parse: Parse,
  sourceOf: (file: string) => string,
  now = Date.now(),
): Change {
  const change = emptyChange();
  if (locale !== undefined && !isLocale(locale)) throw new PublishFailure(`publish: --locale must be a language of the site, not "${locale}". Nothing was changed.`, 2);
  const matches = validateLeniently(files, parse).filter((a) => (a.translationId === ref || a.slug === ref) && (!locale || a.locale === locale));
  if (!matches.length) throw new PublishFailure(`publish: no story with the id or slug "${ref}"${locale ? ` in "${locale}"` : ''} is in the store. Nothing was changed.`, 1);
  const live = matches.filter((a) => a.status === 'published');
  if (!live.length) throw new PublishFailure(`publish: "${ref}" is not published (status: draft in ${matches.map((a) => a.file).join(', ')}). Nothing was changed.`, 1);
  const at = new Date(now).toISOString();
  for (const article of live) {
    change.write.push({ file: article.file, source: withFrontMatterField(article.file, sourceOf(article.file), 'status', 'draft') });
    change.takedowns.push({ translationId: article.translationId, locale: article.locale, slug: article.slug, at });
    change.summary.push(`taken down: ${article.file} (now a draft; its URLs answer 410 Gone)`);
  }
  return change;
}

/**
 * Plans `request` against the store's `files` and checks the store as it will be: every rule that
 * spans files is checked before anything is written. Throws PublishFailure (exit 1) naming every
 * problem, and nothing may be written then. A takedown is the exception: it only sets stories back
 * to draft, which breaks no rule, so problems in files it does not touch (a file broken by hand)
 * do not stop it; they come back as `warnings`.
 */
export function planChange(request: PublishRequest, files: ReadonlyMap<string, string>, parse: Parse, sourceOf: (file: string) => string, now = Date.now()): Change {
  let change: Change;
  const errors: ContentError[] = [];
  if (request.kind === 'unpublish') change = planUnpublish(files, request.ref, request.locale, parse, sourceOf, now);
  else {
    const planned = planPublish(files, request.inputs, parse, now);
    change = planned.change;
    errors.push(...planned.errors);
  }
  const after = new Map(files);
  for (const file of change.remove) after.delete(file);
  for (const { file, source } of change.write) after.set(file, source);
  const written = new Set(change.write.map((w) => w.file));
  try {
    // New and changed files are parsed in full; the others as the store's parse knows them.
    validateFiles(after, (file, source) => (written.has(file) ? parseArticle(file, source) : parse(file, source)));
  } catch (error) {
    if (!(error instanceof ContentErrors)) throw error;
    for (const problem of error.errors) {
      if (request.kind === 'unpublish' && !written.has(problem.file)) change.warnings.push(problem);
      else errors.push(problem);
    }
  }
  if (errors.length) throw new PublishFailure(`publish: nothing was changed. ${new ContentErrors(errors).message}`, 1);
  return change;
}
