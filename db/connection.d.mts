// Types of connection.mjs (plain JavaScript so that db/dump-content.mjs and scripts/db-migrate.mjs run under plain Node).
import type { Options, PostgresType, Sql } from 'postgres';

export const CONTENT_CHANNEL: string;
export const MAX_NOTIFY_PAYLOAD: number;
export function describeDatabase(url: string): string;
export function isUnreachable(error: unknown): boolean;
export function reasonOf(error: unknown): string;
export function databaseProblem(url: string, error: unknown): string;
export function connectDatabase(
  url: string,
  options?: Partial<Options<Record<string, PostgresType>>> & { onnotify?: (channel: string, payload: string) => void },
): Sql;
