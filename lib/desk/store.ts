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

export interface DeskStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Handed to better-auth as its `database`: a node:sqlite DatabaseSync, or a node-postgres Pool. */
  readonly authDatabase: unknown;
  /** The key better-auth signs session cookies with: DESK_SECRET, else made once and kept in the store. */
  secret(): string;
  recordAudit(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  listAudit(options?: { limit?: number; target?: string }): Promise<AuditEntry[]>;
  loginFailures(key: string): Promise<LoginFailures | undefined>;
  saveLoginFailures(key: string, record: LoginFailures): Promise<void>;
  clearLoginFailures(key: string): Promise<void>;
  close(): Promise<void>;
}
