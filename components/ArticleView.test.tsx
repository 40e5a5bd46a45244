import { parse } from 'node-html-parser';
import { describe, expect, it, vi } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { latestNewsUnderSeed, seedStory, seedStoryEn } from '@/components/test-support/fixtures';
import { serverMarkup } from '@/components/test-support/server-markup';
import { renderMarkdown } from '@/lib/content/markdown';
import type { Article } from '@/lib/content/parse';
import type { Locale } from '@/i18n/languages';

vi.mock('next-intl/server', () => import('@/components/test-support/translations'));

async function render(locale: Locale, article: Article, { isFallback = false } = {}) {
  const html = await serverMarkup(
    <ArticleView locale={locale} article={article} bodyHtml={renderMarkdown(article.body)} isFallback={isFallback} latest={latestNewsUnderSeed} />,
  );
  return parse(html);
}

describe('ArticleView', () => {
  it('gives an Indonesian reader the headline, lead, body, source and publication time', async () => {
    const page = await render('id', seedStory);
    const article = page.querySelector('article')!;
    expect(article.getAttribute('lang')).toBeUndefined();
    expect(article.querySelector('h1')!.text).toBe(seedStory.title);
    expect(article.querySelector('.article-lead')!.text).toBe(seedStory.summary);
    expect(article.querySelectorAll('.article-body p').map((p) => p.text)).toEqual([
      'Tiongkok memposisikan diri sebagai pelopor pengembangan AI yang inklusif.',
      'Rencana yang diumumkan oleh Perdana Menteri Li Qiang ini menyerukan kerja sama internasional.',
    ]);
    expect(article.querySelector('.article-source')!.text).toBe('Sumber: Cnbc');

    const times = article.querySelectorAll('time');
    // Published once and never updated: one time, and a label for screen readers before it.
    expect(times).toHaveLength(1);
    expect(times[0]!.getAttribute('datetime')).toBe('2025-07-26T10:00:00+07:00');
    expect(times[0]!.text).toBe('Sabtu, 26 Juli 2025, 10.00 WIB');
    expect(article.querySelector('.article-meta .visually-hidden')!.text).toBe('Diterbitkan: ');

    const section = article.querySelector('.kicker a')!;
    expect(section.text).toBe('Teknologi');
    expect(section.getAttribute('href')).toBe('/id/rubrik/teknologi');
    expect(article.querySelector('.article-tags span[lang="id"]')!.text).toBe('kecerdasan-buatan, tiongkok, amerika-serikat');
    expect(article.querySelector('.article-url')!.text).toBe(`http://localhost:3000/id/berita/${seedStory.slug}`);
    expect(page.querySelector('.fallback-notice')).toBeNull();
  });

  it('gives an English reader English labels and dates, and the update time when there is one', async () => {
    const page = await render('en', { ...seedStoryEn, updatedAt: '2025-07-27T08:30:00+07:00', source: { name: 'Cnbc', url: 'https://www.cnbc.com/ai' } });
    const article = page.querySelector('article')!;
    expect(article.querySelector('h1')!.text).toBe('China Launches Global AI Cooperation Plan to Rival US Initiative');
    const source = article.querySelector('.article-source a')!;
    expect(source.text).toBe('Source: Cnbc');
    expect(source.getAttribute('href')).toBe('https://www.cnbc.com/ai');
    expect(source.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(article.querySelectorAll('time').map((t) => [t.getAttribute('datetime'), t.text])).toEqual([
      ['2025-07-26T10:00:00+07:00', 'Saturday, July 26, 2025, 10:00 AM WIB'],
      ['2025-07-27T08:30:00+07:00', 'Sunday, July 27, 2025, 8:30 AM WIB'],
    ]);
    expect(article.querySelector('.article-meta')!.text).toContain('Updated');
  });

  it('marks a story shown in another language: a notice, and the story’s own language on it', async () => {
    const englishOnly = latestNewsUnderSeed.find((s) => s.locale === 'en')!;
    const page = await render('id', englishOnly, { isFallback: true });
    expect(page.querySelector('.fallback-notice')!.text).toBe(
      'Artikel ini belum tersedia dalam Bahasa Indonesia. Anda membacanya dalam bahasa Inggris.',
    );
    const article = page.querySelector('article')!;
    expect(article.getAttribute('lang')).toBe('en');
    // The frame's text around it (date, source) stays in the reader's language, and says so.
    expect(article.querySelector('.article-meta')!.getAttribute('lang')).toBe('id');
    expect(article.querySelector('.article-footer')!.getAttribute('lang')).toBe('id');
    expect(article.querySelector('.article-source')!.text).toBe('Sumber: Cnbc');
  });

  it('renders the latest news the route gives it under the story', async () => {
    const page = await render('id', seedStory);
    const aside = page.querySelector('aside.latest-news')!;
    expect(page.querySelector(`#${aside.getAttribute('aria-labelledby')}`)!.text).toBe('Berita Terbaru');
    const titles = aside.querySelectorAll('.story-title').map((h) => h.text);
    expect(titles).toEqual(latestNewsUnderSeed.map((s) => s.title));
    expect(aside.querySelectorAll('li a[href^="/id/berita/"]')).toHaveLength(latestNewsUnderSeed.length);
  });
  it('lists every correction under the story, with its time, and keeps markup in a note as text', async () => {
    const corrections = [
      { at: '2025-07-26T11:00:00+07:00', note: 'Nama menteri diperbaiki.' },
      { at: '2025-07-27T01:30:00Z', note: '<script>alert(1)</script>"><img src=x onerror=alert(1)>' },
    ];
    const page = await render('id', { ...seedStory, corrections, updatedAt: '2025-07-27T01:30:00Z' });
    const section = page.querySelector('section.article-corrections')!;
    expect(section.getAttribute('aria-labelledby')).toBe('corrections-title');
    expect(section.querySelector('h2#corrections-title')!.text).toBe('Koreksi');
    const items = section.querySelectorAll('li');
    expect(items.map((li) => li.text)).toEqual([
      'Sabtu, 26 Juli 2025, 11.00 WIB: Nama menteri diperbaiki.',
      'Minggu, 27 Juli 2025, 08.30 WIB: <script>alert(1)</script>"><img src=x onerror=alert(1)>',
    ]);
    expect(items[1]!.querySelector('time')!.getAttribute('datetime')).toBe('2025-07-27T01:30:00Z');
    expect(section.querySelectorAll('script, img')).toHaveLength(0);

    const english = await render('en', { ...seedStoryEn, corrections: corrections.slice(0, 1) });
    expect(english.querySelector('#corrections-title')!.text).toBe('Correction');
  });

  it('shows no corrections section for a story never corrected', async () => {
    expect((await render('id', seedStory)).querySelector('.article-corrections')).toBeNull();
  });
});
