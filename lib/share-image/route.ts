// Relative imports only, if any: next.config.ts loads this file, where the @/ alias does not resolve.

/**
 * Where Next serves an article's card: its opengraph-image route, a segment below the article
 * page's internal path (app/[locale]/news/[slug]/opengraph-image.tsx). next.config.ts localizes
 * it with the page (`/<code>/<localized news segment>/<slug>/opengraph-image`), and urls.ts links it.
 */
export const ARTICLE_SHARE_IMAGE_ROUTE = { page: '/news/[slug]', segment: 'opengraph-image' } as const;
