import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE, LockBusyError, tryLock, withFolderLock } from '@/lib/content/folder-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'folder-lock-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (and not been reused within the test). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

const holderFile = (pid: number, host = hostname()) => writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: host, at: '2026-01-01T00:00:00.000Z', purpose: 'npm run publish (a.md)' }));

describe('the content folder lock', () => {
  it('is held by one at a time, says who holds it, and is released', () => {
    const first = tryLock(dir, 'first');
    expect('release' in first).toBe(true);
    const second = tryLock(dir, 'second');
    expect(second).toEqual({ holder: expect.objectContaining({ pid: process.pid, hostname: hostname(), purpose: 'first' }) });
    if ('release' in first) first.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect('release' in tryLock(dir, 'third')).toBe(true);
  });

  it('makes a second caller wait, then fail with a message naming the holder, changing nothing', async () => {
    holderFile(process.pid); // this process: alive
    const started = Date.now();
    const work = vi.fn();
    const error = await withFolderLock(dir, 'second', work, { waitMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as Error).message).toContain(`locked by npm run publish (a.md) (pid ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(work).not.toHaveBeenCalled();
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).purpose, 'the holder keeps its lock').toBe('npm run publish (a.md)');
  });

  it('gets the lock once the holder releases it', async () => {
    const first = tryLock(dir, 'first');
    setTimeout(() => 'release' in first && first.release(), 150);
    await expect(withFolderLock(dir, 'second', () => 'done', { waitMs: 5_000 })).resolves.toBe('done');
  });

  it('takes over a lock left by a process of this host that is gone', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    holderFile(deadPid());
    await expect(withFolderLock(dir, 'after a crash', () => 'done', { waitMs: 0 })).resolves.toBe('done');
    expect(existsSync(path.join(dir, LOCK_FILE)), 'released afterwards').toBe(false);
  });

  it('never takes over a lock held from another host', async () => {
    holderFile(deadPid(), 'another-host.invalid');
    await expect(withFolderLock(dir, 'here', () => 'done', { waitMs: 100 })).rejects.toThrow(/on another-host\.invalid/);
  });

  it('is released when the work throws', async () => {
    await expect(withFolderLock(dir, 'x', () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
