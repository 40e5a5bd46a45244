import type { LoginFailures } from '@/lib/desk/lockout';

/**
 * The desk's own data, behind one interface: an SQLite file (lib/desk/sqlite-store.ts) or the
 * site's PostgreSQL (lib/desk/pg-store.ts). Accounts and sessions are better-auth's tables, reached through
 * `authDatabase`; the rest is ours. The data methods are asynchronous, as PostgreSQL's are,
 * though SQLite answers at once.
 */
export interface AuditEntry {
  /** ms since the epoch */
  at: number;
  /** Who: an account's e-mail, or "cli" / "webhook" for the commands. */
  actor: string;
  /** What, as a dotted verb: "account.add", "session.sign-in", "story.publish"… */
  action: string;
  /** What it was done to: an e-mail, "locale/slug"… */
  target: string;
  /** A short human note (never a password). */
  detail?: string;
}

/**
 * One attempt to save a story from the desk, with the full source the form made: a saved one is a
 * revision of the story; a refused one (invalid, a conflict, a store that could not be written) is
 * kept so that the form can show it again and nothing typed is lost.
 */
export interface StoryRevision {
  id: number;
  /** ms since the epoch */
  at: number;
  actor: string;
  /** "locale/translationId": one language version of a story, whatever its slug. */
  story: string;
  /** The file it was loaded from ("locale/slug.md"), empty for a new story. */
  file: string;
  /** The version (lib/desk/story-form.ts sourceHash) of that file the form was loaded from. */
  base: string;
  action: string;
  outcome: 'saved' | 'invalid' | 'conflict' | 'failed' | 'refused';
  /** Why it was refused, for the editor. */
  message?: string;
  source: string;
}

export type NewStoryRevision = Omit<StoryRevision, 'id'>;

/**
 * Which audit entries to list, newest first: `actor` and `target` match any part of the value
 * (case-insensitive), `action` the whole action or a family of them ("story." for every story action).
 */
export interface AuditQuery {
  limit?: number;
  offset?: number;
  actor?: string;
  action?: string;
  target?: string;
}

/**
 * Refused attempts (not saved revisions) are kept so the form can show them again, which matters
 * for minutes, not months: older ones, and more than this many per story, are pruned on write.
 */
export const REFUSED_ATTEMPT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
export const REFUSED_ATTEMPTS_PER_STORY = 20;

/** A presence row nobody has refreshed for this long is of no use to anyone: removed on write. */
export const PRESENCE_KEPT_MS = 24 * 60 * 60 * 1000;

/** Someone with a story's edit page open, as their last heartbeat said. */
export interface StoryPresence {
  /** The story's file in the content store ("locale/slug.md"). */
  file: string;
  email: string;
  name: string;
  /** ms since the epoch: when this stretch of having it open began. */
  since: number;
  lastSeen: number;
}

export interface DeskStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Handed to better-auth as its `database`: a node:sqlite DatabaseSync, or a node-postgres Pool. */
  readonly authDatabase: unknown;
  /** The key better-auth signs session cookies with: DESK_SECRET, else made once and kept in the store. */
  secret(): string;
  recordAudit(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  loginFailures(key: string): Promise<LoginFailures | undefined>;
  saveLoginFailures(key: string, record: LoginFailures): Promise<void>;
  clearLoginFailures(key: string): Promise<void>;
  saveRevision(revision: NewStoryRevision): Promise<number>;
  getRevision(id: number): Promise<StoryRevision | undefined>;
  /** The saved revisions of one story's language version, newest first. */
  listRevisions(story: string, limit?: number): Promise<StoryRevision[]>;
  /** The stories ("locale/translationId") whose newest saved revision is a submission for review. */
  storiesInReview(): Promise<Set<string>>;
  /**
   * Marks `email` as having `file` open at `at`. A stretch that had ended (no heartbeat within
   * `gapMs`) starts again at `at`. Rows of nobody seen for a day are removed on the way.
   */
  touchPresence(presence: { file: string; email: string; name: string; at: number; gapMs: number }): Promise<void>;
  /** Who was seen on `file` at or after `seenSince`, longest open first. */
  listPresence(file: string, seenSince: number): Promise<StoryPresence[]>;
  close(): Promise<void>;
}
