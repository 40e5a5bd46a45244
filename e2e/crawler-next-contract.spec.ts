import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runtimeLeftover, withoutClientRuntimeChecked } from '../lib/http/reader-html';
import { assertGuardReached, resolvedNextConfig } from '../lib/http/next-couplings.mjs';

// The site's couplings to Next's internals (decision 027), checked against the Next this suite built
// and serves: the guard meets every request, the rewrite knows every runtime shape in this Next's
// pages, and the build's config is where the start check reads it. A Next release that changes one
// fails here with a message naming the coupling. (The cache handler and register() are checked
// against Next's own code in lib/cache/next-contract.test.ts and lib/http/next-couplings.test.ts.)

const port = Number(process.env.E2E_PORT ?? '3100');
const distDir = path.resolve(process.env.NEXT_DIST_DIR ?? '.next-e2e');

/** One request on a raw http client: fetch refuses TRACE. */
function send(method: string, target: string): Promise<{ status: number; allow: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: (res.headers.allow as string | undefined) ?? null, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The reader pages `next build` prerendered, as Next wrote them (before the rewrite). */
function prerenderedPages(): string[] {
  const root = path.join(distDir, 'server', 'app');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html') && !full.includes(`${path.sep}desk`)) found.push(full);
    }
  };
  walk(root);
  return found;
}

test('the guard meets the live server’s requests (http.Server.prototype.emit)', async () => {
  const health = await send('GET', '/healthz');
  const trace = await send('TRACE', '/');
  expect(() => assertGuardReached({ health, trace })).not.toThrow();
});

test('every page this Next prerendered leaves without its runtime, and so does a page it renders on request', async ({ request }) => {
  const pages = prerenderedPages();
  expect(pages.length, `prerendered pages under ${distDir}`).toBeGreaterThan(10);
  for (const file of pages) {
    // Throws NextCouplingError (reader-html) naming the shape left, if this Next writes one the rewrite does not know.
    const out = withoutClientRuntimeChecked(readFileSync(file, 'utf8'));
    expect(out, file).not.toContain('<script src=');
  }
  for (const url of ['/id', '/en', '/id/halaman-yang-tidak-ada']) {
    const body = await (await request.get(url)).text();
    expect(runtimeLeftover(body), url).toBeUndefined();
    expect(body, url).toContain('</html>');
  }
});

test('a page in a shape this Next does not write (the externalBrowserRuntime payload) is refused by name', () => {
  const [file] = prerenderedPages().filter((name) => readFileSync(name, 'utf8').includes('self.__next_f'));
  expect(file, 'a prerendered page with payload rows').toBeDefined();
  // The payload rows as experimental.externalBrowserRuntime writes them (next@16.5.0, use-flight-response.js).
  const altered = readFileSync(file!, 'utf8').replace(/<script>\(?self\.__next_f[^<]*<\/script>/g, '<template data-next-flight="[1,&quot;x&quot;]"></template>');
  expect(() => withoutClientRuntimeChecked(altered)).toThrow(/Next coupling reader-html .* broke: a page still holds the RSC payload as <template data-next-flight>/);
});

test('the build wrote the config the start check reads (experimental.externalBrowserRuntime, off)', () => {
  const config = resolvedNextConfig(distDir);
  expect(config, `${distDir}/required-server-files.json config`).toBeDefined();
  expect(config!.experimental, 'the resolved experimental options').toEqual(expect.objectContaining({ inlineCss: true }));
  expect(config!.experimental!.externalBrowserRuntime ?? false).toBe(false);
});
