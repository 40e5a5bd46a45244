import { getTranslations } from 'next-intl/server';
import { loadArticles } from '@/lib/content/details';
import { getContentIndex } from '@/lib/content/index';
import { feedResponse, renderAtomFeed, renderRssFeed } from '@/lib/seo/feeds';
import { feedSize, siteName } from '@/lib/site';
import { isLocale, language, locales } from '@/i18n/languages';

const FORMATS = {
  rss: { render: renderRssFeed, contentType: 'application/rss+xml' },
  atom: { render: renderAtomFeed, contentType: 'application/atom+xml' },
} as const;

/** Every language's feed is built at build time (and again when its content changes). */
export function feedStaticParams() {
  return locales.map((locale) => ({ locale }));
}

/**
 * The GET handler of a language's feed (feed.xml: RSS, atom.xml: Atom): the route resolves the
 * language's latest stories and its texts; lib/seo/feeds.ts writes the format.
 */
export function feedHandler(format: keyof typeof FORMATS) {
  const { render, contentType } = FORMATS[format];
  return async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }): Promise<Response> {
    const { locale } = await params;
    if (!isLocale(locale)) return new Response('Not found', { status: 404 });
    const t = await getTranslations({ locale });
    const articles = await loadArticles(getContentIndex().published.filter((a) => a.locale === locale).slice(0, feedSize));
    const xml = render(locale, articles, {
      title: `${siteName}: ${language(locale).feedTitle}`,
      description: t('Metadata.siteDescription'),
      sectionName: (a) => t(`Sections.${a.section}`),
    });
    return feedResponse(xml, contentType, articles);
  };
}
