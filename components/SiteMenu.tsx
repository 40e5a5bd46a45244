'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { LOCALE_COOKIE } from '@/i18n/locale-cookie';

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
}

const DRAWER_ID = 'site-drawer';
const TOGGLE_ID = 'site-menu-toggle';
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([tabindex="-1"])';

/**
 * The menu/close drawer. Without JavaScript it is a checkbox with labels (CSS opens it), so a reader
 * can still open it, reach every section and the language switch, and close it. Once hydrated the
 * labels become real buttons with aria-expanded, and the drawer becomes a modal dialog: focus moves
 * in and is kept there, Escape and the backdrop close it, the page behind is inert, and focus goes
 * back to the Menu button. See docs/decisions/003-drawer-progressive-enhancement.md.
 */
export function SiteMenu(props: SiteMenuProps) {
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Where focus goes when the drawer closes: the Menu button, or the target of an in-page link.
  const focusOnClose = useRef<HTMLElement | null>(null);

  // eslint-disable-next-line react-hooks/set-state-in-effect -- switch to the enhanced controls once hydrated
  useEffect(() => setEnhanced(true), []);

  const close = useCallback(() => {
    focusOnClose.current = null;
    setOpen(false);
  }, []);

  useEffect(() => {
    // Closed and never opened: nothing to undo, so hydration touches no element outside the menu.
    if (!enhanced || (!open && !wasOpen.current)) return;
    const outside = Array.from(document.querySelectorAll<HTMLElement>('[data-inert-behind-menu]'));
    if (open) {
      outside.forEach((el) => el.setAttribute('inert', ''));
      closeButton.current?.focus();
      wasOpen.current = true;
    } else {
      outside.forEach((el) => el.removeAttribute('inert'));
      if (wasOpen.current) {
        if (focusOnClose.current) focusOnClose.current.focus();
        else menuButton.current?.focus({ preventScroll: true });
      }
      focusOnClose.current = null;
      wasOpen.current = false;
    }
    document.documentElement.toggleAttribute('data-menu-open', open);
  }, [open, enhanced]);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
        return;
      }
      if (event.key !== 'Tab' || !drawer.current) return;
      const focusable = Array.from(drawer.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !drawer.current.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !drawer.current.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    // Following a link closes the drawer. For an in-page link (#latest) focus goes to its target,
    // not back to the Menu button: that would scroll the page back to the top.
    const onLinkClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href]');
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const samePage = link.origin === location.origin && link.pathname === location.pathname && link.hash !== '';
      const target = samePage ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
      focusOnClose.current = target;
      setOpen(false);
    };
    const panel = drawer.current;
    document.addEventListener('keydown', onKeyDown);
    panel?.addEventListener('click', onLinkClick);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      panel?.removeEventListener('click', onLinkClick);
    };
  }, [open, close]);

  // The language switch remembers an explicit choice for the next visit to an unprefixed URL.
  // The cookie is written here, in the browser, so that cacheable pages never carry Set-Cookie.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-set-locale]');
      if (!link) return;
      const secure = location.protocol === 'https:' ? '; secure' : '';
      document.cookie = `${LOCALE_COOKIE}=${link.dataset.setLocale}; path=/; max-age=31536000; samesite=lax${secure}`;
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);

  return (
    <SiteMenuMarkup
      {...props}
      enhanced={enhanced}
      open={open}
      onOpenChange={setOpen}
      onClose={close}
      refs={{ menuButton, drawer, closeButton }}
    />
  );
}

interface SiteMenuState {
  /** Hydrated: real buttons and a modal dialog instead of the checkbox and its labels. */
  enhanced: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onClose: () => void;
  refs?: {
    menuButton: RefObject<HTMLButtonElement | null>;
    drawer: RefObject<HTMLDivElement | null>;
    closeButton: RefObject<HTMLButtonElement | null>;
  };
}

/**
 * The drawer's markup in each of its states, before hydration (JavaScript off) and after, closed and
 * open: what a screen reader meets. SiteMenu above holds the state and the behaviour.
 */
export function SiteMenuMarkup({ labels, home, latest, sections, languageLinks, enhanced, open, onOpenChange, onClose, refs }: SiteMenuProps & SiteMenuState) {
  const toggleLabel = (label: string, className: string) =>
    enhanced ? null : (
      <label htmlFor={TOGGLE_ID} className={className}>
        {label}
      </label>
    );

  return (
    <div className="site-menu">
      <input
        type="checkbox"
        id={TOGGLE_ID}
        className="menu-toggle"
        aria-label={labels.menu}
        aria-controls={DRAWER_ID}
        checked={open}
        onChange={(event) => onOpenChange(event.target.checked)}
        tabIndex={enhanced ? -1 : undefined}
        aria-hidden={enhanced ? true : undefined}
        hidden={enhanced ? true : undefined}
      />
      {enhanced ? (
        <button
          ref={refs?.menuButton}
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls={DRAWER_ID}
          aria-haspopup="dialog"
          onClick={() => onOpenChange(true)}
        >
          <MenuIcon />
          {labels.menu}
        </button>
      ) : (
        <label htmlFor={TOGGLE_ID} className="menu-button">
          <MenuIcon />
          {labels.menu}
        </label>
      )}
      {enhanced ? (
        <div className="drawer-backdrop" data-open={open ? '' : undefined} onClick={onClose} aria-hidden="true" />
      ) : (
        toggleLabel('', 'drawer-backdrop')
      )}
      <div
        ref={refs?.drawer}
        id={DRAWER_ID}
        className="drawer"
        data-open={open ? '' : undefined}
        role={enhanced ? 'dialog' : undefined}
        aria-modal={enhanced ? true : undefined}
        aria-labelledby={enhanced ? 'site-drawer-title' : undefined}
      >
        <div className="drawer-head">
          <p id="site-drawer-title" className="drawer-title">
            {labels.title}
          </p>
          {enhanced ? (
            <button ref={refs?.closeButton} type="button" className="close-button" onClick={onClose}>
              <CloseIcon />
              {labels.close}
            </button>
          ) : (
            <label htmlFor={TOGGLE_ID} className="close-button">
              <CloseIcon />
              {labels.close}
            </label>
          )}
        </div>
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
