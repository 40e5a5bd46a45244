import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteMenu } from '@/components/SiteMenu';
import { feedPath, homePath, sectionPath } from '@/lib/urls';
import { sectionIds, siteName, type SectionId } from '@/lib/site';
import { language, languageName, locales, type Locale } from '@/i18n/languages';

interface PageShellProps {
  locale: Locale;
  /** Where the language switch leads, per other language: this page's version there, or that language's home page. */
  alternates: { locale: Locale; href: string }[];
  currentSection?: SectionId;
  isHome?: boolean;
  children: ReactNode;
}

/** The site's frame: skip link, header with the menu/close drawer, main content, footer. */
export async function PageShell({ locale, alternates, currentSection, isHome, children }: PageShellProps) {
  const t = await getTranslations({ locale });
  const sections = sectionIds.map((id) => ({
    href: sectionPath(locale, id),
    label: t(`Sections.${id}`),
    current: id === currentSection,
  }));
  return (
    <>
      <a className="skip-link" href="#main" data-inert-behind-menu="">
        {t('Header.skipToContent')}
      </a>
      <header className="site-header">
        <div className="bar">
          <a className="brand" href={homePath(locale)} aria-label={t('Header.home', { site: siteName })} data-inert-behind-menu="">
            {siteName}
          </a>
          <nav className="inline-sections" aria-label={t('Header.sectionsNav')} data-inert-behind-menu="">
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
          <SiteMenu
            labels={{
              menu: t('Drawer.menu'),
              close: t('Drawer.close'),
              title: t('Drawer.title'),
              sections: t('Drawer.sections'),
              language: t('Drawer.language'),
            }}
            home={{ href: homePath(locale), label: t('Drawer.home'), current: isHome }}
            latest={{ href: `${homePath(locale)}#latest`, label: t('Drawer.latest') }}
            sections={sections}
            languageLinks={alternates.map((alternate) => ({
              href: alternate.href,
              // Written in the language it leads to (its file in i18n/locales/ holds that text).
              label: language(alternate.locale).switchLabel,
              locale: alternate.locale,
              hrefLang: language(alternate.locale).hreflang,
            }))}
          />
        </div>
      </header>
      <main id="main" tabIndex={-1} data-inert-behind-menu="">
        {children}
      </main>
      <footer className="site-footer" data-inert-behind-menu="">
        <ul>
          {locales.map((l) => (
            <li key={l}>
              <a href={feedPath(l)} type="application/rss+xml" hrefLang={language(l).hreflang}>
                {t('Footer.feed')} ({languageName(l, locale)})
              </a>
            </li>
          ))}
          <li>
            <a href="/sitemap.xml">{t('Footer.sitemap')}</a>
          </li>
        </ul>
        <p>{t('Footer.copyright', { year: new Date().getFullYear(), site: siteName })}</p>
      </footer>
    </>
  );
}
