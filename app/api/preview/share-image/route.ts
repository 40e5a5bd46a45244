import type { NextRequest } from 'next/server';
import { previewsOffResponse } from '@/lib/preview/responses';
import { previewSecret } from '@/lib/preview/secret';
import { getPreviewScope, PREVIEW_RESPONSE_HEADERS, readArticlesNow } from '@/lib/preview/session';
import { previewedArticle } from '@/lib/preview/target';
import { renderArticleShareImage } from '@/lib/share-image/card';
import { isLocale } from '@/i18n/languages';

/**
 * The share image of the story being previewed, as its opengraph-image route will draw it once
 * published, drawn on request from the file as it is now. Only for the browser holding the
 * preview (Draft Mode and the token of this story), and never stored by any cache.
 */
export async function GET(request: NextRequest) {
  if (!previewSecret()) return previewsOffResponse();
  const scope = await getPreviewScope();
  const id = request.nextUrl.searchParams.get('id');
  const locale = request.nextUrl.searchParams.get('locale');
  // Only the version the token's page shows (its language, or the fallback), never the other one.
  const shown = scope && id === scope.translationId ? previewedArticle(scope, readArticlesNow()) : undefined;
  const article = shown && isLocale(locale) && shown.locale === locale ? shown : undefined;
  if (!article) return new Response('Not found', { status: 404, headers: PREVIEW_RESPONSE_HEADERS });

  return renderArticleShareImage(article, { headers: PREVIEW_RESPONSE_HEADERS });
}
