import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError, ContentErrors } from '@/lib/content/errors';
import { parseArticle, type Article } from '@/lib/content/parse';

/** The content folder: CONTENT_DIR if set (absolute, or relative to the working directory), else content/. */
export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR || 'content');
}

function listMarkdownFiles(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new Error(`Cannot read the content folder ${root} (CONTENT_DIR=${process.env.CONTENT_DIR ?? 'unset'}): ${(error as Error).message}`);
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.') && e.name !== 'README.md')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * Reads and validates every article, published and draft. All problems are collected and thrown
 * together, each naming its file and field, so a broken file fails the build with a useful message.
 */
export function loadAllArticles(root = contentDir()): Article[] {
  const errors: ContentError[] = [];
  const articles: Article[] = [];
  for (const absolute of listMarkdownFiles(root)) {
    const file = path.relative(root, absolute).split(path.sep).join('/');
    try {
      articles.push(parseArticle(file, readFileSync(absolute, 'utf8')));
    } catch (error) {
      if (error instanceof ContentError) errors.push(error);
      else throw error;
    }
  }
  errors.push(...crossCheck(articles));
  if (errors.length) throw new ContentErrors(errors);
  return articles;
}

/** Rules that span files: one slug per language, one version of a story per language. */
function crossCheck(articles: Article[]): ContentError[] {
  const errors: ContentError[] = [];
  const slugs = new Map<string, Article>();
  const versions = new Map<string, Article>();
  for (const article of articles) {
    const slugKey = `${article.locale}/${article.slug}`;
    const slugOwner = slugs.get(slugKey);
    if (slugOwner) {
      errors.push(new ContentError(article.file, 'slug', `"${article.slug}" is already used by ${slugOwner.file} in locale "${article.locale}": slugs must be unique per language`));
    } else slugs.set(slugKey, article);

    const versionKey = `${article.translationId}/${article.locale}`;
    const versionOwner = versions.get(versionKey);
    if (versionOwner) {
      errors.push(new ContentError(article.file, 'translationId', `"${article.translationId}" already has a "${article.locale}" version in ${versionOwner.file}: a story has one file per language`));
    } else versions.set(versionKey, article);
  }
  return errors;
}

