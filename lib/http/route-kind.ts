import { isLocale, language } from '../../i18n/languages';

/**
 * What kind of thing a request asks for, from its path alone: the label that request metrics and
 * log lines carry. A small fixed set (never the path itself), so a flood of random URLs cannot
 * grow the metrics without bound.
 */
export const ROUTE_KINDS = ['article', 'list', 'search', 'feed', 'sitemap', 'share_image', 'api', 'desk', 'other'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

const isPageNumber = (segment: string | undefined) => segment !== undefined && /^\d+$/.test(segment);

export function routeKind(path: string): RouteKind {
  const segments = path.split('/').slice(1);
  const [first, second, third, fourth] = segments;
  if (first === 'desk' || (first === 'api' && second === 'desk')) return 'desk';
  if (first === 'api') return 'api';
  if (path === '/sitemap.xml' || path === '/sitemap-news.xml' || path === '/robots.txt') return 'sitemap';
  // The index's children (app/sitemaps/[file]): one file name under the folder.
  if (first === 'sitemaps' && second !== undefined && second !== '' && segments.length === 2) return 'sitemap';
  if (!isLocale(first)) return 'other';
  const { paths, sections } = language(first);
  // A trailing slash is Next's redirect to the same kind of page.
  const rest = segments.slice(1).filter((segment, i, all) => segment !== '' || i !== all.length - 1);
  if (rest.length === 0) return 'list';
  if (second === 'feed.xml' || second === 'atom.xml') return rest.length === 1 ? 'feed' : 'other';
  if (second === 'share.png') return rest.length === 1 ? 'share_image' : 'other';
  if (second === paths.news || second === 'news') {
    if (rest.length === 2) return 'article';
    if (rest.length === 3 && fourth === 'opengraph-image') return 'share_image';
    return 'other';
  }
  if (second === paths.search || second === 'search') return rest.length === 1 ? 'search' : 'other';
  if (second === paths.page || second === 'page') return rest.length === 2 && isPageNumber(third) ? 'list' : 'other';
  if (second === paths.section || second === 'section') {
    const known = third !== undefined && (Object.values(sections) as string[]).includes(third);
    if (known && (rest.length === 2 || (rest.length === 3 && isPageNumber(fourth)))) return 'list';
    return 'other';
  }
  return 'other';
}
