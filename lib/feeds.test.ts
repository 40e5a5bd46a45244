import { describe, expect, it } from 'vitest';
import { parse, valid } from 'node-html-parser';
import { articleFixture } from '@/lib/content/article-fixture';
import type { Article } from '@/lib/content/parse';
import { escapeRssHtml, escapeXml, renderRssFeed } from '@/lib/feeds';

const xmlOptions = { lowerCaseTagName: false, voidTag: { tags: [] as string[] } };

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

  it('makes a hostile title safe inside an element and inside an attribute', () => {
    const hostile = `]]></title><script>alert("x")</script><title a='`;
    const xml = `<r><t a="${escapeXml(hostile)}">${escapeXml(hostile)}</t></r>`;
    expect(valid(xml, xmlOptions)).toBe(true);
    const t = parse(xml, xmlOptions).querySelector('t')!;
    expect(t.childNodes).toHaveLength(1);
    expect(t.text).toBe(hostile);
    expect(t.getAttribute('a')).toBe(hostile);
  });
});

describe('escapeRssHtml', () => {
  it('gives a feed reader text, not markup: the XML decodes to HTML that shows the summary as written', () => {
    const summary = `Read <a href="javascript:alert(1)">this</a> & <script>x()</script> "now"`;
    const xml = `<description>${escapeRssHtml(summary)}</description>`;
    expect(valid(xml, xmlOptions)).toBe(true);
    const html = parse(xml, xmlOptions).querySelector('description')!.text;
    const rendered = parse(html);
    expect(rendered.querySelectorAll('a, script')).toHaveLength(0);
    expect(rendered.text).toBe(summary);
  });
});

describe('renderRssFeed', () => {
  const article = (overrides: Partial<Article>) => articleFixture({ translationId: 't', slug: 'a-story', body: '', ...overrides });

  it('escapes every text field of an item and stays well-formed', () => {
    const xml = renderRssFeed('id', [article({ title: 'Q&A: <AI> "rules"', summary: "It's < 5 & > 3", author: 'O\'Brien & Co' })], {
      title: 'Kabar & Kini',
      description: 'Berita <terkini>',
      sectionName: () => 'Teknologi & Sains',
    });
    expect(valid(xml, xmlOptions)).toBe(true);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const root = parse(xml, xmlOptions);
    expect(root.querySelector('item title')!.text).toBe('Q&A: <AI> "rules"');
    expect(root.querySelector('channel > title')!.text).toBe('Kabar & Kini');
    expect(root.querySelector('item category')!.text).toBe('Teknologi & Sains');
    expect(root.querySelector('language')!.text).toBe('id');
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
