// The preview token format, in ONE place for both of its users:
// - the server (app/api/preview/…, lib/preview/session.ts), which is TypeScript bundled by Next, and
// - `npm run preview-link` (scripts/preview-link.mjs), which plain Node 20 runs and which cannot load .ts.
// So this module is plain JavaScript (an ES module, Node built-ins only) and its types live beside it
// in token.d.mts; tsconfig keeps allowJs off, and TypeScript reads the declaration file instead.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A secret shorter than this is refused: previews are off until it is set properly. */
export const MIN_SECRET_LENGTH = 32;
/** The longest life of a link: a leaked link stops working within this. */
export const MAX_TTL_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

const VERSION = 'v1';
// v1.<translationId>.<locale>.<expiry, Unix seconds>.<base64url HMAC-SHA256 of everything before it>
// translationId and locale hold no dots (lowercase letters, digits and hyphens), so "." separates.
const TOKEN = /^v1\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2,3})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[a-z]{2,3}$/;

/** Why a secret cannot be used, or undefined when it can. */
export function previewSecretProblem(secret) {
  if (!secret) return 'PREVIEW_SECRET is not set: previews are off. Set it to a random string of at least 32 characters, e.g. `openssl rand -base64 48`.';
  if (secret.length < MIN_SECRET_LENGTH) {
    return `PREVIEW_SECRET is ${secret.length} characters long: previews are off. It must be at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -base64 48\`.`;
  }
  return undefined;
}

function signature(payload, secret) {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Signs a link for one story in one language until `expiresAt` (Unix seconds). */
export function signPreviewToken({ translationId, locale, expiresAt }, secret) {
  const problem = previewSecretProblem(secret);
  if (problem) throw new Error(problem);
  if (!ID.test(translationId)) throw new Error(`Not a story id: "${translationId}" (lowercase letters, digits and hyphens)`);
  if (!LOCALE.test(locale)) throw new Error(`Not a language code: "${locale}"`);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0) throw new Error(`Not an expiry time in Unix seconds: ${expiresAt}`);
  const payload = `${VERSION}.${translationId}.${locale}.${expiresAt}`;
  return `${payload}.${signature(payload, secret)}`;
}

/**
 * Checks a token. The signature is compared in constant time; the comparison runs whenever the
 * token is well formed, whether or not it has expired, so timing tells nothing about the signature.
 * A failure still reports the token's locale when it can be read, for a reply in the right language.
 */
export function verifyPreviewToken(token, secret, now = Date.now()) {
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match) return { ok: false, reason: 'malformed' };
  const [, translationId, locale, expiry, given] = match;
  const expected = signature(`${VERSION}.${translationId}.${locale}.${expiry}`, secret);
  // Both are 43 ASCII characters (the pattern above and a SHA-256 digest in base64url).
  const valid = timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'));
  if (!valid) return { ok: false, reason: 'signature', locale };
  const expiresAt = Number(expiry);
  if (expiresAt * 1000 <= now) return { ok: false, reason: 'expired', locale };
  return { ok: true, claims: { translationId, locale, expiresAt } };
}

/**
 * The link a colleague opens: `<site>/api/preview?token=…` for one story in one language until
 * `expiresAt`. `npm run preview-link` prints it and the desk shows it, from this one function.
 */
export function previewLink(claims, secret, siteUrl) {
  const url = new URL('/api/preview', siteUrl);
  url.searchParams.set('token', signPreviewToken(claims, secret));
  return url.toString();
}

/** "24h", "90m", "7d", "3600s" or "3600" (seconds) → seconds; throws with the accepted forms. */
export function parseTtl(text) {
  const match = /^(\d{1,7})([smhd]?)$/.exec(String(text).trim());
  const seconds = match ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]] : NaN;
  if (!(seconds > 0)) throw new Error(`--ttl "${text}" is not a duration: write e.g. 90m, 24h or 7d`);
  if (seconds > MAX_TTL_SECONDS) throw new Error(`--ttl "${text}" is longer than the limit of ${MAX_TTL_SECONDS / 86400} days`);
  return seconds;
}
