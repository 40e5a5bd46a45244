import { parse, type HTMLElement } from 'node-html-parser';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { siteFrameContent } from '@/components/PageShell';
import { SiteMenu, type SiteMenuProps } from '@/components/SiteMenu';
import { seedStory, seedStoryEn } from '@/components/test-support/fixtures';
import { articlePath } from '@/lib/urls';

vi.mock('next-intl/server', () => import('@/components/test-support/translations'));

// The drawer's accessibility criteria (docs/decisions/003-drawer-progressive-enhancement.md): what a
// screen reader meets as the server sends it (JavaScript off). What its script makes of it (buttons,
// a modal dialog) and its behaviour (focus, Escape, inert) need a browser:
// e2e/reader-drawer.spec.ts and e2e/reader-drawer-criteria.spec.ts.

let props: SiteMenuProps;

beforeAll(async () => {
  // The drawer of the seed story's Indonesian page, as PageShell gives it.
  const frame = await siteFrameContent('id', { alternates: [{ locale: 'en', href: articlePath(seedStoryEn) }], currentSection: seedStory.section });
  props = { labels: frame.text.menu, home: frame.home, latest: frame.latest, sections: frame.sections, languageLinks: frame.languageLinks, search: frame.search };
});

const render = (element: ReactElement) => parse(renderToStaticMarkup(element));
const page = () => render(<SiteMenu {...props} />);
const drawerOf = (page: HTMLElement) => page.querySelector('#site-drawer')!;

function links(page: HTMLElement, list: string) {
  return drawerOf(page)
    .querySelectorAll(list)
    .map((a) => ({ text: a.text, href: a.getAttribute('href'), current: a.getAttribute('aria-current') }));
}

describe('SiteMenu', () => {
  it('without JavaScript: a labelled checkbox controls the drawer, with the links inside', () => {
    const page = render(<SiteMenu {...props} />);
    const toggle = page.querySelector('input#site-menu-toggle')!;
    expect(toggle.getAttribute('type')).toBe('checkbox');
    expect(toggle.getAttribute('aria-label')).toBe('Menu');
    expect(toggle.getAttribute('aria-controls')).toBe('site-drawer');
    expect(toggle.hasAttribute('hidden')).toBe(false);
    expect(page.querySelector('label.menu-button')!.getAttribute('for')).toBe('site-menu-toggle');
    expect(page.querySelector('label.menu-button')!.text).toBe('Menu');
    expect(page.querySelector('label.close-button')!.text).toBe('Tutup');
    // Not yet a dialog: there is nothing to make it modal without JavaScript.
    expect(drawerOf(page).getAttribute('role')).toBeUndefined();
    // The only button is the search form's submit: Menu and Close are labels of the checkbox.
    expect(page.querySelectorAll('button').map((b) => b.getAttribute('type'))).toEqual(['submit']);
  });

  it('holds a search box: a labelled search field, submitted with GET to the language’s search page', () => {
    const form = drawerOf(page()).querySelector('form')!;
    // Not a second search landmark: the header has that one.
    expect(form.getAttribute('role')).toBeUndefined();
    expect(form.getAttribute('action')).toBe('/id/cari');
    expect(form.getAttribute('method')).toBe('get');
    const input = form.querySelector('input')!;
    expect(input.getAttribute('type')).toBe('search');
    expect(input.getAttribute('name')).toBe('q');
    expect(form.querySelector(`label[for="${input.getAttribute('id')}"]`)!.text).toBe('Cari berita');
    expect(form.querySelector('button')!.text).toBe('Cari');
  });

  it('lists home, the latest news and every section, the current section marked', () => {
    const page = render(<SiteMenu {...props} />);
    expect(drawerOf(page).querySelector('nav')!.getAttribute('aria-label')).toBe('Menu');
    expect(links(page, 'nav > ul:first-of-type a')).toEqual([
      { text: 'Beranda', href: '/id', current: undefined },
      { text: 'Berita Terbaru', href: '/id#latest', current: undefined },
    ]);
    const sections = drawerOf(page).querySelector('ul[aria-labelledby="drawer-sections"]')!;
    expect(page.querySelector('#drawer-sections')!.text).toBe('Rubrik');
    expect(sections.querySelectorAll('a').map((a) => [a.text, a.getAttribute('href'), a.getAttribute('aria-current')])).toEqual([
      ['Teknologi', '/id/rubrik/teknologi', 'page'],
      ['Dunia', '/id/rubrik/dunia', undefined],
      ['Ekonomi', '/id/rubrik/ekonomi', undefined],
    ]);
  });

  it('leads to this story in the other language, labelled in that language, with hreflang and lang', () => {
    const page = render(<SiteMenu {...props} />);
    expect(page.querySelector('#drawer-language')!.text).toBe('Bahasa');
    const languages = drawerOf(page).querySelectorAll('ul[aria-labelledby="drawer-language"] a');
    expect(languages.map((a) => ({ text: a.text, href: a.getAttribute('href'), hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang') }))).toEqual([
      { text: 'Read in English', href: articlePath(seedStoryEn), hreflang: 'en', lang: 'en' },
    ]);
  });
});
