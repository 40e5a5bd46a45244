import type { Metadata } from 'next';
import { notFound, permanentRedirect, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArticleView } from '@/components/ArticleView';
import { JsonLd } from '@/components/JsonLd';
import { NotFoundPage } from '@/components/NotFoundPage';
import { PageShell } from '@/components/PageShell';
import { PreviewBanner } from '@/components/PreviewBanner';
import { loadArticle } from '@/lib/content/details';
import { renderMarkdown } from '@/lib/content/markdown';
import { findPreviewStory, findStory, getLatestArticles, recentStoryParams } from '@/lib/content/queries';
import { getPreviewScope, isDraftMode, readArticlesNow } from '@/lib/preview/session';
import { articleMetadata, notFoundMetadata } from '@/lib/seo/metadata';
import { previewShareImagePath, shareImagePath } from '@/lib/share-image/urls';
import { absoluteUrl, latestNewsCount, prerenderRecentCount, siteName } from '@/lib/site';
import { isLocale, otherLocales } from '@/i18n/languages';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/seo/structured-data';
import { articlePath, homePath, sectionPath, storyPath } from '@/lib/urls';

export const revalidate = 300;
// Older stories than the prerendered ones render on first request and are then cached.
export const dynamicParams = true;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  return recentStoryParams(prerenderRecentCount(), { includeRedirects: true })
    .filter((p) => p.locale === params.locale)
    .map(({ slug }) => ({ slug }));
}

/**
 * In Draft Mode with a valid preview token, the story is read from disk on every request and the
 * previewed story's drafts are visible (decision 006); otherwise the build's index of published
 * stories. draftMode() leaves statically generated pages static for everyone without the cookie.
 */
async function lookup(params: PageProps<'/[locale]/news/[slug]'>['params']) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  const preview = await getPreviewScope(locale);
  const found = preview ? findPreviewStory(locale, slug, preview.translationId, readArticlesNow()) : findStory(locale, slug);
  if (found.kind === 'gone') return { kind: 'gone' as const, locale };
  if (found.kind === 'missing') {
    // A preview renders on request and streams: the Suspense-thrown 404 of NotFoundPage (decision
    // 005) would arrive after a 200 was sent, so a preview says 404 the plain way (decision 006).
    // So does any page in Draft Mode (a link for another story or language also renders on request).
    if (preview || (await isDraftMode())) notFound();
    return { kind: 'missing' as const, locale };
  }
  if (found.kind === 'redirect') return { locale, preview, ...found };
  // The index keeps what routing needs; the text is read now (decision 031).
  const article = await loadArticle(found.article);
  if (!article) return { kind: 'missing' as const, locale };
  return { locale, preview, ...found, article };
}

export async function generateMetadata({ params }: PageProps<'/[locale]/news/[slug]'>): Promise<Metadata> {
  const found = await lookup(params);
  if (found.kind === 'missing' || found.kind === 'gone') return notFoundMetadata(found.locale, { gone: found.kind === 'gone' });
  // The page itself redirects; redirecting here too would send the Location header twice.
  if (found.kind === 'redirect') return {};
  const { article, versions, preview } = found;
  const t = await getTranslations({ locale: article.locale, namespace: 'Sections' });
  const metadata = articleMetadata(article, {
    versions,
    sectionName: t(article.section),
    imageUrl: absoluteUrl(preview ? previewShareImagePath(article) : shareImagePath(article)),
  });
  return preview ? { ...metadata, robots: { index: false, follow: false } } : metadata;
}

export default async function ArticlePage({ params }: PageProps<'/[locale]/news/[slug]'>) {
  const found = await lookup(params);
  if (found.kind === 'missing' || found.kind === 'gone') return <NotFoundPage locale={found.locale} gone={found.kind === 'gone'} />;
  if (found.kind === 'redirect') {
    // A preview's redirect is temporary: browsers must not remember it after the preview ends.
    if (found.preview) redirect(articlePath(found.article));
    permanentRedirect(articlePath(found.article));
  }
  const { locale, article, versions, isFallback, preview } = found;
  const t = await getTranslations({ locale });
  const url = absoluteUrl(articlePath(article));
  const sectionName = t(`Sections.${article.section}`);
  const imageUrl = absoluteUrl(preview ? previewShareImagePath(article) : shareImagePath(article));
  return (
    <PageShell
      locale={locale}
      alternates={otherLocales(locale).map((l) => ({ locale: l, href: versions[l] ? articlePath(versions[l]) : homePath(l) }))}
      currentSection={article.section}
    >
      <JsonLd data={newsArticleJsonLd(article, { url, imageUrl, sectionName })} />
      <JsonLd
        data={breadcrumbJsonLd([
          { name: siteName, url: absoluteUrl(homePath(locale)) },
          { name: sectionName, url: absoluteUrl(sectionPath(locale, article.section)) },
          { name: article.title, url },
        ])}
      />
      {preview && (
        <PreviewBanner
          locale={locale}
          article={article}
          exitTo={article.status === 'published' ? storyPath(locale, article.slug) : homePath(locale)}
          shareImagePath={previewShareImagePath(article)}
        />
      )}
      <ArticleView
        locale={locale}
        article={article}
        bodyHtml={renderMarkdown(article.body)}
        isFallback={isFallback}
        // What readers see now, in a preview too: the previewed story's drafts are not news yet.
        latest={getLatestArticles(locale, { exclude: article.translationId, limit: latestNewsCount })}
      />
    </PageShell>
  );
}
