import { getTranslations } from 'next-intl/server';
import { renderShareImage } from '@/lib/share-image/card';
import { siteName } from '@/lib/site';
import { isLocale, locales } from '@/i18n/languages';

export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

/** The site-wide share image of the home and section pages. */
export async function GET(_request: Request, { params }: RouteContext<'/[locale]/share.png'>) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response('Not found', { status: 404 });
  const t = await getTranslations({ locale, namespace: 'ShareImage' });
  return renderShareImage({ headline: t('tagline'), kicker: siteName, siteName, tagline: '', lang: locale });
}
