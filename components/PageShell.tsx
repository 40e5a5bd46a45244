import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteFrame, type SiteFrameContent } from '@/components/SiteFrame';
import { feedPath, homePath, searchPath, sectionPath } from '@/lib/urls';
import { sectionIds, siteName, type SectionId } from '@/lib/site';
import { language, languageName, locales, otherLocales, type Locale } from '@/i18n/languages';

interface FrameOptions {
  /** Where the language switch leads, per other language: this page's version there, or that language's home page. */
  alternates: { locale: Locale; href: string }[];
  currentSection?: SectionId;
  isHome?: boolean;
}

/** The site's frame around a page: skip link, header with the menu/close drawer, main content, footer. */
export async function PageShell({ locale, alternates, currentSection, isHome, children }: FrameOptions & { locale: Locale; children: ReactNode }) {
  return <SiteFrame {...await siteFrameContent(locale, { alternates, currentSection, isHome })}>{children}</SiteFrame>;
}

/** The language switch of a page that exists in every language at the same place: each language's home page. */
export function homeAlternates(locale: Locale): FrameOptions['alternates'] {
  return otherLocales(locale).map((l) => ({ locale: l, href: homePath(l) }));
}

/** The frame's labels and links in `locale`; the layout resolves them too, for the error page (app/[locale]/error.tsx). */
export async function siteFrameContent(locale: Locale, { alternates, currentSection, isHome }: FrameOptions): Promise<SiteFrameContent> {
  const t = await getTranslations({ locale });
  return {
    text: {
      skipToContent: t('Header.skipToContent'),
      brand: t('Header.home', { site: siteName }),
      sectionsNav: t('Header.sectionsNav'),
      menu: {
        menu: t('Drawer.menu'),
        close: t('Drawer.close'),
        title: t('Drawer.title'),
        sections: t('Drawer.sections'),
        language: t('Drawer.language'),
      },
      sitemap: t('Footer.sitemap'),
      copyright: t('Footer.copyright', { year: new Date().getFullYear(), site: siteName }),
    },
    home: { href: homePath(locale), label: t('Drawer.home'), current: isHome },
    latest: { href: `${homePath(locale)}#latest`, label: t('Drawer.latest') },
    sections: sectionIds.map((id) => ({ href: sectionPath(locale, id), label: t(`Sections.${id}`), current: id === currentSection })),
    languageLinks: alternates.map((alternate) => ({
      href: alternate.href,
      // Written in the language it leads to (its file in i18n/locales/ holds that text).
      label: language(alternate.locale).switchLabel,
      locale: alternate.locale,
      hrefLang: language(alternate.locale).hreflang,
    })),
    search: { action: searchPath(locale), label: t('Search.label'), submit: t('Search.submit') },
    feeds: locales.map((l) => ({ href: feedPath(l), label: `${t('Footer.feed')} (${languageName(l, locale)})`, hrefLang: language(l).hreflang })),
  };
}
