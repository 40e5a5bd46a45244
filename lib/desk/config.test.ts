import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskStoreConfig } from '@/lib/desk/config';
import { DESK_RESPONSE_HEADERS, isHttpsRequest, loginPath } from '@/lib/desk/request';

describe('deskStoreConfig', () => {
  it('keeps the desk in data/desk.sqlite under the working folder when nothing is configured', () => {
    expect(deskStoreConfig({}, '/srv/kabar')).toEqual({ kind: 'sqlite', file: path.join('/srv/kabar', 'data', 'desk.sqlite') });
  });

  it('uses DESK_DB, relative to the working folder', () => {
    expect(deskStoreConfig({ DESK_DB: 'var/desk.db' }, '/srv/kabar')).toEqual({ kind: 'sqlite', file: '/srv/kabar/var/desk.db' });
    expect(deskStoreConfig({ DESK_DB: '/tmp/x.sqlite', DATABASE_URL: 'postgres://db/kabar' }, '/srv'), 'named on purpose, it wins').toEqual({ kind: 'sqlite', file: '/tmp/x.sqlite' });
  });

  it('refuses a DESK_SECRET too short to sign sessions with', () => {
    expect(() => deskStoreConfig({ DESK_SECRET: 'short' })).toThrow(/DESK_SECRET is too short/);
    expect(deskStoreConfig({ DESK_SECRET: 'x'.repeat(32) }, '/srv').kind).toBe('sqlite');
  });

  it('keeps the desk in the site’s PostgreSQL when DATABASE_URL is set, shared by every instance', () => {
    expect(deskStoreConfig({ DATABASE_URL: 'postgres://db/kabar' })).toEqual({ kind: 'postgres', url: 'postgres://db/kabar' });
    expect(deskStoreConfig({ DATABASE_URL: 'postgres://db/kabar', DESK_DB: '  ' }).kind).toBe('postgres');
  });
});

describe('desk requests', () => {
  it('are https when the TLS terminator says so (its first value), or by their URL', () => {
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'http' }), 'https://x/desk')).toBe(false);
    expect(isHttpsRequest(new Headers(), 'https://kabar.example/desk')).toBe(true);
    expect(isHttpsRequest(new Headers(), 'http://localhost:3000/desk')).toBe(false);
  });

  it('are private, never stored and never indexed', () => {
    expect(DESK_RESPONSE_HEADERS['Cache-Control']).toBe('private, no-store');
    expect(DESK_RESPONSE_HEADERS['X-Robots-Tag']).toMatch(/noindex/);
  });

  it('send a failed sign-in back to the form with what went wrong, and nothing else', () => {
    expect(loginPath()).toBe('/desk/login');
    expect(loginPath('invalid')).toBe('/desk/login?error=invalid');
    expect(loginPath('locked', 15)).toBe('/desk/login?error=locked&minutes=15');
  });
});
