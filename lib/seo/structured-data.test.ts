import { describe, expect, it } from 'vitest';
import { articleFixture } from '@/lib/content/article-fixture';
import { newsArticleJsonLd, serializeJsonLd } from '@/lib/seo/structured-data';

const page = { url: 'https://kabar.test/id/berita/cerita', imageUrl: 'https://kabar.test/id/berita/cerita/share.png', sectionName: 'Teknologi' };

describe('the article’s JSON-LD', () => {
  it('has no correction for a story never corrected', () => {
    const data = newsArticleJsonLd(articleFixture(), page);
    expect(data).not.toHaveProperty('correction');
    expect(data.dateModified).toBe('2025-07-26T10:00:00+07:00');
  });

  it('lists every correction as a CorrectionComment, and dateModified is the latest', () => {
    const corrections = [
      { at: '2025-07-26T11:00:00+07:00', note: 'Nama menteri diperbaiki.' },
      { at: '2025-07-27T08:30:00Z', note: 'Angka korban diperbaiki.' },
    ];
    const data = newsArticleJsonLd(articleFixture({ corrections, updatedAt: '2025-07-27T08:30:00Z' }), page);
    expect(data.correction).toEqual([
      { '@type': 'CorrectionComment', text: 'Nama menteri diperbaiki.', datePublished: '2025-07-26T11:00:00+07:00' },
      { '@type': 'CorrectionComment', text: 'Angka korban diperbaiki.', datePublished: '2025-07-27T08:30:00Z' },
    ]);
    expect(data.dateModified).toBe('2025-07-27T08:30:00Z');
    expect(data.datePublished).toBe('2025-07-26T10:00:00+07:00');
  });

  it('keeps a hostile note inside its string: it cannot end the script element', () => {
    const note = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>';
    const json = serializeJsonLd(newsArticleJsonLd(articleFixture({ corrections: [{ at: '2025-07-26T11:00:00+07:00', note }] }), page));
    expect(json).not.toMatch(/<|>/);
    expect(JSON.parse(json).correction[0].text).toBe(note);
  });
});
