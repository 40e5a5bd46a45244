/**
 * Repeated wrong passwords: slowed, then locked out for a while (per e-mail address, whether an
 * account has it or not, so the answers never tell which addresses exist).
 *
 * Pure functions over one record per address; the store keeps the records (lib/desk/store.ts).
 */
export interface LoginFailures {
  /** Wrong passwords in a row, within WINDOW_MS of each other. */
  count: number;
  /** When the last one was made (ms since the epoch). */
  lastAt: number;
  /** Until when sign-in is refused for this address, if it is locked. */
  lockedUntil?: number;
}

export const LOCKOUT_POLICY = {
  /** Wrong passwords answered at once; each after these waits longer. */
  freeAttempts: 3,
  /** The wait after the first slowed attempt, doubled for each after it. */
  firstDelayMs: 500,
  maxDelayMs: 4_000,
  /** Wrong passwords that lock the address. */
  lockAfter: 5,
  lockMs: 15 * 60_000,
  /** A failure this long after the last one starts the count again. */
  windowMs: 15 * 60_000,
} as const;

export type Policy = typeof LOCKOUT_POLICY;

/** Whether an address may try now, and for how long it is locked if not. */
export function lockState(record: LoginFailures | undefined, now: number): { locked: false } | { locked: true; retryAfterMs: number } {
  if (record?.lockedUntil && record.lockedUntil > now) return { locked: true, retryAfterMs: record.lockedUntil - now };
  return { locked: false };
}

/** The record after one more wrong password, and how long to wait before answering it. */
export function recordFailure(record: LoginFailures | undefined, now: number, policy: Policy = LOCKOUT_POLICY): { record: LoginFailures; delayMs: number } {
  const fresh = !record || now - record.lastAt > policy.windowMs || (record.lockedUntil !== undefined && record.lockedUntil <= now);
  const count = (fresh ? 0 : record.count) + 1;
  const next: LoginFailures = { count, lastAt: now };
  if (count >= policy.lockAfter) next.lockedUntil = now + policy.lockMs;
  const slowed = count - policy.freeAttempts;
  const delayMs = slowed > 0 ? Math.min(policy.firstDelayMs * 2 ** (slowed - 1), policy.maxDelayMs) : 0;
  return { record: next, delayMs };
}

/** The normalised key of an address: what a person means by "the same e-mail". */
export function lockoutKey(email: string): string {
  return email.trim().toLowerCase();
}
