import { ContentError, ContentErrors } from '@/lib/content/errors';
import { contentDir, FolderStore } from '@/lib/content/folder-store';
import { parseArticle, type Article } from '@/lib/content/parse';

/**
 * Validates every article file of a store, published and draft. All problems are collected and
 * thrown together (ContentErrors), each naming its file and field, so a broken file fails the
 * build, or a publish, with a useful message. `parse` lets a caller reuse files it parsed before.
 */
export function validateFiles(files: ReadonlyMap<string, string>, parse: (file: string, source: string) => Article = parseArticle): Article[] {
  const errors: ContentError[] = [];
  const articles: Article[] = [];
  for (const [file, source] of files) {
    try {
      articles.push(parse(file, source));
    } catch (error) {
      if (error instanceof ContentError) errors.push(error);
      else throw error;
    }
  }
  errors.push(...crossCheck(articles));
  if (errors.length) throw new ContentErrors(errors);
  return articles;
}

/** Reads and validates every article of a content folder (see validateFiles). */
export function loadAllArticles(root = contentDir()): Article[] {
  return validateFiles(new FolderStore(root).read().files);
}

/** Rules that span files: one slug per language, one version of a story per language. */
export function crossCheck(articles: Article[]): ContentError[] {
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

