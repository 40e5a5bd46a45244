import { SearchForm } from '@/components/SearchForm';

export interface MenuLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface SiteMenuProps {
  labels: { menu: string; close: string; title: string; sections: string; language: string };
  home: MenuLink;
  latest: MenuLink;
  sections: MenuLink[];
  /** One link per other language, each labelled in the language it leads to. */
  languageLinks: { href: string; label: string; locale: string; hrefLang: string }[];
  /** The search box at the top of the drawer (components/SearchForm.tsx). */
  search: { action: string; label: string; submit: string };
}

const DRAWER_ID = 'site-drawer';
const TOGGLE_ID = 'site-menu-toggle';

/**
 * The menu/close drawer as the server sends it: a checkbox with labels, which CSS opens and closes,
 * so a reader without JavaScript can still open it, reach every section and the language switch,
 * and close it. In the browser, components/site-menu-enhancer.ts turns the labels into real
 * buttons and the drawer into a modal dialog (focus moved in and kept there, Escape and the backdrop
 * close it, the page behind inert, focus back to Menu). See
 * docs/decisions/003-drawer-progressive-enhancement.md and 020-reader-pages-without-react-runtime.md.
 */
export function SiteMenu({ labels, home, latest, sections, languageLinks, search }: SiteMenuProps) {
  return (
    <div className="site-menu">
      <input type="checkbox" id={TOGGLE_ID} className="menu-toggle" aria-label={labels.menu} aria-controls={DRAWER_ID} />
      <label htmlFor={TOGGLE_ID} className="menu-button">
        <MenuIcon />
        {labels.menu}
      </label>
      <label htmlFor={TOGGLE_ID} className="drawer-backdrop" />
      <div id={DRAWER_ID} className="drawer">
        <div className="drawer-head">
          <p id="site-drawer-title" className="drawer-title">
            {labels.title}
          </p>
          <label htmlFor={TOGGLE_ID} className="close-button">
            <CloseIcon />
            {labels.close}
          </label>
        </div>
        <SearchForm place="drawer" {...search} />
        <nav aria-label={labels.title}>
          <DrawerLinks links={[home, latest]} />
          <p className="drawer-heading" id="drawer-sections">{labels.sections}</p>
          <DrawerLinks links={sections} labelledBy="drawer-sections" />
          <p className="drawer-heading" id="drawer-language">{labels.language}</p>
          <DrawerLinks
            links={languageLinks.map((link) => ({ href: link.href, label: link.label, hrefLang: link.hrefLang, lang: link.locale, setLocale: link.locale }))}
            labelledBy="drawer-language"
          />
        </nav>
      </div>
    </div>
  );
}

function MenuIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
      <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
      <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A drawer link: a language link also names its language (and is remembered when followed). */
interface DrawerLink extends MenuLink {
  hrefLang?: string;
  lang?: string;
  setLocale?: string;
}

function DrawerLinks({ links, labelledBy }: { links: DrawerLink[]; labelledBy?: string }) {
  return (
    <ul className="drawer-links" aria-labelledby={labelledBy}>
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} aria-current={link.current ? 'page' : undefined} hrefLang={link.hrefLang} lang={link.lang} data-set-locale={link.setLocale}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
