import { FolderStore, type FolderChange } from '@/lib/content/folder-store';
import { LockBusyError, LockSetupError, withFolderLock } from '@/lib/content/folder-lock';
import { parseArticle, type Article } from '@/lib/content/parse';
import { transactContent, type StoryKeys } from '@/lib/content/pg-writer';
import type { StoredFile, Takedown } from '@/lib/content/store';
import { databaseProblem, isUnreachable } from '@/db/connection.mjs';
import { planChange, PublishFailure, type Change, type Parse, type PublishRequest } from '@/lib/publish/plan';
import { rememberedStore } from '@/lib/publish/parse-memory';

/**
 * Writes a planned Change to the content store: the one write path of the command line, the
 * webhook's callers and the desk. In the folder, under the folder's lock and through its journal
 * (docs/decisions/023-folder-publish-lock-and-journal.md); in PostgreSQL, in one transaction under
 * an advisory lock (decision 015). Either way the plan is made from the store as it is once the
 * lock is held, so two publishes at once never both pass against the old store.
 */

/** What a publish writes, in the folder or in the database's transaction alike. */
export interface ChangeTarget {
  write(files: readonly StoredFile[]): void;
  remove(files: readonly string[]): void;
  recordTakedowns(takedowns: readonly Takedown[]): void;
  clearTakedowns(slugs: readonly { locale: string; slug: string }[]): void;
}

/** The stories a change publishes (again): their takedowns, if any, are forgotten. */
const republished = (change: Change) => change.published.filter((a) => a.status === 'published').map(({ locale, slug }) => ({ locale, slug }));

export function applyChange(target: ChangeTarget, change: Change): Change {
  target.write(change.write);
  target.remove(change.remove);
  if (change.takedowns.length) target.recordTakedowns(change.takedowns);
  const again = republished(change);
  if (again.length) target.clearTakedowns(again);
  return change;
}

/** A change as the folder's journal records it. */
export function folderChange(change: Change): FolderChange {
  return { write: change.write, remove: change.remove, recordTakedowns: change.takedowns, clearTakedowns: republished(change) };
}

export interface FolderPublishOptions {
  store?: FolderStore;
  /** Remembers parsed files between publishes (lib/publish/parse-memory.ts) when set. */
  codeVersion?: string;
  /** How long to wait for another publish's lock before failing (exit 5). */
  lockWaitMs?: number;
  /** Who holds the lock, for the message another publish shows while it waits. */
  purpose?: string;
  now?: number;
  /**
   * Called with a reader of the store's files (undefined: no such file) once the lock is held,
   * before planning: throwing stops the
   * publish with nothing written. The desk checks there that a story was not changed by someone
   * else since its form was loaded.
   */
  check?: (sourceOf: (file: string) => string | undefined) => void;
  /** Told how many stories the publish read from the store, and how many the store holds. */
  storiesRead?: (read: number, stories: number) => void;
}

/**
 * Plans and writes `request` in the content folder holding its lock: first finishes any publish
 * that stopped half-way, then plans against the store as it is now, then commits through the journal.
 */
export async function publishToFolder(request: PublishRequest, { store = new FolderStore(), codeVersion, lockWaitMs, purpose = 'a publish', now, check, storiesRead }: FolderPublishOptions = {}): Promise<Change> {
  try {
    return await withFolderLock(
      store.root,
      purpose,
      () => {
        store.finishUnfinished();
        const remembered = rememberedStore(store, codeVersion);
        check?.((file) => (remembered.files.has(file) ? remembered.sourceOf(file) : undefined));
        const change = planChange(request, remembered.files, remembered.parse, remembered.sourceOf, now);
        storiesRead?.(remembered.counts.read, remembered.counts.stories);
        store.commit(folderChange(change));
        remembered.save(change.published);
        return change;
      },
      lockWaitMs === undefined ? {} : { waitMs: lockWaitMs },
    );
  } catch (error) {
    if (error instanceof LockBusyError) throw new PublishFailure(`publish: ${error.message} Nothing was changed.`, 5);
    if (error instanceof LockSetupError) throw new PublishFailure(`publish: ${error.message}. Nothing was changed.`, 2);
    throw error;
  }
}

/**
 * The stories a request can touch, by the keys the rules across stories use: the files it writes
 * or replaces, every version of its stories, and every story with its slugs (decision 031). Inputs
 * that do not parse name nothing: planning refuses them.
 */
export function keysOf(request: PublishRequest, also: readonly string[] = []): StoryKeys {
  if (request.kind === 'unpublish') return { files: also, translationIds: [request.ref], slugs: [request.ref] };
  const files = new Set(also);
  const translationIds = new Set<string>();
  const slugs = new Set<string>();
  for (const { name, source, replaces } of request.inputs) {
    if (replaces) files.add(replaces);
    try {
      const { locale, slug, translationId } = parseArticle(name, source);
      files.add(`${locale}/${slug}.md`);
      translationIds.add(translationId);
      slugs.add(slug);
    } catch {
      // refused by the plan, with the file and the field
    }
  }
  return { files: [...files], translationIds: [...translationIds], slugs: [...slugs] };
}

/**
 * Checks and writes `request` in one transaction of the database at `url`; resolves only after
 * COMMIT. Reads only the stories the request can touch (keysOf), whatever the archive's size;
 * `checks` names files the `check` callback reads besides; `storiesRead` is told how many were read.
 */
export async function publishToDatabase(
  url: string,
  request: PublishRequest,
  { now, check, checks = [], storiesRead }: Pick<FolderPublishOptions, 'now' | 'check'> & { checks?: readonly string[]; storiesRead?: (read: number) => void } = {},
): Promise<Change> {
  const state: { committing?: boolean } = {};
  try {
    return await transactContent(
      url,
      async (tx) => {
        await tx.read(keysOf(request, checks));
        storiesRead?.(tx.rowsRead);
        check?.((file) => tx.files.get(file));
        const parsed = new Map<string, Article>();
        const parse: Parse = (file, source) => parsed.get(file) ?? parsed.set(file, parseArticle(file, source)).get(file)!;
        const change = planChange(request, new Map(tx.files), parse, (file) => tx.files.get(file) ?? '', now);
        return applyChange(tx, change);
      },
      state,
    );
  } catch (error) {
    if (error instanceof PublishFailure) throw error;
    if (isUnreachable(error) && state.committing) {
      throw new PublishFailure(
        `publish: ${databaseProblem(url, error)} The connection was lost during COMMIT, so whether it was saved is unknown: run the same command again (publishing the same files twice changes nothing).`,
        4,
      );
    }
    if (isUnreachable(error)) throw new PublishFailure(`publish: ${databaseProblem(url, error)} Nothing was published.`, 4);
    throw new PublishFailure(`publish: ${databaseProblem(url, error)} Nothing was published.`, 2);
  }
}
