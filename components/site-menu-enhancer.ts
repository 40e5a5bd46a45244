/**
 * The drawer's behaviour in the browser: the only script a reader page runs (decision 020).
 *
 * The server renders the drawer as a checkbox with labels (components/SiteMenu.tsx), which works
 * without JavaScript. This turns it into the modal dialog of decision 003: the labels become real
 * buttons (Menu with aria-expanded and aria-haspopup, Close), the checkbox leaves the tab order and
 * the accessibility tree, the drawer becomes a dialog named by its title; opening moves focus to
 * Close, makes the page behind inert and locks its scroll; Escape, Close and the backdrop close it;
 * Tab stays inside; following a link closes it (focus goes to the target of an in-page link, else
 * back to Menu). A language link also remembers the choice in a cookie, for the next visit to an
 * unprefixed URL (written here, so that cacheable pages never carry Set-Cookie).
 *
 * It is sent as the source of this function (`siteMenuScript`), so it must stay self-contained:
 * no imports, nothing from the module's scope, plain browser JavaScript.
 */
export function enhanceSiteMenu(localeCookie: string): void {
  const doc = document;
  // The language cookie: language links sit in the drawer, but this needs nothing else of it.
  doc.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-set-locale]');
    if (!link) return;
    const secure = location.protocol === 'https:' ? '; secure' : '';
    doc.cookie = `${localeCookie}=${link.dataset.setLocale}; path=/; max-age=31536000; samesite=lax${secure}`;
  });

  const toggle = doc.getElementById('site-menu-toggle') as HTMLInputElement | null;
  const drawer = doc.getElementById('site-drawer');
  const root = toggle?.parentElement;
  const menuLabel = root?.querySelector('label.menu-button');
  const backdropLabel = root?.querySelector('label.drawer-backdrop');
  const closeLabel = drawer?.querySelector('label.close-button');
  if (!toggle || !drawer || !menuLabel || !backdropLabel || !closeLabel || drawer.hasAttribute('role')) return;

  const asButton = (label: Element, className: string) => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = className;
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    return button;
  };
  const menuButton = asButton(menuLabel, 'menu-button');
  menuButton.setAttribute('aria-expanded', 'false');
  menuButton.setAttribute('aria-controls', drawer.id);
  menuButton.setAttribute('aria-haspopup', 'dialog');
  const closeButton = asButton(closeLabel, 'close-button');
  const backdrop = doc.createElement('div');
  backdrop.className = 'drawer-backdrop';
  backdrop.setAttribute('aria-hidden', 'true');
  backdropLabel.replaceWith(backdrop);
  // The checkbox no longer holds the state: out of the way of keyboards and screen readers. A drawer
  // a reader opened before this ran (a slow network) stays open.
  const openedAlready = toggle.checked;
  toggle.checked = false;
  toggle.hidden = true;
  toggle.tabIndex = -1;
  toggle.setAttribute('aria-hidden', 'true');
  drawer.setAttribute('role', 'dialog');
  drawer.setAttribute('aria-modal', 'true');
  drawer.setAttribute('aria-labelledby', 'site-drawer-title');

  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([tabindex="-1"])';
  let open = false;
  // Where focus goes when the drawer closes: the Menu button, or the target of an in-page link.
  let focusOnClose: HTMLElement | null = null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = Array.from(drawer.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = doc.activeElement;
    if (event.shiftKey && (active === first || !drawer.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !drawer.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  function setOpen(next: boolean, restoreFocus = true) {
    if (next === open) return;
    open = next;
    menuButton.setAttribute('aria-expanded', String(open));
    drawer!.toggleAttribute('data-open', open);
    backdrop.toggleAttribute('data-open', open);
    doc.querySelectorAll('[data-inert-behind-menu]').forEach((el) => el.toggleAttribute('inert', open));
    doc.documentElement.toggleAttribute('data-menu-open', open);
    if (open) {
      doc.addEventListener('keydown', onKeyDown);
      closeButton.focus();
      return;
    }
    doc.removeEventListener('keydown', onKeyDown);
    const target = focusOnClose;
    focusOnClose = null;
    if (!restoreFocus) return;
    if (target) target.focus();
    else menuButton.focus({ preventScroll: true });
  }

  menuButton.addEventListener('click', () => setOpen(true));
  closeButton.addEventListener('click', () => setOpen(false));
  backdrop.addEventListener('click', () => setOpen(false));
  // Following a link closes the drawer. For an in-page link (#latest) focus goes to its target, not
  // back to the Menu button: that would scroll the page back to the top.
  drawer.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href]');
    if (!open || !link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const samePage = link.origin === location.origin && link.pathname === location.pathname && link.hash !== '';
    focusOnClose = samePage ? doc.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
    setOpen(false);
  });
  if (openedAlready) setOpen(true);
  // A page restored from the back/forward cache shows the drawer closed, as it was left.
  addEventListener('pageshow', (event) => {
    if (event.persisted) setOpen(false, false);
  });
}

/** The inline script that runs `enhanceSiteMenu` (see lib/http/reader-html.ts). */
export function siteMenuScript(localeCookie: string): string {
  return `(${enhanceSiteMenu.toString()})(${JSON.stringify(localeCookie)});`;
}
