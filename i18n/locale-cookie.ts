/**
 * The cookie that remembers a reader's explicit language choice. Only the language switch sets it
 * (in the browser, so cacheable pages never carry Set-Cookie); proxy.ts and the 404s read it.
 * A module of its own so the drawer's client code does not pull in the routing config.
 */
export const LOCALE_COOKIE = 'NEXT_LOCALE';
