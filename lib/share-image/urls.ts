import { createHash } from 'node:crypto';
import type { Article } from '@/lib/content/parse';
import { photoRefOf } from '@/lib/media/picture';
import { roundFocus, type Focus } from '@/lib/media/variants';
import { ARTICLE_SHARE_IMAGE_ROUTE } from '@/lib/share-image/route';
import { storyPath } from '@/lib/urls';

/**
 * The share image of a published article, under the article page's public path. The image is
 * served as immutable; `v` changes when the article is updated, so that platforms and CDNs fetch
 * the new card instead of keeping the old one.
 */
export function shareImagePath(article: Pick<Article, 'locale' | 'slug' | 'updatedAt'> & { image?: Article['image'] }): string {
  // The card is drawn on the photo: a new photo or focal point is a new card, even at the same updatedAt.
  const photo = photoRefOf(article.image);
  const version = `${Date.parse(article.updatedAt).toString(36)}${photo ? `.${photo.hash.slice(0, 8)}${roundFocusCode(photo.focus)}` : ''}`;
  return `${storyPath(article.locale, article.slug)}/${ARTICLE_SHARE_IMAGE_ROUTE.segment}?v=${version}`;
}

/** The preview share image of an article; `v` changes with what the card shows, so no stale copy is reused. */
export function previewShareImagePath(article: Pick<Article, 'translationId' | 'locale' | 'title' | 'section' | 'publishedAt'>): string {
  const version = createHash('sha256').update(`${article.title}\n${article.section}\n${article.publishedAt}`).digest('hex').slice(0, 12);
  const query = new URLSearchParams({ id: article.translationId, locale: article.locale, v: version });
  return `/api/preview/share-image?${query}`;
}

const roundFocusCode = (focus?: Focus) => {
  const { x, y } = roundFocus(focus);
  return `${Math.round(x * 100)}-${Math.round(y * 100)}`;
};
