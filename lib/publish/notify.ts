import { randomBytes } from 'node:crypto';
import { signNotification } from '@/lib/publish/webhook';
import { PublishFailure } from '@/lib/publish/plan';

/** What the site answers to an accepted notification. */
export interface Acknowledgement {
  version: string;
  changed: boolean;
  /** Problems of other files in the store, when the change went live despite them (a takedown). */
  problems?: string;
}

/**
 * The body of a publish notification (lib/publish/webhook.ts has the format): a fresh random nonce
 * makes every notification unique, so two publishes of the same files in the same second are two
 * notifications, not a replay of one.
 */
export function notificationBody(reason: string, files: readonly string[], nonce = randomBytes(16).toString('hex'), by?: string): string {
  // `by`, who sent it (the desk's audit log shows it; the signature vouches for it), when known.
  return JSON.stringify({ reason, files, nonce, ...(by ? { by } : {}) });
}

/**
 * Tells the site at `site` that the store changed (POST /api/revalidate) and waits for its
 * acknowledgement. A server that is restarting refuses connections for a moment: a few tries over
 * ~10 s. Every try is a new notification (its own nonce and timestamp), so a try whose answer was
 * lost but which the site took is never refused as a replay when it is sent again. Throws
 * PublishFailure (exit 3: written, but not acknowledged) with the reason.
 */
export async function notifySite(
  site: string,
  secret: string,
  { reason, files, by }: { reason: string; files: readonly string[]; by?: string },
  { attempts = 5, retryMs = 2_000, now = () => Date.now() }: { attempts?: number; retryMs?: number; now?: () => number } = {},
): Promise<Acknowledgement> {
  const url = new URL('/api/revalidate', site);
  let lastError = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, retryMs));
    const body = notificationBody(reason, files, undefined, by);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...signNotification(secret, body, now()) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      lastError = `${url} did not answer: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message ?? (error as Error).cause) : (error as Error).message}`;
      continue;
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as Acknowledgement;
    const detail = text.slice(0, 2_000).trim();
    if (response.status === 404) throw new PublishFailure(`publish: ${url} answered 404: the site has no usable REVALIDATE_SECRET (its log says why), or --site/SITE_URL is not this site.`, 3);
    if (response.status === 401) {
      throw new PublishFailure(`publish: ${url} refused the notification (401): ${detail}. Check that REVALIDATE_SECRET is the same here and on the server, and that both clocks are right.`, 3);
    }
    if (response.status === 422) throw new PublishFailure(`publish: the site re-read the store but it has problems, so it keeps serving the last good content:\n${detail}`, 3);
    lastError = `${url} answered ${response.status}: ${detail}`;
  }
  throw new PublishFailure(`publish: ${lastError}`, 3);
}
