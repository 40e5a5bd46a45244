import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArticleView } from '@/components/ArticleView';
import { JsonLd } from '@/components/JsonLd';
import { PageShell } from '@/components/PageShell';
import { findStory, recentStoryParams } from '@/lib/content/queries';
import { articleMetadata } from '@/lib/seo';
import { absoluteUrl, isLocale, locales, prerenderRecentCount, siteName } from '@/lib/site';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/structured-data';
import { articlePath, homePath, sectionPath, shareImagePath } from '@/lib/urls';

export const revalidate = 300;
// Older stories than the prerendered ones render on first request and are then cached.
export const dynamicParams = true;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  return recentStoryParams(prerenderRecentCount())
    .filter((p) => p.locale === params.locale)
    .map(({ slug }) => ({ slug }));
}

async function lookup(params: PageProps<'/[locale]/news/[slug]'>['params']) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  const found = findStory(locale, slug);
  if (found.kind === 'missing') notFound();
  if (found.kind === 'redirect') permanentRedirect(articlePath(found.article));
  return { locale, ...found };
}

export async function generateMetadata({ params }: PageProps<'/[locale]/news/[slug]'>): Promise<Metadata> {
  const { article, versions } = await lookup(params);
  const t = await getTranslations({ locale: article.locale, namespace: 'Sections' });
  return articleMetadata(article, {
    versions,
    sectionName: t(article.section),
    imageUrl: absoluteUrl(shareImagePath(article)),
  });
}

export default async function ArticlePage({ params }: PageProps<'/[locale]/news/[slug]'>) {
  const { locale, article, versions, isFallback } = await lookup(params);
  const t = await getTranslations({ locale });
  const other = locales.find((l) => l !== locale)!;
  const otherVersion = versions[other];
  const url = absoluteUrl(articlePath(article));
  const sectionName = t(`Sections.${article.section}`);
  return (
    <PageShell
      locale={locale}
      alternate={{ locale: other, href: otherVersion ? articlePath(otherVersion) : homePath(other) }}
      currentSection={article.section}
    >
      <JsonLd data={newsArticleJsonLd(article, { url, imageUrl: absoluteUrl(shareImagePath(article)), sectionName })} />
      <JsonLd
        data={breadcrumbJsonLd([
          { name: siteName, url: absoluteUrl(homePath(locale)) },
          { name: sectionName, url: absoluteUrl(sectionPath(locale, article.section)) },
          { name: article.title, url },
        ])}
      />
      <ArticleView locale={locale} article={article} isFallback={isFallback} />
    </PageShell>
  );
}
