import { contentStore, refreshContent } from '@/lib/content/live';
import { databaseProblem } from '@/db/connection.mjs';
import { usableSecret } from '@/lib/http/usable-secret';
import { flushPurges } from '@/lib/front-cache/purge';
import { revalidateSecretProblem, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyNotification, MAX_AGE_SECONDS } from '@/lib/publish/webhook';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' } as const;
/** Signatures accepted in the last MAX_AGE_SECONDS: the same notification twice is a replay. */
const seen = new Map<string, number>();

/**
 * The publish notification (lib/publish/webhook.ts has the format). On a valid one the server
 * re-reads the content store at once and answers with the version it now serves; the page cache
 * is keyed by that version, so every page and feed shows the change on its next request. With
 * PURGE_URL set, the front cache has dropped the pages the change touches before the answer
 * (lib/front-cache/purge.ts; a failed purge is logged and does not fail the publish).
 */
export async function POST(request: Request) {
  const key = usableSecret(process.env.REVALIDATE_SECRET, revalidateSecretProblem(process.env.REVALIDATE_SECRET), 'publish');
  if (!key) return new Response('Not Found\n', { status: 404, headers: NO_STORE });
  const body = await request.text();
  const check = verifyNotification(key, body, {
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
  });
  const now = Date.now();
  for (const [signature, at] of seen) if (now - at > MAX_AGE_SECONDS * 1000) seen.delete(signature);
  if (!check.ok || seen.has(check.signature)) {
    const reason = check.ok ? 'this notification was already received (a replay)' : check.reason;
    return Response.json({ error: `Unauthorized: ${reason}` }, { status: 401, headers: NO_STORE });
  }
  seen.set(check.signature, now);
  // A publish names its files: only those are read again (a CMS that does not, gets a full read).
  const files = changedFiles(body);
  try {
    // The database's mirror may not have had the NOTIFY of this publish yet: read its rows now.
    await contentStore().catchUp?.(files);
  } catch (error) {
    return Response.json(
      { error: `The site could not read the change: ${process.env.DATABASE_URL ? databaseProblem(process.env.DATABASE_URL, error) : (error as Error).message} It is read once the connection is back.` },
      { status: 503, headers: NO_STORE },
    );
  }
  const result = refreshContent({ files });
  if (result.problem) {
    // The store holds content that does not validate (edited by hand since the publish checked
    // it): the site keeps serving the last good version, and says why.
    return Response.json(
      { error: 'The content store has problems; the site keeps serving the last good content.', problems: result.problem.message, version: result.version },
      { status: 422, headers: NO_STORE },
    );
  }
  if (result.changed) await flushPurges();
  return Response.json({ version: result.version, changed: result.changed }, { headers: NO_STORE });
}

/** The store paths a signed notification lists ({"files": ["<code>/slug.md", …]}), if it lists any. */
function changedFiles(body: string): string[] | undefined {
  try {
    const { files } = JSON.parse(body) as { files?: unknown };
    return Array.isArray(files) && files.length && files.every((f) => typeof f === 'string') ? (files as string[]) : undefined;
  } catch {
    return undefined;
  }
}
