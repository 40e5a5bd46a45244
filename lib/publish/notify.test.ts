import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { notificationBody, notifySite } from '@/lib/publish/notify';
import { firstTimeHere } from '@/lib/publish/replay-guard';
import { verifyNotification } from '@/lib/publish/webhook';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A site that checks notifications as /api/revalidate does (signature, age, once), and can lose its first answer. */
async function site({ loseFirstAnswer = false } = {}) {
  let received = 0;
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received++;
      const check = verifyNotification(SECRET, body, { timestamp: req.headers['x-kabar-timestamp'] as string, signature: req.headers['x-kabar-signature'] as string });
      const accepted = check.ok && firstTimeHere(check.signature, Number(req.headers['x-kabar-timestamp']));
      if (loseFirstAnswer && received === 1) return req.socket.destroy();
      res.writeHead(accepted ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(accepted ? JSON.stringify({ version: `v${received}`, changed: true }) : JSON.stringify({ error: 'Unauthorized: a replay' }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('notifying the site', () => {
  it('makes every notification unique', () => {
    expect(notificationBody('publish', ['id/a.md'])).not.toBe(notificationBody('publish', ['id/a.md']));
    expect(JSON.parse(notificationBody('publish', ['id/a.md'], 'n'))).toEqual({ reason: 'publish', files: ['id/a.md'], nonce: 'n' });
  });

  it('has two notifications of the same file in the same second both accepted', async () => {
    const url = await site();
    const second = Date.now();
    const now = () => second;
    await expect(notifySite(url, SECRET, { reason: 'publish', files: ['id/a.md'] }, { now })).resolves.toMatchObject({ changed: true });
    await expect(notifySite(url, SECRET, { reason: 'publish', files: ['id/a.md'] }, { now })).resolves.toMatchObject({ changed: true });
  });

  it('succeeds when the answer to a notification the site took was lost and it is sent again', async () => {
    const url = await site({ loseFirstAnswer: true });
    const now = Date.now();
    await expect(notifySite(url, SECRET, { reason: 'publish', files: ['id/a.md'] }, { retryMs: 10, now: () => now })).resolves.toMatchObject({ version: 'v2' });
  });
});
