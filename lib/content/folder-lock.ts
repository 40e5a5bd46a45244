import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { logError } from '../observability/log.mjs';

/**
 * One writer at a time in a content folder (docs/decisions/023-folder-publish-lock-and-journal.md).
 *
 * The lock is a file in the folder, created with O_EXCL (`wx`): the filesystem decides who has it,
 * on one host and on a shared folder alike. It says who holds it (pid, host, since when, what), so
 * a waiter can name the holder, and a lock left by a process that died on this host can be taken
 * over. A lock held from another host is never taken over: this host cannot tell whether that
 * process lives.
 */
export const LOCK_FILE = '.publish.lock';
/** Taking over a stale lock goes through this second O_EXCL file, so two waiters never both break it. */
const BREAK_FILE = '.publish.lock.break';
/** A lock file without a readable holder (its writer died between creating and writing it) is stale after this. */
const UNREADABLE_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO 8601 instant it was taken. */
  at: string;
  /** What holds it ("npm run publish", "server repair"). */
  purpose: string;
}

/** The lock file cannot be created at all (no such folder, no permission): not a matter of waiting. */
export class LockSetupError extends Error {}

export class LockBusyError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    super(
      `${describeHolder(lockFile, holder)}; waited ${Math.round(waitedMs / 100) / 10} s. Try again when it is done. ` +
        `If no such process is running (another host's process that died), remove ${lockFile} by hand.`,
    );
  }
}

export function describeHolder(lockFile: string, holder: LockHolder | undefined): string {
  return holder
    ? `the content folder is locked by ${holder.purpose} (pid ${holder.pid} on ${holder.hostname}, since ${holder.at}; ${lockFile})`
    : `the content folder is locked (${lockFile}, holder unknown)`;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') return parsed as LockHolder;
  } catch {
    // being written, or damaged
  }
  return undefined;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock in `file` was left by a process that is gone (on this host), or never got a holder. */
function isStale(file: string): boolean {
  const holder = readHolder(file);
  if (!holder) {
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false; // removed meanwhile: simply try again
    }
  }
  return holder.hostname === hostname() && holder.pid !== process.pid && !processIsAlive(holder.pid);
}

/** Removes a stale lock, unless another waiter is doing the same or it was replaced meanwhile. */
function breakStaleLock(root: string): void {
  const lockFile = path.join(root, LOCK_FILE);
  const breakFile = path.join(root, BREAK_FILE);
  let fd: number;
  try {
    fd = openSync(breakFile, 'wx');
  } catch {
    // Another waiter is breaking it; a break file left by a crash is removed once it is old.
    try {
      if (Date.now() - statSync(breakFile).mtimeMs > UNREADABLE_STALE_MS) rmSync(breakFile, { force: true });
    } catch {
      // gone already
    }
    return;
  }
  try {
    closeSync(fd);
    // Checked again under the break file: the lock may have been released and taken by a live process.
    if (isStale(lockFile)) {
      const holder = readHolder(lockFile);
      rmSync(lockFile, { force: true });
      logError(`content: removed a stale lock ${lockFile}${holder ? ` (pid ${holder.pid} on ${holder.hostname}, since ${holder.at}, is gone)` : ''}`);
    }
  } finally {
    rmSync(breakFile, { force: true });
  }
}

/**
 * Takes the lock if it is free (or stale) right now: returns the function that releases it, or the
 * holder when another process has it.
 */
export function tryLock(root: string, purpose: string): { release: () => void } | { holder: LockHolder | undefined } {
  const lockFile = path.join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockFile, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new LockSetupError(`cannot create the lock ${lockFile} (CONTENT_DIR=${process.env.CONTENT_DIR ?? 'unset'}): ${(error as Error).message}`);
      if (attempt === 0 && isStale(lockFile)) {
        breakStaleLock(root);
        continue;
      }
      return { holder: readHolder(lockFile) };
    }
    const holder: LockHolder = { pid: process.pid, hostname: hostname(), at: new Date().toISOString(), purpose };
    try {
      writeSync(fd, `${JSON.stringify(holder)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        // Only our own: a lock that is not ours any more (removed by hand and retaken) stays.
        const current = readHolder(lockFile);
        if (current && (current.pid !== holder.pid || current.hostname !== holder.hostname || current.at !== holder.at)) return;
        rmSync(lockFile, { force: true });
      },
    };
  }
  return { holder: readHolder(lockFile) };
}

/** How long a publish waits for another one by default: longer than a publish takes, short enough for a person waiting. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/**
 * Runs `work` holding the folder's lock, waiting up to `waitMs` for it (polling), and releases it
 * whatever happens. Throws LockBusyError, naming the holder, when it is still held after `waitMs`.
 */
export async function withFolderLock<T>(root: string, purpose: string, work: () => T | Promise<T>, { waitMs = DEFAULT_LOCK_WAIT_MS, pollMs = 50 } = {}): Promise<T> {
  const started = Date.now();
  for (;;) {
    const attempt = tryLock(root, purpose);
    if ('release' in attempt) {
      try {
        return await work();
      } finally {
        attempt.release();
      }
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new LockBusyError(path.join(root, LOCK_FILE), attempt.holder, waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, waitMs - waited)));
  }
}
