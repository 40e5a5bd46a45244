import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { readFrontMatter } from '@/lib/content/front-matter.mjs';
import { deskStoreConfig, type DeskStoreConfig } from '@/lib/desk/config';
import { openPgDeskStore } from '@/lib/desk/pg-store';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';
import type { AuditEntry, DeskStore } from '@/lib/desk/store';
import type { Change, PublishRequest } from '@/lib/publish/plan';

/**
 * Publishes that do not come from the desk go into its audit log too: `npm run publish` (actor
 * "cli") and the publish notification, POST /api/revalidate (actor "webhook"), so /desk/audit
 * shows every change to the site, whoever made it. The log is a record, never a gate: a publish
 * that has been written is not undone, nor reported as failed, because the audit could not be
 * written; the caller is warned instead.
 */

const STATUS_ACTION = { published: 'story.publish', draft: 'story.save-draft' } as const;

function statusOf(source: string): string | undefined {
  try {
    const { data } = readFrontMatter(source);
    return typeof data.status === 'string' ? data.status : undefined;
  } catch {
    return undefined;
  }
}

/** Who ran the command: the OS account and the machine, as far as the OS says. */
export function commandOperator(): string {
  let user = process.env.USER || process.env.LOGNAME || 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // an account without a passwd entry (some containers): the environment's name stays
  }
  return `${user}@${hostname()}`;
}

/** One entry per file a publish wrote or removed, as the desk writes its own. */
export function publishAuditEntries(change: Pick<Change, 'write' | 'remove'>, request: PublishRequest, { actor, detail, at }: { actor: string; detail: string; at: number }): AuditEntry[] {
  const entries: AuditEntry[] = change.write.map(({ file, source }) => ({
    at,
    actor,
    action: request.kind === 'unpublish' ? 'story.takedown' : (STATUS_ACTION[statusOf(source) as keyof typeof STATUS_ACTION] ?? 'story.publish'),
    target: file,
    detail: request.kind === 'unpublish' ? `${detail}; --unpublish ${request.ref}` : detail,
  }));
  for (const file of change.remove) entries.push({ at, actor, action: 'story.remove', target: file, detail: `${detail}; the story moved to a new slug` });
  return entries;
}

/** A short, stable name of a signing key (never the key): which key signed, across a rotation. */
export const keyFingerprint = (secret: string) => `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;

/** The entry for an accepted publish notification: what it names, and who sent it as far as can be told. */
export function notificationAuditEntry({
  body,
  files,
  secret,
  from,
  at,
}: {
  body: string;
  files: readonly string[] | undefined;
  secret: string;
  from: string | undefined;
  at: number;
}): AuditEntry {
  let reason = '';
  let by = '';
  try {
    const parsed = JSON.parse(body) as { reason?: unknown; by?: unknown };
    if (typeof parsed.reason === 'string') reason = parsed.reason.slice(0, 40);
    if (typeof parsed.by === 'string') by = parsed.by.slice(0, 200);
  } catch {
    // a CMS may send any body; the signature was valid, so it is recorded without these
  }
  const target = files?.length ? files.join(', ').slice(0, 500) : 'the whole content store';
  const detail = [reason && `reason: ${reason}`, by && `sent by: ${by}`, `signed with key ${keyFingerprint(secret)}`, from && `from ${from}`].filter(Boolean).join('; ');
  return { at, actor: 'webhook', action: 'content.notify', target, detail };
}

/**
 * Writes `entries` to the desk's store as the server finds it (DESK_DB, else DATABASE_URL, else
 * data/desk.sqlite in the project folder `root`, the same file as the server's), for a command that
 * has no desk of its own open. Never throws: a failure is handed to `warn`.
 */
export async function recordCommandAudit(
  entries: readonly AuditEntry[],
  { env = process.env, root, warn }: { env?: Record<string, string | undefined>; root: string; warn: (message: string) => void },
): Promise<void> {
  if (!entries.length) return;
  let store: DeskStore | undefined;
  let config: DeskStoreConfig | undefined;
  try {
    config = deskStoreConfig(env, root);
    store = config.kind === 'postgres' ? await openPgDeskStore(config.url, env) : openSqliteDeskStore(config.file, env);
    for (const entry of entries) await store.recordAudit(entry);
  } catch (error) {
    const where = config?.kind === 'sqlite' ? ` (${config.file})` : '';
    warn(`the desk's audit log${where} could not be written, so this publish is not in /desk/audit: ${(error as Error).message}`);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
