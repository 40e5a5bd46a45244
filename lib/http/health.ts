import type { Readiness } from './guard';

/**
 * What `/readyz` checks (answered by the HTTP guard, lib/http/guard.ts): that the instance can
 * serve what it is configured to serve. The front cache probes it (deploy/varnish/backends.vcl)
 * and sends no reader to an instance that answers 503.
 *
 * - The content: a snapshot is loaded (lib/content/live.ts). The server does not answer before its
 *   store is open, so this fails only if the snapshot cannot be read at all.
 * - Redis, when REDIS_URL is set: a PING on a connection of its own answers. Pages still render
 *   without Redis, but each instance then renders for itself what the others have already rendered,
 *   and an instance that cannot reach what its peers reach is the one to take out.
 * - PostgreSQL, when DATABASE_URL is set: `SELECT 1` answers. The store's mirror keeps serving what
 *   it had, but publishes and takedowns no longer arrive.
 *
 * Each check has CHECK_TIMEOUT_MS; they run side by side, so `/readyz` answers within that even
 * when everything it checks hangs, well inside the probe's timeout.
 */

/** The longest one check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 1_000;
/** How long the Redis check waits for a connection that is not up yet. */
const CONNECT_WAIT_MS = 500;

export interface ReadinessCheck {
  name: string;
  /** Resolves with a short detail when ready; rejects with the reason otherwise. */
  run: () => Promise<string>;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const reason = (error: unknown) => {
  const e = error as { message?: string; code?: string; errors?: unknown[] } | undefined;
  if (e?.message) return e.message;
  if (Array.isArray(e?.errors) && e.errors.length) return reason(e.errors[e.errors.length - 1]);
  return e?.code ?? String(error);
};

/** Runs every check at once; ready when all pass. One line per check: "name: ok (detail)" or "name: reason". */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.allSettled(checks.map((check) => withDeadline(check.run(), timeoutMs)));
  const lines = results.map((result, i) => (result.status === 'fulfilled' ? `${checks[i]!.name}: ok (${result.value})` : `${checks[i]!.name}: ${reason(result.reason)}`));
  return { ready: results.every((result) => result.status === 'fulfilled'), lines };
}

/** The content snapshot is loaded: `version` reads it (and throws when it cannot be read). */
export function contentCheck(version: () => string): ReadinessCheck {
  return { name: 'content', run: async () => `version ${version()}` };
}

/** The address without its password, for the answer (which anyone who reaches the instance may read). */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:' ? '5432' : '6379')}`;
  } catch {
    return 'an unparsable address';
  }
}

/** Resolves when the client is connected, or after `ms` whatever its state. */
function readyWithin(client: import('redis').RedisClientType, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}

/**
 * Redis answers PING. A connection of its own (not the page cache's, which lives in Next's cache
 * handler, outside this bundle), made when the check is created and kept: it reconnects by itself,
 * and while it is down the check fails within CONNECT_WAIT_MS with the last error.
 */
export function redisCheck(url: string): ReadinessCheck {
  let lastError = '';
  const connect = async () => {
    const { createClient } = await import('redis');
    const created = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: CHECK_TIMEOUT_MS, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 500) },
    }) as import('redis').RedisClientType;
    created.on('error', (error: unknown) => {
      lastError = reason(error);
    });
    created.connect().catch((error: unknown) => {
      lastError = reason(error);
    });
    created.unref?.();
    return created;
  };
  // Connected from the start (the server creates its checks once, when it starts), so the first
  // probe finds the connection made, or the reason it could not be.
  const client = connect();
  client.catch((error: unknown) => {
    lastError = reason(error);
  });
  return {
    name: 'redis',
    run: async () => {
      const c = await client;
      // The first check (or one during a reconnection) waits a little for the connection, so an
      // instance that has just started is not reported unready for want of having asked before.
      if (!c.isReady) await readyWithin(c, CONNECT_WAIT_MS);
      if (!c.isReady) throw new Error(`Redis at ${redact(url)} is not reachable${lastError ? ` (${lastError})` : ''}`);
      await c.ping();
      return redact(url);
    },
  };
}

/** PostgreSQL answers `SELECT 1`, on one connection of its own. */
export function postgresCheck(url: string): ReadinessCheck {
  let sql: Promise<import('postgres').Sql> | undefined;
  const connect = async () => {
    const { connectDatabase } = await import('@/db/connection.mjs');
    return connectDatabase(url, { max: 1, connect_timeout: Math.ceil(CHECK_TIMEOUT_MS / 1000), idle_timeout: 60 });
  };
  return {
    name: 'postgresql',
    run: async () => {
      const db = await (sql ??= connect());
      try {
        await db`select 1`;
      } catch (error) {
        throw new Error(`PostgreSQL at ${redact(url)} is not reachable (${reason(error)})`);
      }
      return redact(url);
    },
  };
}

/** The checks for this process's configuration: the content always, Redis and PostgreSQL where set. */
export function readinessChecks(env: NodeJS.ProcessEnv, contentVersion: () => string): ReadinessCheck[] {
  return [
    contentCheck(contentVersion),
    ...(env.REDIS_URL ? [redisCheck(env.REDIS_URL)] : []),
    ...(env.DATABASE_URL ? [postgresCheck(env.DATABASE_URL)] : []),
  ];
}
