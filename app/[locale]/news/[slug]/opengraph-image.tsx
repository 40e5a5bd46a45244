import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findStory, recentStoryParams } from '@/lib/content/queries';
import { formatDateTime } from '@/lib/format';
import { SHARE_IMAGE_SIZE } from '@/lib/seo';
import { renderShareImage } from '@/lib/share-image';
import { prerenderRecentCount, siteName } from '@/lib/site';
import { isLocale } from '@/i18n/languages';

export const contentType = 'image/png';
export const size = SHARE_IMAGE_SIZE;
export const alt = siteName;
export const dynamicParams = true;

// An image route has no layout above it, so no locale comes down from app/[locale]/layout.tsx:
// both params are returned here. Fallback stories (another language's text) have no image.
export function generateStaticParams() {
  return recentStoryParams(prerenderRecentCount()).filter(({ locale, slug }) => {
    const found = findStory(locale, slug);
    return found.kind === 'article' && !found.isFallback;
  });
}

/** The share card of an article, in the article's own language (root params are not available here). */
export default async function ArticleShareImage({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  const found = findStory(locale, slug);
  if (found.kind !== 'article' || found.isFallback) notFound();
  const { article } = found;
  const t = await getTranslations({ locale: article.locale, namespace: 'Sections' });
  return renderShareImage({
    headline: article.title,
    kicker: t(article.section),
    dateLabel: formatDateTime(article.publishedAt, article.locale),
    siteName,
    lang: article.locale,
  });
}
