import { parse } from 'node-html-parser';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import LocaleError from '@/app/[locale]/error';
import { ErrorPage, ErrorPageProvider, type ErrorPageContent } from '@/components/ErrorPage';
import { homeAlternates, siteFrameContent } from '@/components/PageShell';
import { messagesFor } from '@/i18n/messages';
import type { Locale } from '@/i18n/languages';

vi.mock('next-intl/server', () => import('@/components/test-support/translations'));

// A real render error cannot be caused from outside without a test-only switch in the site, so the
// error page is tested here, as the browser renders it: app/[locale]/error.tsx inside the layout's
// ErrorPageProvider, with the content the layout resolves.

async function content(locale: Locale): Promise<ErrorPageContent> {
  return { frame: await siteFrameContent(locale, { alternates: homeAlternates(locale) }), text: messagesFor(locale).Error };
}

async function renderError(locale: Locale, error: unknown = new Error('relation "articles" does not exist at postgres://db.internal:5432')) {
  const html = renderToStaticMarkup(
    <ErrorPageProvider content={await content(locale)}>
      <LocaleError error={error} retry={() => undefined} />
    </ErrorPageProvider>,
  );
  return { html, page: parse(html) };
}

describe('the error page (app/[locale]/error.tsx)', () => {
  it('says what happened in the reader’s language, inside the site’s frame', async () => {
    const { page } = await renderError('id');
    const main = page.querySelector('main#main')!;
    expect(main.querySelector('h1')!.text).toBe('Terjadi kesalahan');
    expect(main.querySelector('p')!.text).toBe('Maaf, halaman ini tidak dapat ditampilkan saat ini. Silakan coba lagi sebentar lagi.');
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    // The frame: skip link, the site's name leading home, the sections, the drawer, the footer.
    expect(page.querySelector('a.skip-link')!.getAttribute('href')).toBe('#main');
    expect(page.querySelector('header a.brand')!.getAttribute('href')).toBe('/id');
    expect(page.querySelectorAll('nav.inline-sections a').map((a) => a.text)).toEqual(['Teknologi', 'Dunia', 'Ekonomi']);
    expect(page.querySelector('#site-drawer')).not.toBeNull();
    expect(page.querySelector('footer.site-footer a[href="/sitemap.xml"]')!.text).toBe('Peta situs');
  });

  it('offers to try again and the way home', async () => {
    const { page } = await renderError('en');
    const main = page.querySelector('main')!;
    const retry = main.querySelector('button')!;
    expect([retry.getAttribute('type'), retry.text]).toEqual(['button', 'Try again']);
    const home = main.querySelectorAll('a').map((a) => [a.text, a.getAttribute('href')]);
    expect(home).toEqual([['Back to the home page', '/en']]);
    // The language switch leads to the other language's home page: this page has no version there.
    const switchLink = page.querySelector('ul[aria-labelledby="drawer-language"] a')!;
    expect([switchLink.getAttribute('href'), switchLink.getAttribute('hreflang'), switchLink.getAttribute('lang')]).toEqual(['/id', 'id', 'id']);
  });

  it('never shows the error itself', async () => {
    const secret = 'relation "articles" does not exist at postgres://db.internal:5432';
    for (const error of [new Error(secret), Object.assign(new Error(secret), { digest: '1234567' }), secret]) {
      const { html } = await renderError('id', error);
      expect(html).not.toContain('postgres://');
      expect(html).not.toContain('does not exist');
    }
  });

  it('needs the layout’s content: without it, the error goes up to the root error page', () => {
    expect(() => renderToStaticMarkup(<ErrorPage onRetry={() => undefined} />)).toThrow(/ErrorPageProvider/);
  });
});
