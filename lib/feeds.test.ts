import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { articleFixture } from '@/lib/content/article-fixture';
import type { Article } from '@/lib/content/parse';
import { escapeRssHtml, escapeXml, renderRssFeed } from '@/lib/feeds';
import { attribute, children, childText, parseXml, readFeed, wellFormednessErrors } from '../e2e/support/xml';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`AT&T <b>"quoted"</b> it's`)).toBe('AT&amp;T &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&apos;s');
  });

  it('escapes an ampersand once, even before something that looks like an entity', () => {
    expect(escapeXml('&amp; &lt; &#38;')).toBe('&amp;amp; &amp;lt; &amp;#38;');
  });

  it('drops the control characters XML 1.0 forbids but keeps tab, newline and carriage return', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe('abcdefgh');
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc\rd');
  });

  it('keeps non-ASCII text (Indonesian, CJK, emoji) as it is', () => {
    const text = 'Kecerdasan buatan — 人工智能 🤖 “kutipan”';
    expect(escapeXml(text)).toBe(text);
  });

  it('makes a hostile title safe inside an element and inside an attribute', async () => {
    const hostile = `]]></title><script>alert("x")</script><title a='`;
    const xml = `<r><t a="${escapeXml(hostile)}">${escapeXml(hostile)}</t></r>`;
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const r = children(parseXml(xml), 'r')[0];
    const t = children(r, 't');
    expect(t).toHaveLength(1);
    expect(Object.keys(t[0]!).sort(), 'one attribute and text, no child elements').toEqual(['#text', '@a']);
    expect(childText(r, 't')).toBe(hostile);
    expect(attribute(t[0], 'a')).toBe(hostile);
  });

  it('the well-formedness check can fail: an unescaped ampersand or a control character', async () => {
    expect(await wellFormednessErrors('<r>AT&T</r>')).not.toEqual([]);
    expect(await wellFormednessErrors('<r>a\u0001b</r>')).not.toEqual([]);
  });
});

describe('escapeRssHtml', () => {
  it('gives a feed reader text, not markup: the XML decodes to HTML that shows the summary as written', async () => {
    const summary = `Read <a href="javascript:alert(1)">this</a> & <script>x()</script> "now"`;
    const xml = `<description>${escapeRssHtml(summary)}</description>`;
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const html = childText(parseXml(xml), 'description');
    const rendered = parse(html);
    expect(rendered.querySelectorAll('a, script')).toHaveLength(0);
    expect(rendered.text).toBe(summary);
  });
});

describe('renderRssFeed', () => {
  const article = (overrides: Partial<Article>) => articleFixture({ translationId: 't', slug: 'a-story', body: '', ...overrides });

  it('escapes every text field of an item and stays well-formed', async () => {
    const xml = renderRssFeed('id', [article({ title: 'Q&A: <AI> "rules"', summary: "It's < 5 & > 3", author: 'O\'Brien & Co' })], {
      title: 'Kabar & Kini',
      description: 'Berita <terkini>',
      sectionName: () => 'Teknologi & Sains',
    });
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const channel = children(children(parseXml(xml), 'rss')[0], 'channel')[0];
    const item = children(channel, 'item')[0];
    expect(childText(item, 'title')).toBe('Q&A: <AI> "rules"');
    expect(childText(channel, 'title')).toBe('Kabar & Kini');
    expect(childText(item, 'category')).toBe('Teknologi & Sains');
    expect(childText(channel, 'language')).toBe('id');
    // A feed reader sees the same text.
    const feed = await readFeed(xml);
    expect(feed.title).toBe('Kabar & Kini');
    expect(feed.items[0]!.title).toBe('Q&A: <AI> "rules"');
    expect(feed.items[0]!.categories).toEqual(['Teknologi & Sains']);
  });

  it('gives each item an RFC 822 date in GMT', () => {
    const xml = renderRssFeed('en', [article({ locale: 'en', publishedAt: '2025-07-26T10:00:00+07:00' })], {
      title: 't',
      description: 'd',
      sectionName: () => 's',
    });
    expect(xml).toContain('<pubDate>Sat, 26 Jul 2025 03:00:00 GMT</pubDate>');
  });

  it('dates the channel by the latest update of any story, not the newest story', () => {
    const xml = renderRssFeed(
      'id',
      [
        article({ slug: 'new', publishedAt: '2025-07-28T10:00:00+07:00', updatedAt: '2025-07-28T10:00:00+07:00' }),
        article({ slug: 'old', publishedAt: '2025-07-20T10:00:00+07:00', updatedAt: '2025-07-29T08:00:00+07:00' }),
      ],
      { title: 't', description: 'd', sectionName: () => 's' },
    );
    expect(xml).toContain('<lastBuildDate>Tue, 29 Jul 2025 01:00:00 GMT</lastBuildDate>');
  });
});
