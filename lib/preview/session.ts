import { cookies, draftMode } from 'next/headers';
import { cache } from 'react';
import { currentSnapshot, refreshContent } from '@/lib/content/live';
import type { StoryMeta } from '@/lib/content/meta';
import { readCookie } from '@/lib/http/guard';
import { previewSecret } from '@/lib/preview/secret';
import { verifyPreviewToken, type PreviewClaims } from '@/lib/preview/token.mjs';

/**
 * Next's Draft Mode cookie says "skip the static cache" but not for which story, and it lasts the
 * browser session. The signed token rides beside it in its own cookie, so a link shows drafts of its
 * one story only, and only until the link expires.
 */
export const PREVIEW_COOKIE = 'kabar_preview';

/** Next's Draft Mode cookie (its value is Next's build-wide previewModeId). */
export const DRAFT_MODE_COOKIE = '__prerender_bypass';

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
 * Whether a request's Cookie header holds a valid, unexpired preview token. The HTTP guard lets
 * Next's Draft Mode cookie through only then: its value is the same for every editor and every
 * link until the next build, so on its own it must open nothing, not even the uncached render.
 */
export function hasValidPreviewCookie(cookieHeader: string, now = Date.now()): boolean {
  const secret = previewSecret();
  const token = readCookie(cookieHeader, PREVIEW_COOKIE);
  return !!secret && verifyPreviewToken(token && decodeURIComponentSafe(token), secret, now).ok;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The story this request may preview: Draft Mode on and a valid, unexpired token cookie, for a
 * page in the token's language when `locale` is given.
 * Outside Draft Mode it reads no cookie, so statically generated pages stay static.
 */
export async function getPreviewScope(locale?: string): Promise<PreviewClaims | undefined> {
  if (!(await draftMode()).isEnabled) return undefined;
  const secret = previewSecret();
  if (!secret) return undefined;
  const check = verifyPreviewToken((await cookies()).get(PREVIEW_COOKIE)?.value, secret);
  if (!check.ok) return undefined;
  // A link opens its story in its own language only (decision 012): the page of the other language
  // stays public, so a link sent for review in one language does not also show the draft in another.
  return locale === undefined || check.claims.locale === locale ? check.claims : undefined;
}

/** Whether this request renders in Draft Mode (on request, streamed), with or without a preview scope. */
export async function isDraftMode(): Promise<boolean> {
  return (await draftMode()).isEnabled;
}

/**
 * Every article in the store at this moment (re-read once per request), so an edit shows on
 * reload. A store that does not validate keeps its last good articles (lib/content/live.ts).
 */
export const readArticlesNow = cache((): readonly StoryMeta[] => {
  refreshContent();
  return currentSnapshot().articles;
});
