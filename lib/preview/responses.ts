import { getTranslations } from 'next-intl/server';
import { PREVIEW_RESPONSE_HEADERS } from '@/lib/preview/session';
import { siteName } from '@/lib/site';
import { type Locale } from '@/i18n/languages';
import { homePath } from '@/lib/urls';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A short page explaining why a preview link did not open, in the link's language: 401 for a
 * wrong, altered or expired link, 404 when its story is no longer in the content folder.
 */
export async function previewProblemResponse(locale: Locale, status: 401 | 404): Promise<Response> {
  const t = await getTranslations({ locale, namespace: 'Preview' });
  const home = await getTranslations({ locale, namespace: 'NotFound' });
  const title = status === 401 ? t('invalidTitle') : t('missingTitle');
  const body = status === 401 ? t('invalid') : t('missing');
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} | ${escapeHtml(siteName)}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem}main{max-width:36rem;margin:0 auto}a{display:inline-block;min-height:44px;line-height:44px}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
<p><a href="${homePath(locale)}">${escapeHtml(home('home'))}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...PREVIEW_RESPONSE_HEADERS } });
}

/** What the preview routes answer when previews are off: nothing to see here. */
export function previewsOffResponse(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PREVIEW_RESPONSE_HEADERS } });
}
