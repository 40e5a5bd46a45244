import type { StoryMeta } from '@/lib/content/meta';
import { findPreviewStory } from '@/lib/content/queries';
import type { PreviewClaims } from '@/lib/preview/token.mjs';
import { isLocale, locales, type Locale } from '@/i18n/languages';
import { articlePath, storyPath } from '@/lib/urls';

/**
 * The page a valid preview link opens, computed from the content on disk and the token only (never
 * from the query string): the story's version in the token's language, else, by the fallback rule,
 * the other language's version shown under the token's language. Undefined if the story is gone.
 */
export function previewTargetPath({ translationId, locale }: Pick<PreviewClaims, 'translationId' | 'locale'>, articles: readonly StoryMeta[]): string | undefined {
  if (!isLocale(locale)) return undefined;
  const shown = previewedArticle({ translationId, locale }, articles);
  if (!shown) return undefined;
  if (shown.locale === locale) return articlePath(shown);
  return fallbackShows(locale, shown, articles) ? storyPath(locale, shown.slug) : undefined;
}

/**
 * The version of the story a token shows: the one in its language, else (the fallback rule) the
 * first other language's. The preview share image draws this one only.
 */
export function previewedArticle({ translationId, locale }: Pick<PreviewClaims, 'translationId' | 'locale'>, articles: readonly StoryMeta[]): StoryMeta | undefined {
  const versions = articles.filter((a) => a.translationId === translationId);
  return versions.find((a) => a.locale === locale) ?? locales.map((l) => versions.find((a) => a.locale === l)).find((a) => a !== undefined);
}

function fallbackShows(locale: Locale, other: StoryMeta, articles: readonly StoryMeta[]): boolean {
  const translationId = other.translationId;
  // Slugs are unique per language only: make sure the fallback path really shows this story.
  const shown = findPreviewStory(locale, other.slug, translationId, articles);
  return shown.kind === 'article' && shown.article.translationId === translationId;
}
