import type { BreadcrumbList, Graph, NewsArticle, NewsMediaOrganizationLeaf, QuantitativeValue, Thing, WithContext } from 'schema-dts';
import { cropJpeg, photoRefOf } from '@/lib/media/picture';
import type { Article } from '@/lib/content/parse';
import { absoluteUrl, siteName } from '@/lib/site';
import { type Locale, language } from '@/i18n/languages';

/** A JSON-LD document as a page embeds it: one typed node with its context, or a graph of them. */
export type JsonLdDocument = WithContext<Exclude<Thing, string>> | Graph;

/**
 * JSON for a <script type="application/ld+json">: "<", ">", "&" and the line separators are
 * escaped, so a headline such as "</script><script>…" cannot end the element.
 */
export function serializeJsonLd(data: JsonLdDocument): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const LOGO = { path: '/logo.png', width: 600, height: 60 };

const pixels = (value: number): QuantitativeValue => ({ '@type': 'QuantitativeValue', value, unitCode: 'E37' });

export function publisherJsonLd(): NewsMediaOrganizationLeaf {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': absoluteUrl('/#organization'),
    name: siteName,
    url: absoluteUrl('/'),
    // schema.org sizes are Distance or QuantitativeValue, not bare numbers: pixels are UN/CEFACT "E37".
    logo: { '@type': 'ImageObject', url: absoluteUrl(LOGO.path), width: pixels(LOGO.width), height: pixels(LOGO.height) },
  };
}

export function newsArticleJsonLd(
  article: Article,
  { url, imageUrl, sectionName }: { url: string; imageUrl: string; sectionName: string },
): WithContext<NewsArticle> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
    description: article.summary,
    // Google's three ratios for news articles, each at least 1200 px wide, around the focal point;
    // the share card when the story has no stored photo.
    image: photoRefOf(article.image) ? (['16x9', '4x3', '1x1'] as const).map((crop) => absoluteUrl(cropJpeg(photoRefOf(article.image)!, crop).url)) : [imageUrl],
    datePublished: article.publishedAt,
    // A correction is published with the story (updatedAt is its time), so dateModified says when.
    dateModified: article.updatedAt,
    ...(article.corrections.length
      ? { correction: article.corrections.map(({ at, note }) => ({ '@type': 'CorrectionComment' as const, text: note, datePublished: at })) }
      : {}),
    author: article.author
      ? [{ '@type': 'Person', name: article.author }]
      : [{ '@type': 'Organization', name: siteName, url: absoluteUrl('/') }],
    publisher: publisherJsonLd(),
    inLanguage: language(article.locale).hreflang,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: sectionName,
    keywords: article.tags,
    isAccessibleForFree: true,
    isBasedOn: article.source.url,
    sourceOrganization: { '@type': 'Organization', name: article.source.name },
  };
}

export function breadcrumbJsonLd(items: { name: string; url: string }[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

export function homeJsonLd(locale: Locale, { url, description }: { url: string; description: string }): Graph {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebSite',
        '@id': absoluteUrl(`/${locale}#website`),
        name: siteName,
        url,
        description,
        inLanguage: language(locale).hreflang,
        publisher: { '@id': absoluteUrl('/#organization') },
      },
      { ...publisherJsonLd(), description },
    ],
  };
}
