import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { firstTimeHere, firstTimeSeen, replayKey } from '@/lib/publish/replay-guard';
import { MAX_AGE_SECONDS } from '@/lib/publish/webhook';

const signature = () => randomBytes(32).toString('hex');

describe('a notification is accepted once', () => {
  it('within its window, remembered until its timestamp plus the window, not its arrival plus the window', () => {
    const now = Date.now();
    const timestamp = Math.floor(now / 1000) - (MAX_AGE_SECONDS - 10); // signed 4 min 50 s ago
    const sig = signature();
    expect(firstTimeHere(sig, timestamp, now)).toBe(true);
    expect(firstTimeHere(sig, timestamp, now + 5_000)).toBe(false);
    // 20 s after arrival its timestamp is out of the window: the entry is gone (the age check refuses it).
    firstTimeHere(signature(), Math.floor(now / 1000), now + 20_000);
    expect(firstTimeHere(sig, timestamp, now + 20_000), 'forgotten once its timestamp is out of the window').toBe(true);
  });
});

// Redis on 6379 (the machine's), under a prefix of this test's own; skipped without REDIS_TEST_URL or a Redis there.
const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kabar-kini-test-replay-${randomBytes(4).toString('hex')}:`;
const client = createClient({ url: redisUrl, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
const connected = await client.connect().then(
  () => true,
  () => false,
);

describe.skipIf(!connected)('with REDIS_URL, across instances', () => {
  const prefixBefore = process.env.REDIS_KEY_PREFIX;
  afterAll(async () => {
    if (prefixBefore === undefined) delete process.env.REDIS_KEY_PREFIX;
    else process.env.REDIS_KEY_PREFIX = prefixBefore;
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(keys);
    await client.quit();
  });

  it('is refused the second time, and its key expires at the notification timestamp plus the window', async () => {
    process.env.REDIS_KEY_PREFIX = prefix;
    const now = Date.now();
    const timestamp = Math.floor(now / 1000) - 60;
    const sig = signature();
    expect(await firstTimeSeen(sig, timestamp, { now, redisUrl })).toBe(true);
    // Another instance: its own memory does not know it, Redis does.
    const g = globalThis as Record<symbol, { local: Map<string, number> } | undefined>;
    g[Symbol.for('kabar-kini.notification-replays')]!.local.clear();
    expect(await firstTimeSeen(sig, timestamp, { now, redisUrl })).toBe(false);
    const expiresAt = await client.pExpireTime(replayKey(sig, prefix));
    expect(expiresAt).toBe((timestamp + MAX_AGE_SECONDS) * 1000);
  });
});
