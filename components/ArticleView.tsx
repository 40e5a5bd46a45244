import { getTranslations } from 'next-intl/server';
import { LatestNews } from '@/components/LatestNews';
import { StoryPhoto } from '@/components/Photo';
import type { StoryMeta } from '@/lib/content/meta';
import type { Article } from '@/lib/content/parse';
import { formatDateTime } from '@/lib/format';
import { absoluteUrl } from '@/lib/site';
import { languageName, type Locale } from '@/i18n/languages';
import { sectionPath, storyPath } from '@/lib/urls';

interface ArticleViewProps {
  /** The page's language (the UI's); the article may be in another one when it is a fallback. */
  locale: Locale;
  article: Article;
  /** The article's body as HTML, rendered from its Markdown by the route (lib/content/markdown.ts). */
  bodyHtml: string;
  isFallback: boolean;
  /** "Latest News" under the article: the newest stories but this one. */
  latest: readonly StoryMeta[];
}

export async function ArticleView({ locale, article, bodyHtml, isFallback, latest }: ArticleViewProps) {
  const t = await getTranslations({ locale });
  const updated = article.updatedAt !== article.publishedAt;
  return (
    <div className="container article-layout">
      {isFallback && (
        <p className="fallback-notice" role="note">
          {t('Article.fallbackNotice', { language: languageName(article.locale, locale) })}
        </p>
      )}
      <article className="article" lang={article.locale !== locale ? article.locale : undefined}>
        <header className="article-header">
          <p className="kicker">
            <a href={sectionPath(locale, article.section)}>{t(`Sections.${article.section}`)}</a>
          </p>
          <h1 className="article-title">{article.title}</h1>
          <p className="article-lead">{article.summary}</p>
          <p className="article-meta" lang={locale}>
            {article.author && <span className="byline">{t('Article.byline', { author: article.author })} · </span>}
            <span className="visually-hidden">{t('Article.published')}: </span>
            <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt, locale)}</time>
            {updated && (
              <>
                {' · '}
                {t('Article.updated')}{' '}
                <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt, locale)}</time>
              </>
            )}
          </p>
        </header>
        {article.image && (
          <figure className="article-image">
            <StoryPhoto image={article.image} sizes="(min-width: 40rem) 38rem, calc(100vw - 2rem)" lead />
            {(article.image.caption || article.image.credit) && (
              <figcaption>
                {article.image.caption} {article.image.credit && <span className="credit">{article.image.credit}</span>}
              </figcaption>
            )}
          </figure>
        )}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {/* Corrections stay listed for as long as the story is up, oldest first, as printed papers do. */}
        {article.corrections.length > 0 && (
          <section className="article-corrections" aria-labelledby="corrections-title" lang={locale}>
            <h2 id="corrections-title">{t('Article.corrections', { count: article.corrections.length })}</h2>
            <ul>
              {article.corrections.map((correction, i) => (
                <li key={i}>
                  <time dateTime={correction.at}>{formatDateTime(correction.at, locale)}</time>
                  {': '}
                  <span lang={article.locale}>{correction.note}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <footer className="article-footer" lang={locale}>
          <p className="article-source">
            {article.source.url ? (
              <a href={article.source.url} rel="noopener noreferrer nofollow">
                {t('Article.source', { name: article.source.name })}
              </a>
            ) : (
              t('Article.source', { name: article.source.name })
            )}
          </p>
          {/* On paper there is no address bar: the print stylesheet shows where the story lives. */}
          <p className="article-url print-only">{absoluteUrl(storyPath(locale, article.slug))}</p>
          {article.tags.length > 0 && (
            <p className="article-tags">
              <span>{t('Article.tags')}: </span>
              <span lang={article.locale}>{article.tags.join(', ')}</span>
            </p>
          )}
        </footer>
      </article>
      <LatestNews locale={locale} stories={latest} />
    </div>
  );
}
