import { describe, expect, it } from 'vitest';
import { LOCKOUT_POLICY, lockoutKey, lockState, recordFailure, type LoginFailures } from '@/lib/desk/lockout';

const T0 = Date.parse('2026-12-06T08:00:00Z');

function failures(n: number, start = T0, every = 1_000) {
  let record: LoginFailures | undefined;
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    const next = recordFailure(record, start + i * every);
    record = next.record;
    delays.push(next.delayMs);
  }
  return { record: record!, delays };
}

describe('lockout', () => {
  it('answers the first wrong passwords at once, then slows each one more', () => {
    const { delays } = failures(4);
    expect(delays).toEqual([0, 0, 0, LOCKOUT_POLICY.firstDelayMs]);
  });

  it('locks the address after five wrong passwords in a row, for fifteen minutes', () => {
    const { record } = failures(5);
    const lastAt = T0 + 4_000;
    expect(lockState(record, lastAt)).toEqual({ locked: true, retryAfterMs: LOCKOUT_POLICY.lockMs });
    expect(lockState(record, lastAt + LOCKOUT_POLICY.lockMs - 1).locked).toBe(true);
    expect(lockState(record, lastAt + LOCKOUT_POLICY.lockMs).locked).toBe(false);
    expect(lockState(failures(4).record, lastAt).locked, 'four are not enough').toBe(false);
  });

  it('starts counting again after a quiet window or an expired lock', () => {
    const { record } = failures(4);
    expect(recordFailure(record, T0 + 3_000 + LOCKOUT_POLICY.windowMs + 1).record.count).toBe(1);
    const locked = failures(5).record;
    const after = recordFailure(locked, locked.lockedUntil!);
    expect(after.record.count).toBe(1);
    expect(after.record.lockedUntil).toBeUndefined();
  });

  it('never waits longer than the cap', () => {
    let record: LoginFailures | undefined;
    let delay = 0;
    for (let i = 0; i < 20; i++) ({ record, delayMs: delay } = recordFailure(record ? { ...record, lockedUntil: undefined } : undefined, T0 + i));
    expect(delay).toBe(LOCKOUT_POLICY.maxDelayMs);
  });

  it('counts one address however it is typed', () => {
    expect(lockoutKey('  Editor@Kabar.Test ')).toBe('editor@kabar.test');
  });
});
