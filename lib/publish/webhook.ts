import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The publish notification, `POST /api/revalidate`, in one place for both ends: the site checks
 * it, `npm run publish` (or a CMS, a git hook) sends it. Documented in the README ("For a CMS").
 *
 *   X-Kabar-Timestamp: <Unix time in seconds>
 *   X-Kabar-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with REVALIDATE_SECRET>
 *   body: JSON, e.g. {"reason":"publish","files":["<code>/slug.md"],"nonce":"<random hex>"}
 *
 * `files` names what changed (the site re-reads those; without it, everything). `nonce`, any
 * random string, makes each notification unique: the site accepts a notification (its signature)
 * once, across every instance when they share REDIS_URL (lib/publish/replay-guard.ts), so two
 * identical bodies signed in the same second are one notification and the second is refused
 * (401). A sender without a nonce is still accepted, once per body and second.
 */
export const TIMESTAMP_HEADER = 'x-kabar-timestamp';
export const SIGNATURE_HEADER = 'x-kabar-signature';
export const MIN_REVALIDATE_SECRET_LENGTH = 32;
/** A notification older (or further in the future) than this is refused as a replay. */
export const MAX_AGE_SECONDS = 5 * 60;

/** Why REVALIDATE_SECRET cannot be used, or undefined when it can. */
export function revalidateSecretProblem(secret: string | undefined): string | undefined {
  if (!secret) {
    return 'REVALIDATE_SECRET is not set: POST /api/revalidate is off (404), so `npm run publish` cannot notify this server. Set it to a random string of at least 32 characters, e.g. `openssl rand -base64 48`, on the server and for the publish command.';
  }
  if (secret.length < MIN_REVALIDATE_SECRET_LENGTH) {
    return `REVALIDATE_SECRET is ${secret.length} characters long: POST /api/revalidate is off (404). It must be at least ${MIN_REVALIDATE_SECRET_LENGTH} characters, e.g. \`openssl rand -base64 48\`.`;
  }
  return undefined;
}

function hmac(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The headers of a notification carrying `body`. */
export function signNotification(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `sha256=${hmac(secret, timestamp, body)}` };
}

export type NotificationCheck = { ok: true; signature: string } | { ok: false; reason: string };

/** Checks a notification's timestamp and signature (compared in constant time). */
export function verifyNotification(
  secret: string,
  body: string,
  headers: { timestamp: string | null; signature: string | null },
  now = Date.now(),
): NotificationCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER} (Unix seconds)` };
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) {
    return { ok: false, reason: `${TIMESTAMP_HEADER} is more than ${MAX_AGE_SECONDS / 60} minutes away from the server's clock (a replay, or a clock that is off)` };
  }
  const match = /^sha256=([0-9a-f]{64})$/.exec(signature ?? '');
  if (!match) return { ok: false, reason: `missing or malformed ${SIGNATURE_HEADER} (sha256=<64 hex digits>)` };
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const given = Buffer.from(match[1]!, 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'the signature does not match (another secret, or a changed body)' };
  return { ok: true, signature: match[1]! };
}
