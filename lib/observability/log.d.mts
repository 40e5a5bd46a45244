import type { Logger } from 'pino';

export interface RequestContext {
  requestId: string;
  route: string;
}
export interface LogFields {
  err?: unknown;
  [key: string]: unknown;
}
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export const LOG_LEVELS: readonly LogLevel[];
export const SECRET_ENV: readonly string[];
export const REDACTED: string;
export const REQUEST_ID_MAX_LENGTH: number;
export function scrub(text: string, env?: Record<string, string | undefined>): string;
export function logLevelFrom(value: string | undefined): { level: LogLevel; problem?: string };
export function createLogger(options?: { level?: string; destination?: NodeJS.WritableStream | { write(s: string): unknown } }): Logger;
export function startServerLogs(env?: Record<string, string | undefined>, destination?: NodeJS.WritableStream | { write(s: string): unknown }): Logger;
export function stopServerLogs(): void;
export function logInfo(message: string, fields?: LogFields): void;
export function logWarn(message: string, fields?: LogFields): void;
export function logError(message: string, fields?: LogFields): void;
export function logDebug(message: string, fields?: LogFields): void;
export function requestIdFrom(header: string | string[] | undefined): string;
export function runInRequest<T>(context: RequestContext, fn: () => T): T;
export function currentRequest(): RequestContext | undefined;
