import type { ContentSnapshot } from '@/lib/content/live';
import { feedSize, latestNewsCount } from '@/lib/site';
import { locales, sectionFromSlug, type Locale } from '@/i18n/languages';
import { homePath, searchPath, sectionPath, storyPath } from '@/lib/urls';

/**
 * Surrogate keys for the front cache (docs/decisions/007-varnish-front-cache.md): every response
 * names what it shows, so a publish can drop exactly the pages it changes.
 *
 * - `story-<translationId>`: a story's pages in every language (also as a fallback, a redirect, a
 *   410) and its share image;
 * - `latest-<locale>`: every article page of that language ("Latest News" under it);
 * - `list-home-<locale>`, `list-section-<locale>-<section>`: every page of a list;
 * - `feed-<locale>` (RSS and Atom), `sitemap` (both sitemaps);
 * - `search-<locale>`: every answer of that language's search page (any change of a story in that
 *   language may change any search's results: they are purged together, and kept a minute at most);
 * - `missing`: every 404 and 410 (a story published at a URL asked for before);
 * - `all` on everything.
 */
export const ALL = 'all';
/** Past this many changed stories a purge names `all` rather than a header of thousands of keys. */
export const MAX_STORIES_PER_PURGE = 100;

interface Prefixes {
  story: Set<string>;
  home: Set<string>;
  section: Set<string>;
  search: Set<string>;
}

let prefixes: Map<string, Prefixes> | undefined;

/** The first path segment of each kind of page, per language: the public one and the internal one. */
function segmentsOf(locale: Locale): Prefixes {
  prefixes ??= new Map(
    locales.map((l) => {
      const second = (path: string) => path.split('/')[2]!;
      return [
        l,
        {
          story: new Set([second(storyPath(l, 'x')), 'news']),
          home: new Set([second(homePath(l, 2)), 'page']),
          section: new Set([second(sectionPath(l, 'world')), 'section']),
          search: new Set([second(searchPath(l)), 'search']),
        },
      ];
    }),
  );
  return prefixes.get(locale)!;
}

let storyIds: { version: string; bySlug: Map<string, string> } | undefined;

/** translationId of "locale/slug": visible, embargoed, draft, taken down or moved. */
function storyIdOf(snapshot: ContentSnapshot, locale: Locale, slug: string): string | undefined {
  if (storyIds?.version !== snapshot.version) {
    const bySlug = new Map<string, string>();
    for (const [key, id] of snapshot.index.renamed) bySlug.set(key, id);
    for (const a of snapshot.articles) bySlug.set(`${a.locale}/${a.slug}`, a.translationId);
    storyIds = { version: snapshot.version, bySlug };
  }
  // A page may show another language's story under its slug (the fallback).
  for (const l of [locale, ...locales.filter((other) => other !== locale)]) {
    const id = storyIds.bySlug.get(`${l}/${slug}`);
    if (id) return id;
  }
  return undefined;
}

/** A malformed escape (a hostile URL) is no story's slug, and must not fail the response. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The keys of the response to `path` (public or internal), from the snapshot the response was made from. */
export function surrogateKeysFor(path: string, status: number, snapshot: ContentSnapshot): string {
  const keys = [ALL];
  if (status === 404 || status === 410) keys.push('missing');
  const [first, kind, name, extra] = path.split('/').slice(1);
  if (first === 'sitemap.xml' || first === 'sitemap-news.xml') keys.push('sitemap');
  const locale = locales.find((l) => l === first);
  if (!locale) return keys.join(' ');
  const seg = segmentsOf(locale);
  if (!kind || (seg.home.has(kind) && name && !extra)) keys.push(`list-home-${locale}`);
  else if (kind === 'feed.xml' || kind === 'atom.xml') keys.push(`feed-${locale}`);
  else if (seg.search.has(kind) && !name) keys.push(`search-${locale}`);
  else if (seg.section.has(kind) && name) {
    const section = sectionFromSlug(locale, name);
    if (section) keys.push(`list-section-${locale}-${section}`);
  } else if (seg.story.has(kind) && name) {
    const id = storyIdOf(snapshot, locale, safeDecode(name));
    if (id) keys.push(`story-${id}`);
    if (!extra) keys.push(`latest-${locale}`);
  }
  return keys.join(' ');
}

/**
 * The keys a change of content touches: each story whose visible versions differ between the two
 * snapshots (article objects are reused while a file is unchanged, so identity is enough), and
 * each list, feed and "Latest News" it was or is in.
 */
export function affectedKeys(before: ContentSnapshot, after: ContentSnapshot): string[] {
  const changed: string[] = [];
  for (const id of new Set([...before.index.byTranslation.keys(), ...after.index.byTranslation.keys()])) {
    const old = before.index.byTranslation.get(id) ?? {};
    const now = after.index.byTranslation.get(id) ?? {};
    if (locales.some((l) => old[l] !== now[l])) changed.push(id);
  }
  const goneChanged = [...before.index.gone].some((k) => !after.index.gone.has(k)) || [...after.index.gone].some((k) => !before.index.gone.has(k));
  if (!changed.length && !goneChanged) return [];
  if (changed.length > MAX_STORIES_PER_PURGE) return [ALL];
  const keys = new Set<string>(['sitemap', 'missing']);
  const ranks = (snapshot: ContentSnapshot, locale: Locale) => {
    const rank = new Map<string, number>();
    snapshot.index.storiesFor[locale].forEach((a, i) => rank.set(a.translationId, i));
    return rank;
  };
  for (const locale of locales) {
    const was = ranks(before, locale);
    const is = ranks(after, locale);
    for (const id of changed) {
      keys.add(`story-${id}`);
      // The searches of the languages the story is (or was) written in.
      if (before.index.byTranslation.get(id)?.[locale] || after.index.byTranslation.get(id)?.[locale]) keys.add(`search-${locale}`);
      const positions = [was.get(id), is.get(id)].filter((p): p is number => p !== undefined);
      if (!positions.length) continue;
      keys.add(`list-home-${locale}`);
      for (const snapshot of [before, after]) {
        for (const a of Object.values(snapshot.index.byTranslation.get(id) ?? {})) keys.add(`list-section-${locale}-${a.section}`);
      }
      // "Latest News" lists the newest stories but the page's own: one more than it shows.
      if (Math.min(...positions) <= latestNewsCount) keys.add(`latest-${locale}`);
      if (Math.min(...positions) < feedSize) keys.add(`feed-${locale}`);
    }
  }
  return [...keys];
}
