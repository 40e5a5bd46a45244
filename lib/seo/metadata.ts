import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { StoryMeta } from '@/lib/content/meta';
import type { Article } from '@/lib/content/parse';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { absoluteUrl, searchLimits, siteName, type SectionId } from '@/lib/site';
import { locales, type Locale, language, otherLocales } from '@/i18n/languages';
import { articlePath, atomFeedPath, feedPath, homePath, localeAlternates, sectionPath, storyAlternates } from '@/lib/urls';

/** A language's RSS and Atom feeds. Each page's alternates replace the layout's, so every page (and the layout) advertises them. */
export function feedTypes(locale: Locale) {
  const title = `${siteName}: ${language(locale).feedTitle}`;
  return {
    'application/rss+xml': [{ url: feedPath(locale), title }],
    'application/atom+xml': [{ url: atomFeedPath(locale), title: `${title} (Atom)` }],
  };
}

/** Metadata of an article page; `shownAs` is the page's locale (differs from the article's for a fallback). */
export function articleMetadata(
  article: Article,
  { versions, sectionName, imageUrl }: { versions: Partial<Record<Locale, StoryMeta>>; sectionName: string; imageUrl: string },
): Metadata {
  const url = absoluteUrl(articlePath(article));
  const alternateLocales = locales.filter((l) => l !== article.locale && versions[l]).map((l) => language(l).ogLocale);
  const image = { url: imageUrl, ...SHARE_IMAGE_SIZE, alt: article.title, type: 'image/png' };
  return {
    title: article.title,
    description: article.summary,
    alternates: { canonical: url, languages: storyAlternates(versions), types: feedTypes(article.locale) },
    openGraph: {
      type: 'article',
      title: article.title,
      description: article.summary,
      url,
      siteName,
      locale: language(article.locale).ogLocale,
      alternateLocale: alternateLocales,
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: sectionName,
      tags: article.tags,
      authors: article.author ? [article.author] : undefined,
      images: [image],
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description: article.summary,
      images: [{ url: imageUrl, alt: article.title }],
    },
  };
}

/** Metadata shared by the home and section pages. */
export function listingMetadata(
  locale: Locale,
  { title, description, path, languages, imageAlt }: { title: string; description: string; path: string; languages: Record<string, string>; imageAlt: string },
): Metadata {
  const url = absoluteUrl(path);
  const imageUrl = absoluteUrl(`/${locale}/share.png`);
  return {
    title: { absolute: title },
    description,
    alternates: { canonical: url, languages, types: feedTypes(locale) },
    openGraph: {
      type: 'website',
      title,
      description,
      url,
      siteName,
      locale: language(locale).ogLocale,
      alternateLocale: otherLocales(locale).map((l) => language(l).ogLocale),
      images: [{ url: imageUrl, ...SHARE_IMAGE_SIZE, alt: imageAlt, type: 'image/png' }],
    },
    twitter: { card: 'summary_large_image', title, description, images: [{ url: imageUrl, alt: imageAlt }] },
  };
}

export async function homeMetadata(locale: Locale, page: number): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const base = t('homeTitle', { site: siteName });
  return listingMetadata(locale, {
    title: page > 1 ? t('pageTitle', { title: base, page }) : base,
    description: t('siteDescription'),
    path: homePath(locale, page),
    languages: page > 1 ? {} : localeAlternates((l) => homePath(l)),
    imageAlt: t('shareImageAlt', { site: siteName }),
  });
}

export async function sectionMetadata(locale: Locale, section: SectionId, page: number): Promise<Metadata> {
  const t = await getTranslations({ locale });
  const name = t(`Sections.${section}`);
  const base = `${t('Metadata.sectionTitle', { section: name })} | ${siteName}`;
  return listingMetadata(locale, {
    title: page > 1 ? t('Metadata.pageTitle', { title: base, page }) : base,
    description: t('Metadata.sectionDescription', { section: name, site: siteName }),
    path: sectionPath(locale, section, page),
    languages: page > 1 ? {} : localeAlternates((l) => sectionPath(l, section)),
    imageAlt: t('Metadata.shareImageAlt', { site: siteName }),
  });
}

/** Metadata of a 404 page: a localized title, never indexed. */
export async function notFoundMetadata(locale: Locale, { gone = false }: { gone?: boolean } = {}): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return { title: t(gone ? 'goneTitle' : 'title'), robots: { index: false, follow: true } };
}

/** Metadata of the search page: its title names the reader's words; never indexed (the header says so too). */
export async function searchMetadata(locale: Locale, query: string | undefined): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'Search' });
  const words = query?.trim().slice(0, searchLimits.maxQueryLength);
  return {
    title: words ? t('titleWithQuery', { query: words }) : t('title'),
    description: t('description', { site: siteName }),
    robots: { index: false, follow: true },
  };
}
