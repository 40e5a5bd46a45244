import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { articleFixture } from '@/lib/content/article-fixture';
import type { Article } from '@/lib/content/parse';
import { renderAtomFeed, renderRssFeed } from '@/lib/seo/feeds';
import { attribute, children, childText, parseXml, readFeed, wellFormednessErrors, type XmlNode } from '../../e2e/support/xml';

const article = (overrides: Partial<Article>) => articleFixture({ translationId: 't', slug: 'a-story', body: '', ...overrides });
const text = { title: 'Kabar & Kini', description: 'Berita <terkini>', sectionName: () => 'Teknologi & Sains' };
const hostile = {
  title: `</title><script>alert("x")</script> Q&A: <AI> "rules" it's <title a='`,
  summary: `Read <a href="javascript:alert(1)">this</a> & <script>x()</script> "now" </description>`,
  author: `<script>alert("author")</script> O'Brien & Co`,
};

const rssChannel = (xml: string) => children(children(parseXml(xml), 'rss')[0], 'channel')[0];
const atomFeed = (xml: string) => children(parseXml(xml), 'feed')[0];
/** The element names under a node: a hostile field that got in as markup would add one. */
const elementNames = (node: XmlNode | undefined) => Object.keys(node ?? {}).filter((k) => !k.startsWith('@') && k !== '#text').sort();
/** What a reader shows for a field it renders as HTML. */
const shownText = (html: string) => parse(html).text;

describe('renderRssFeed', () => {
  it('keeps hostile front matter as text: well-formed, only RSS elements, the raw title, the summary as text', async () => {
    const xml = renderRssFeed('id', [article(hostile)], text);
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const channel = rssChannel(xml);
    const items = children(channel, 'item');
    expect(items).toHaveLength(1);
    expect(elementNames(items[0])).toEqual(['category', 'dc:creator', 'description', 'guid', 'link', 'pubDate', 'title']);
    expect(childText(items[0], 'title')).toBe(hostile.title);
    expect(childText(items[0], 'category')).toBe('Teknologi & Sains');
    expect(childText(channel, 'title')).toBe('Kabar & Kini');
    const description = parse(childText(items[0], 'description'));
    expect(description.querySelectorAll('a, script')).toHaveLength(0);
    expect(description.text).toBe(hostile.summary);
    // A feed reader sees the same text, and the author by name.
    const feed = await readFeed(xml);
    expect(feed.title).toBe('Kabar & Kini');
    expect(feed.items[0]!.title).toBe(hostile.title);
    expect(feed.items[0]!.creator).toBe(hostile.author);
    expect(feed.items[0]!.categories).toEqual(['Teknologi & Sains']);
  });

  it('cannot be broken out of by "]]>" in a title, however many times (xml-js splits only the first)', async () => {
    const title = 'a ]]></title><script>1</script> b ]]></title><script>2</script> c ]]>';
    const xml = renderRssFeed('id', [article({ title, author: title })], text);
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const item = children(rssChannel(xml), 'item')[0];
    expect(elementNames(item)).not.toContain('script');
    expect(childText(item, 'title').replaceAll('\u2060', '')).toBe(title);
  });

  it('drops the control characters XML 1.0 forbids, keeping the rest of the text', async () => {
    const xml = renderRssFeed('id', [article({ title: 'a\u0000b\u0008c\u000bd\u001fe\ufffef', summary: 'x\u0001y' })], { ...text, title: 'T\u0002' });
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const channel = rssChannel(xml);
    expect(childText(channel, 'title')).toBe('T');
    expect(childText(children(channel, 'item')[0], 'title')).toBe('abcdef');
    expect(childText(children(channel, 'item')[0], 'description')).toBe('xy');
  });

  it('names its language, its own URL, and each story by a permalink guid', () => {
    const xml = renderRssFeed('en', [article({ locale: 'en', slug: 'story-one' })], text);
    const channel = rssChannel(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss ')).toBe(true);
    expect(childText(channel, 'language')).toBe('en');
    const self = children(channel, 'atom:link');
    expect(self).toHaveLength(1);
    expect(attribute(self[0], 'rel')).toBe('self');
    expect(attribute(self[0], 'href')).toMatch(/^https?:\/\/[^/]+\/en\/feed\.xml$/);
    const item = children(channel, 'item')[0];
    expect(childText(item, 'link')).toMatch(/\/en\/news\/story-one$/);
    expect(childText(item, 'guid')).toBe(childText(item, 'link'));
    expect(attribute(children(item, 'guid')[0], 'isPermaLink')).toBe('true');
  });

  it('gives each item its publication date as RFC 822 in GMT, not its update', () => {
    const xml = renderRssFeed('en', [article({ locale: 'en', publishedAt: '2025-07-26T10:00:00+07:00', updatedAt: '2025-07-27T10:00:00+07:00' })], text);
    expect(childText(children(rssChannel(xml), 'item')[0], 'pubDate')).toBe('Sat, 26 Jul 2025 03:00:00 GMT');
  });

  it('dates the channel by the latest update of any story, not the newest story', () => {
    const xml = renderRssFeed(
      'id',
      [
        article({ slug: 'new', publishedAt: '2025-07-28T10:00:00+07:00', updatedAt: '2025-07-28T10:00:00+07:00' }),
        article({ slug: 'old', publishedAt: '2025-07-20T10:00:00+07:00', updatedAt: '2025-07-29T08:00:00+07:00' }),
      ],
      text,
    );
    expect(childText(rssChannel(xml), 'lastBuildDate')).toBe('Tue, 29 Jul 2025 01:00:00 GMT');
  });

  it('leaves the author out when the story has none', () => {
    const xml = renderRssFeed('id', [article({ author: undefined })], text);
    expect(elementNames(children(rssChannel(xml), 'item')[0])).not.toContain('dc:creator');
  });
});

describe('renderAtomFeed', () => {
  it('keeps hostile front matter as text in fields readers render as HTML', async () => {
    const xml = renderAtomFeed('id', [article(hostile)], text);
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const entries = children(atomFeed(xml), 'entry');
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(elementNames(entry)).toEqual(['author', 'category', 'id', 'link', 'published', 'summary', 'title', 'updated']);
    for (const field of ['title', 'summary']) {
      expect(attribute(children(entry, field)[0], 'type')).toBe('html');
      expect(parse(childText(entry, field)).querySelectorAll('a, script, title')).toHaveLength(0);
    }
    expect(shownText(childText(entry, 'title'))).toBe(hostile.title);
    expect(shownText(childText(entry, 'summary'))).toBe(hostile.summary);
    expect(childText(children(entry, 'author')[0], 'name')).toBe(hostile.author);
  });

  it('names its language, its own URL and the page it follows, and dates each entry in ISO 8601', async () => {
    const xml = renderAtomFeed('en', [article({ locale: 'en', slug: 'story-one', publishedAt: '2025-07-26T10:00:00+07:00', updatedAt: '2025-07-27T10:00:00+07:00' })], text);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<feed ')).toBe(true);
    const feed = atomFeed(xml);
    expect(attribute(feed, 'xmlns')).toBe('http://www.w3.org/2005/Atom');
    expect(attribute(feed, 'xml:lang')).toBe('en');
    const links = Object.fromEntries(children(feed, 'link').map((l) => [attribute(l, 'rel'), attribute(l, 'href')]));
    expect(links['self']).toMatch(/\/en\/atom\.xml$/);
    expect(links['alternate']).toMatch(/\/en$/);
    expect(childText(feed, 'updated')).toBe('2025-07-27T03:00:00.000Z');
    const entry = children(feed, 'entry')[0];
    expect(childText(entry, 'id')).toMatch(/\/en\/news\/story-one$/);
    expect(childText(entry, 'published')).toBe('2025-07-26T03:00:00.000Z');
    expect(childText(entry, 'updated')).toBe('2025-07-27T03:00:00.000Z');
    // A feed reader reads it as Atom: the same story, link and date.
    const read = await readFeed(xml);
    expect(read.items.map((i) => i.link)).toEqual([childText(entry, 'id')]);
    expect(Date.parse(read.items[0]!.pubDate ?? '')).toBe(Date.parse('2025-07-26T10:00:00+07:00'));
  });
});
