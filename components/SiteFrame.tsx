import type { ReactNode } from 'react';
import { SearchForm } from '@/components/SearchForm';
import { SiteMenu, type MenuLink, type SiteMenuProps } from '@/components/SiteMenu';
import { siteName } from '@/lib/site';

/**
 * What the site's frame shows, resolved in the page's language (components/PageShell.tsx): plain
 * strings and links, so that the frame renders the same on the server and, for the error page, in
 * the browser, and no message template reaches the browser.
 */
export interface SiteFrameContent {
  text: {
    skipToContent: string;
    /** The site's name as a link home, as a screen reader announces it ("Kabar Kini, go to the home page"). */
    brand: string;
    sectionsNav: string;
    menu: SiteMenuProps['labels'];
    sitemap: string;
    copyright: string;
  };
  home: MenuLink;
  latest: MenuLink;
  sections: MenuLink[];
  languageLinks: SiteMenuProps['languageLinks'];
  /** The search box of the header and of the drawer: where it submits, and its words. */
  search: SiteMenuProps['search'];
  /** One feed per language, labelled in the page's language ("RSS feed (Inggris)"). */
  feeds: { href: string; label: string; hrefLang: string }[];
}

/** The site's frame: skip link, header with the menu/close drawer, main content, footer. */
export function SiteFrame({ text, home, latest, sections, languageLinks, search, feeds, children }: SiteFrameContent & { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main" data-inert-behind-menu="">
        {text.skipToContent}
      </a>
      <header className="site-header">
        <div className="bar">
          <a className="brand" href={home.href} aria-label={text.brand} data-inert-behind-menu="">
            {siteName}
          </a>
          <nav className="inline-sections" aria-label={text.sectionsNav} data-inert-behind-menu="">
            <ul>
              {sections.map((s) => (
                <li key={s.href}>
                  <a href={s.href} aria-current={s.current ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <SiteMenu labels={text.menu} home={home} latest={latest} sections={sections} languageLinks={languageLinks} search={search} />
          {/* Last in the bar, at its right end: its place does not move while the page before it arrives. */}
          <div className="header-search" data-inert-behind-menu="">
            <SearchForm place="header" {...search} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} data-inert-behind-menu="">
        {children}
      </main>
      <footer className="site-footer" data-inert-behind-menu="">
        <ul>
          {feeds.map((feed) => (
            <li key={feed.href}>
              <a href={feed.href} type="application/rss+xml" hrefLang={feed.hrefLang}>
                {feed.label}
              </a>
            </li>
          ))}
          <li>
            <a href="/sitemap.xml">{text.sitemap}</a>
          </li>
        </ul>
        <p>{text.copyright}</p>
      </footer>
    </>
  );
}
