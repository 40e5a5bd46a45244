import { createHash } from 'node:crypto';
import { cookies, draftMode } from 'next/headers';
import { cache } from 'react';
import { loadAllArticles } from '@/lib/content/load';
import type { Article } from '@/lib/content/parse';
import { previewSecret } from '@/lib/preview/secret';
import { verifyPreviewToken, type PreviewClaims } from '@/lib/preview/token.mjs';

/**
 * Next's Draft Mode cookie says "skip the static cache" but not for which story, and it lasts the
 * browser session. The signed token rides beside it in its own cookie, so a link shows drafts of its
 * one story only, and only until the link expires.
 */
export const PREVIEW_COOKIE = 'kabar_preview';

/** Headers of every preview route's response: for this browser only, never stored, never indexed. */
export const PREVIEW_RESPONSE_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Robots-Tag': 'noindex, nofollow',
} as const;

/** The token cookie's attributes; removing it repeats them, or a browser may keep the Secure one. */
export function previewCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV !== 'development', path: '/', expires } as const;
}

/**
 * The story this request may preview: Draft Mode on and a valid, unexpired token cookie.
 * Outside Draft Mode it reads no cookie, so statically generated pages stay static.
 */
export async function getPreviewScope(): Promise<PreviewClaims | undefined> {
  if (!(await draftMode()).isEnabled) return undefined;
  const secret = previewSecret();
  if (!secret) return undefined;
  const check = verifyPreviewToken((await cookies()).get(PREVIEW_COOKIE)?.value, secret);
  return check.ok ? check.claims : undefined;
}

/** Every article as it is on disk at this moment (once per request), so an edit shows on reload. */
export const readArticlesNow = cache((): Article[] => loadAllArticles());

/** The preview share image of an article; `v` changes with what the card shows, so no stale copy is reused. */
export function previewShareImagePath(article: Pick<Article, 'translationId' | 'locale' | 'title' | 'section' | 'publishedAt'>): string {
  const version = createHash('sha256').update(`${article.title}\n${article.section}\n${article.publishedAt}`).digest('hex').slice(0, 12);
  const query = new URLSearchParams({ id: article.translationId, locale: article.locale, v: version });
  return `/api/preview/share-image?${query}`;
}
