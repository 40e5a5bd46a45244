import { getTranslations } from 'next-intl/server';
import { getContentIndex } from '@/lib/content/index';
import { feedResponse, renderRssFeed } from '@/lib/seo/feeds';
import { feedSize, siteName } from '@/lib/site';
import { isLocale, language, locales } from '@/i18n/languages';

export const dynamic = 'force-static';
export const revalidate = 300;
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: RouteContext<'/[locale]/feed.xml'>) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response('Not found', { status: 404 });
  const t = await getTranslations({ locale });
  const articles = getContentIndex().published.filter((a) => a.locale === locale).slice(0, feedSize);
  const xml = renderRssFeed(locale, articles, {
    title: `${siteName}: ${language(locale).feedTitle}`,
    description: t('Metadata.siteDescription'),
    sectionName: (a) => t(`Sections.${a.section}`),
  });
  return feedResponse(xml, 'application/rss+xml', articles);
}
