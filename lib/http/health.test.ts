import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkReadiness, contentCheck, redisCheck } from '@/lib/http/health';

describe('checkReadiness', () => {
  it('is ready when every check passes, with one line each', async () => {
    const result = await checkReadiness([contentCheck(() => 'abc123'), { name: 'other', run: async () => 'fine' }]);
    expect(result).toEqual({ ready: true, lines: ['content: ok (version abc123)', 'other: ok (fine)'] });
  });

  it('is not ready when one fails, and names the reason', async () => {
    const result = await checkReadiness([
      contentCheck(() => {
        throw new Error('the store failed its first read');
      }),
      { name: 'other', run: async () => 'fine' },
    ]);
    expect(result).toEqual({ ready: false, lines: ['content: the store failed its first read', 'other: ok (fine)'] });
  });

  it('gives up on a check that hangs, within its deadline', async () => {
    const started = Date.now();
    const result = await checkReadiness([{ name: 'stuck', run: () => new Promise(() => undefined) }], 100);
    expect(result).toEqual({ ready: false, lines: ['stuck: no answer within 100 ms'] });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('redisCheck', () => {
  it('fails with the address (no password) when nothing listens there', async () => {
    // A port that was free a moment ago: nothing answers on it.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    // A generous deadline: the first check also loads the client library.
    const result = await checkReadiness([redisCheck(`redis://:secret@127.0.0.1:${port}`)], 10_000);
    expect(result.ready).toBe(false);
    expect(result.lines[0]).toMatch(new RegExp(`^redis: Redis at 127\\.0\\.0\\.1:${port} is not reachable`));
    expect(result.lines[0]).not.toContain('secret');
  });
});
