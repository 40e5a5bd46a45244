import { parse } from 'node-html-parser';
import { describe, expect, it, vi } from 'vitest';
import { LatestNews } from '@/components/LatestNews';
import { latestNewsUnderSeed } from '@/components/test-support/fixtures';
import { serverMarkup } from '@/components/test-support/server-markup';
import type { Locale } from '@/i18n/languages';

vi.mock('next-intl/server', () => import('@/components/test-support/translations'));

async function render(locale: Locale) {
  return parse(await serverMarkup(<LatestNews locale={locale} stories={latestNewsUnderSeed} />));
}

/** Each list item as a reader meets it: headline (its language, its link), section, time, language note. */
function items(page: ReturnType<typeof parse>) {
  return page.querySelectorAll('ol.story-list > li').map((li) => {
    const heading = li.querySelector('.story-title')!;
    const time = li.querySelector('time')!;
    return {
      tag: heading.tagName.toLowerCase(),
      title: heading.text,
      lang: heading.getAttribute('lang'),
      href: heading.querySelector('a')!.getAttribute('href'),
      section: [li.querySelector('.story-section')!.text, li.querySelector('.story-section')!.getAttribute('href')],
      time: [time.getAttribute('datetime'), time.text],
      language: li.querySelector('.story-language')?.text,
    };
  });
}

describe('LatestNews', () => {
  it('lists the stories for an Indonesian reader under "Berita Terbaru", an English-only one marked and in its language', async () => {
    const page = await render('id');
    const aside = page.querySelector('aside')!;
    const heading = page.querySelector(`#${aside.getAttribute('aria-labelledby')}`)!;
    expect([heading.tagName, heading.text]).toEqual(['H2', 'Berita Terbaru']);
    expect(items(page)).toEqual([
      {
        tag: 'h3',
        title: 'Former Google CEO Eric Schmidt Urges the US and China to Work Together on AI',
        lang: 'en',
        href: '/id/berita/eric-schmidt-urges-us-china-cooperation-on-ai',
        section: ['Dunia', '/id/rubrik/dunia'],
        time: ['2025-07-29T16:00:00+07:00', '29 Jul 2025, 16.00 WIB'],
        language: 'Dalam bahasa Inggris',
      },
      {
        tag: 'h3',
        title: 'Trump Luncurkan Rencana Aksi AI Amerika dengan Lebih dari 90 Aksi Kebijakan Federal',
        lang: undefined,
        href: '/id/berita/trump-luncurkan-rencana-aksi-ai-amerika',
        section: ['Dunia', '/id/rubrik/dunia'],
        time: ['2025-07-23T19:45:00+07:00', '23 Jul 2025, 19.45 WIB'],
        language: undefined,
      },
    ]);
  });

  it('lists them for an English reader in English, an Indonesian-only one marked', async () => {
    const page = await render('en');
    expect(page.querySelector('#latest-news-title')!.text).toBe('Latest News');
    expect(items(page).map(({ lang, href, section, time, language }) => ({ lang, href, section, time, language }))).toEqual([
      {
        lang: undefined,
        href: '/en/news/eric-schmidt-urges-us-china-cooperation-on-ai',
        section: ['World', '/en/section/world'],
        time: ['2025-07-29T16:00:00+07:00', 'Jul 29, 2025, 4:00 PM WIB'],
        language: undefined,
      },
      {
        lang: 'id',
        href: '/en/news/trump-luncurkan-rencana-aksi-ai-amerika',
        section: ['World', '/en/section/world'],
        time: ['2025-07-23T19:45:00+07:00', 'Jul 23, 2025, 7:45 PM WIB'],
        language: 'In Indonesian',
      },
    ]);
  });

  it('renders nothing when there is no other story', async () => {
    expect(await serverMarkup(<LatestNews locale="id" stories={[]} />)).toBe('');
  });
});
