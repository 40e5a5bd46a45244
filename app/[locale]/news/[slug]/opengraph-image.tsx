import { notFound } from 'next/navigation';
import { findStory, recentStoryParams } from '@/lib/content/queries';
import { renderArticleShareImage } from '@/lib/share-image/card';
import { SHARE_IMAGE_SIZE } from '@/lib/share-image/size';
import { prerenderRecentCount, siteName } from '@/lib/site';
import { isLocale } from '@/i18n/languages';

export const contentType = 'image/png';
export const size = SHARE_IMAGE_SIZE;
export const alt = siteName;
export const dynamicParams = true;

// An image route has no layout above it, so no locale comes down from app/[locale]/layout.tsx:
// both params are returned here. Fallback stories (another language's text) have no image.
// Served at the page's public path too (next.config.ts; lib/share-image/urls.ts links that one).
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
  return renderArticleShareImage(found.article);
}
