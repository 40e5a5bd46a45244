import path from 'node:path';
import { after } from 'next/server';
import { contentStore, refreshContent } from '@/lib/content/live';
import { databaseProblem } from '@/db/connection.mjs';
import { usableSecret } from '@/lib/http/usable-secret';
import { flushPurges } from '@/lib/front-cache/purge';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { notificationAuditEntry } from '@/lib/desk/publish-audit';
import { firstTimeSeen } from '@/lib/publish/replay-guard';
import { revalidateSecretProblem, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyNotification } from '@/lib/publish/webhook';
import { observePublishLag } from '@/lib/observability/metrics.mjs';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

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
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  const check = verifyNotification(key, body, { timestamp, signature: request.headers.get(SIGNATURE_HEADER) });
  // Each notification once, on any instance (lib/publish/replay-guard.ts); a sender makes its
  // notifications unique with a nonce in the body (lib/publish/webhook.ts).
  if (!check.ok || !(await firstTimeSeen(check.signature, Number(timestamp)))) {
    const reason = check.ok ? 'this notification was already received (a replay; send a new nonce with each notification)' : check.reason;
    return Response.json({ error: `Unauthorized: ${reason}` }, { status: 401, headers: NO_STORE });
  }
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
  const takedownDespiteProblems = !!result.problem && !!files?.length && files.every((file) => result.takenDown?.has(file));
  if (!result.problem || takedownDespiteProblems) auditNotification(request, body, files, key);
  if (takedownDespiteProblems && result.problem) {
    // A takedown while another file is broken: applied to the last good content (decision 010).
    if (result.changed) await flushPurges();
    return Response.json({ version: result.version, changed: result.changed, problems: result.problem.message }, { headers: NO_STORE });
  }
  if (result.problem) {
    // The store holds content that does not validate (edited by hand since the publish checked
    // it): the site keeps serving the last good version, and says why.
    return Response.json(
      { error: 'The content store has problems; the site keeps serving the last good content.', problems: result.problem.message, version: result.version },
      { status: 422, headers: NO_STORE },
    );
  }
  if (result.changed) await flushPurges();
  // From the notification's signed time to the new content served here (and purged at the front).
  observePublishLag(Number(timestamp) * 1000);
  return Response.json({ version: result.version, changed: result.changed }, { headers: NO_STORE });
}

/**
 * The store paths a signed notification lists ({"files": ["<code>/slug.md", …]}), if it lists any,
 * in the form the store names them ("en//x.md" and "en/./x.md" are "en/x.md"). A list with a name
 * that leaves the store, or is not a path, counts as none: the whole store is read.
 */
function changedFiles(body: string): string[] | undefined {
  let files: unknown;
  try {
    ({ files } = JSON.parse(body) as { files?: unknown });
  } catch {
    return undefined;
  }
  if (!Array.isArray(files) || !files.length || !files.every((f) => typeof f === 'string' && f && !f.includes('\0'))) return undefined;
  const normal = (files as string[]).map((f) => path.posix.normalize(f.replaceAll('\\', '/')));
  return normal.every((f) => !f.startsWith('../') && f !== '..' && !path.posix.isAbsolute(f)) ? [...new Set(normal)] : undefined;
}

/**
 * An applied notification goes into the desk's audit log (actor "webhook"), once the answer is
 * sent: the log never delays or fails a publish; a store that cannot be written is a warning.
 */
function auditNotification(request: Request, body: string, files: string[] | undefined, secret: string): void {
  const from = request.headers.get('x-forwarded-for')?.split(',', 1)[0]?.trim() || request.headers.get('x-real-ip') || undefined;
  const entry = notificationAuditEntry({ body, files, secret, from, at: Date.now() });
  after(async () => {
    try {
      await prepareDesk();
      await deskStore().recordAudit(entry);
    } catch (error) {
      console.warn(`revalidate: warning: the desk's audit log could not be written, so this notification is not in /desk/audit: ${(error as Error).message}`);
    }
  });
}
