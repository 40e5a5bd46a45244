import { Feed, type Item } from 'feed';
import type { Article } from '@/lib/content/parse';
import { cropJpeg, photoRefOf } from '@/lib/media/picture';
import { absoluteUrl, siteName } from '@/lib/site';
import { type Locale, language } from '@/i18n/languages';
import { articlePath, atomFeedPath, feedPath, homePath } from '@/lib/urls';

/** What a feed says in the reader's language (from the messages). */
export interface FeedText {
  title: string;
  description: string;
  sectionName: (article: Article) => string;
}

// Characters XML 1.0 forbids even escaped. Neither `feed` nor the xml-js writer under it drops
// them, and one of them in a title would make the whole feed unreadable.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for a field `feed` writes as CDATA and readers take as plain text (an RSS item title). */
function cdataText(text: string): string {
  // xml-js splits only the FIRST "]]>" of a CDATA section, so a second one would end the section
  // and let the rest of a hostile title in as markup. An invisible word joiner breaks every one.
  return text.replace(NOT_XML, '').replaceAll(']]>', ']]\u2060>');
}

/**
 * Text for a field readers render as HTML (RSS description, Atom `type="html"`): escaped as
 * HTML, so a summary's `<a href=…>` reaches the reader as the text it is, never as a link. The
 * escaped text holds no ">", so it cannot end the CDATA section `feed` puts it in.
 */
function htmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The latest change to any story in the feed, not the newest story's: an older one may be updated. */
function lastChange(articles: readonly Article[]): Date {
  return new Date(articles.reduce((latest, a) => Math.max(latest, Date.parse(a.updatedAt)), 0));
}

function feedOf(locale: Locale, articles: readonly Article[], text: FeedText, item: (a: Article) => Omit<Item, 'link' | 'date' | 'published'>): Feed {
  const home = absoluteUrl(homePath(locale));
  const feed = new Feed({
    id: home,
    title: text.title.replace(NOT_XML, ''),
    description: text.description.replace(NOT_XML, ''),
    link: home,
    language: language(locale).hreflang,
    updated: lastChange(articles),
    generator: siteName,
    author: { name: siteName, link: absoluteUrl('/') },
    feedLinks: { rss: absoluteUrl(feedPath(locale)), atom: absoluteUrl(atomFeedPath(locale)) },
  });
  for (const article of articles) {
    const photo = photoRefOf(article.image);
    feed.addItem({
      ...item(article),
      // The photo's 16:9 crop as the item's enclosure (RSS <enclosure>, Atom rel="enclosure"): the
      // picture a feed reader shows beside the headline.
      ...(photo ? { enclosure: { url: absoluteUrl(cropJpeg(photo, '16x9').url), type: 'image/jpeg', length: 0 } } : {}),
      link: absoluteUrl(articlePath(article)),
      date: new Date(article.updatedAt),
      published: new Date(article.publishedAt),
    });
  }
  return feed;
}

/**
 * `feed` writes encoding="utf-8". Encoding names are case-insensitive (XML 1.0 §4.3.3), but our
 * other XML documents and their checks use the registered name; the root element may need an
 * attribute `feed` has no option for. Throws when the library's output changes shape, so an
 * upgrade that moves these is noticed by the unit tests rather than silently dropping them.
 */
function finish(xml: string, root: string, rootAttributes = ''): string {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>';
  const rootStart = `\n<${root}`;
  const at = xml.indexOf(rootStart);
  if (!xml.startsWith(declaration) || at !== declaration.length) throw new Error(`feed: unexpected start of the ${root} document`);
  return `<?xml version="1.0" encoding="UTF-8"?>${rootStart}${rootAttributes}${xml.slice(at + rootStart.length)}\n`;
}

/** RSS 2.0 of a language's latest stories (its own articles only: a feed has one language). */
export function renderRssFeed(locale: Locale, articles: readonly Article[], text: FeedText): string {
  const feed = feedOf(locale, articles, text, (a) => ({
    title: cdataText(a.title),
    description: htmlText(a.summary),
    category: [{ name: text.sectionName(a).replace(NOT_XML, '') }],
    // RSS <author> is an e-mail address; a name goes in dc:creator, whose namespace `feed` only
    // declares with full content, so the element declares it itself.
    extensions: a.author
      ? [{ name: 'dc:creator', objects: { _attributes: { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, _cdata: cdataText(a.author) } }]
      : [],
  }));
  return finish(feed.rss2(), 'rss');
}

/** Atom 1.0 of the same stories: titles and summaries as `type="html"`, the language as xml:lang. */
export function renderAtomFeed(locale: Locale, articles: readonly Article[], text: FeedText): string {
  const feed = feedOf(locale, articles, text, (a) => ({
    title: htmlText(a.title),
    description: htmlText(a.summary),
    category: [{ term: a.section, name: text.sectionName(a).replace(NOT_XML, '') }],
    author: a.author ? [{ name: a.author.replace(NOT_XML, '') }] : undefined,
  }));
  // `feed` types an Atom enclosure by its file extension ("image/jpg", which is not a media type).
  const atom = feed.atom1().replace(/(<link rel="enclosure" href="[^"]*\.jpg" type=")image\/jpg"/g, '$1image/jpeg"');
  return finish(atom, 'feed', ` xml:lang="${language(locale).hreflang}"`);
}

/** A feed as served: Last-Modified is the latest change to any story in it (none for an empty feed). */
export function feedResponse(xml: string, contentType: string, articles: readonly Article[]): Response {
  const lastModified = lastChange(articles).getTime();
  return new Response(xml, {
    headers: {
      'Content-Type': `${contentType}; charset=utf-8`,
      ...(lastModified ? { 'Last-Modified': new Date(lastModified).toUTCString() } : {}),
    },
  });
}
