import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { installReaderHtml, isDocumentRequest, readerPage, rewriteKey, runtimeLeftover, withoutClientRuntime, withoutClientRuntimeChecked, withoutRouterVary } from '@/lib/http/reader-html';

// A page as Next 16 writes it (Turbopack build), cut down: its runtime, preload, chunk list and
// payload rows, beside what must stay (JSON-LD, the stylesheet, a streamed boundary's reveal script).
const page = [
  '<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/0j1we3cwg31qe.js"/>',
  '<script src="/_next/static/chunks/0m3mby5pxg4oz.js" async=""></script>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
  '<style data-precedence="next" data-href="/_next/static/chunks/x.css">body{margin:0}</style>',
  '<link rel="canonical" href="https://example.test/id/berita/x"/>',
  '</head><body><div class="site-menu"><div id="site-drawer" class="drawer"></div></div>',
  '<main><p>Isi berita.</p></main>',
  '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>',
  '<script src="/_next/static/chunks/0j1we3cwg31qe.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>',
  '<script>$RC("B:0","S:0")</script>',
  '</body></html>',
].join('');

describe('isDocumentRequest', () => {
  const request = (url: string) => ({ method: 'GET', url, headers: {} }) as http.IncomingMessage;

  it('leaves the desk its client runtime (decision 026), and rewrites reader pages', () => {
    for (const url of ['/desk', '/desk/', '/desk/login', '/desk?state=draft']) expect(isDocumentRequest(request(url)), url).toBe(false);
    for (const url of ['/id', '/en/news/desk', '/desktop', '/deskx']) expect(isDocumentRequest(request(url)), url).toBe(true);
  });
});

describe('withoutClientRuntime', () => {
  it("removes Next's scripts, preloads, chunk list and payload rows, and nothing else", () => {
    const out = withoutClientRuntime(page);
    expect(out).not.toMatch(/\/_next\/static\/chunks\/[^"]*\.js/);
    expect(out).not.toContain('__next_f');
    expect(out).not.toContain('TURBOPACK');
    expect(out).toContain('<script type="application/ld+json">{"@type":"NewsArticle"}</script>');
    expect(out).toContain('<style data-precedence="next" data-href="/_next/static/chunks/x.css">body{margin:0}</style>');
    expect(out).toContain('<script>$RC("B:0","S:0")</script>');
    expect(out).toContain('<main><p>Isi berita.</p></main>');
    expect(out).toContain('<link rel="canonical" href="https://example.test/id/berita/x"/>');
  });

  it('puts the given script last in the body', () => {
    const out = withoutClientRuntime(page, 'enhance()');
    expect(out.endsWith('<script>enhance()</script></body></html>')).toBe(true);
    expect(out.match(/<script>enhance\(\)<\/script>/g)).toHaveLength(1);
  });
});

describe('installReaderHtml under a compressing layer like Next’s', () => {
  let server: http.Server;
  let origin: string;

  // Stands in for Next: sets headers, then (like Next's compression middleware) replaces res.write
  // and res.end with functions that gzip and call the ones they read before.
  const ROUTER_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // As Next does on every page and route: the router's headers in Vary.
    res.setHeader('Vary', ROUTER_VARY);
    if (req.headers.rsc !== undefined || req.headers['next-router-state-tree'] !== undefined) {
      // Next's answer to its client router: a payload, not the page.
      res.setHeader('Content-Type', 'text/x-component');
      res.end('0:["$","div",null,{}]');
      return;
    }
    const gzip = /gzip/.test(String(req.headers['accept-encoding']));
    if (gzip) {
      res.setHeader('Vary', `${String(res.getHeader('vary'))}, Accept-Encoding`);
      const write = res.write.bind(res) as (chunk: Buffer) => boolean;
      const end = res.end.bind(res) as () => http.ServerResponse;
      const parts: Buffer[] = [];
      res.write = function (chunk: Buffer | string) {
        parts.push(Buffer.from(chunk));
        return true;
      } as typeof res.write;
      res.end = function (chunk?: Buffer | string) {
        if (chunk) parts.push(Buffer.from(chunk));
        const zipped = gzipSync(Buffer.concat(parts));
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', zipped.length);
        write(zipped);
        return end();
      } as typeof res.end;
    }
    if (req.url === '/feed.xml') {
      res.setHeader('Content-Type', 'application/rss+xml');
      res.end('<rss><script src="/_next/static/chunks/a.js"></script></rss>');
      return;
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (req.url === '/one' || req.url === '/two') {
      // Two pages of the same length under the same ETag: Next's ETag is a 52-bit hash, and the
      // rewritten pages were once kept by it and the length alone.
      const other = page.replace('Isi berita.', req.url === '/one' ? 'Berita satu' : 'Berita dua.');
      res.setHeader('ETag', '"same"');
      res.setHeader('Content-Length', Buffer.byteLength(other));
      res.end(other);
      return;
    }
    if (req.url === '/dynamic') {
      // A page rendered per request: streamed with no length, its headers flushed before the first
      // chunk (next/dist/server/pipe-readable.js).
      res.flushHeaders();
      const half = page.length >> 1;
      res.write(page.slice(0, half));
      setTimeout(() => res.end(page.slice(half)), 10);
      return;
    }
    res.setHeader('Content-Length', Buffer.byteLength(page));
    // Next's ETag: the second request for "/" is answered from the rewritten pages kept by it.
    if (req.url === '/') res.setHeader('ETag', '"page-hash"');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (req.url === '/streamed') {
      const half = page.length >> 1;
      res.write(page.slice(0, half));
      res.end(page.slice(half));
    } else res.end(page);
  };

  beforeAll(async () => {
    installReaderHtml({ script: 'enhance()' });
    server = http.createServer(next);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the rewritten page with its own length, compressed or not, whole or in pieces', async () => {
    for (const path of ['/', '/streamed']) {
      const plain = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' } });
      const text = await plain.text();
      expect(text).toBe(withoutClientRuntime(page, 'enhance()'));
      if (path === '/') expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(origin + path, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
        }).on('error', reject);
      });
      expect(raw.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(raw.body).toString('utf8')).toBe(withoutClientRuntime(page, 'enhance()'));
    }
  });

  it('rewrites a streamed page whose headers Next flushes before its first chunk', async () => {
    const plain = await fetch(`${origin}/dynamic`, { headers: { 'accept-encoding': 'identity' } });
    expect(await plain.text()).toBe(withoutClientRuntime(page, 'enhance()'));
    const zipped = await fetch(`${origin}/dynamic`, { headers: { 'accept-encoding': 'gzip' } });
    expect(await zipped.text()).toBe(withoutClientRuntime(page, 'enhance()'));
  });

  it('a HEAD whose body Next leaves out names no length rather than the length before the rewrite', async () => {
    const head = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      http.request(`${origin}/head`, { method: 'HEAD' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      }).on('error', reject).end();
    });
    expect(head['content-type']).toMatch(/text\/html/);
    expect(head['content-length']).toBeUndefined();
  });

  it('leaves responses that are not HTML pages as they are', async () => {
    const feed = await fetch(`${origin}/feed.xml`);
    expect(await feed.text()).toBe('<rss><script src="/_next/static/chunks/a.js"></script></rss>');
    const api = await fetch(`${origin}/api/x`, { headers: { rsc: '1' } });
    expect(await api.text(), 'the API keeps the router headers it was sent').toBe('0:["$","div",null,{}]');
    expect(api.headers.get('vary')).toBe(ROUTER_VARY);
  });

  it('gives a request with the router headers the same page as any other, and varies on Accept-Encoding only', async () => {
    const plain = await fetch(`${origin}/`);
    const expected = withoutClientRuntime(page, 'enhance()');
    expect(await plain.text()).toBe(expected);
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const routerHeaders: Record<string, string>[] = [{ rsc: '1' }, { 'next-router-state-tree': '%5B%22%22%5D' }, { 'next-router-prefetch': '1', rsc: '1' }];
    for (const headers of routerHeaders) {
      const routed = await fetch(`${origin}/`, { headers });
      expect(routed.headers.get('content-type'), JSON.stringify(headers)).toMatch(/^text\/html/);
      expect(await routed.text()).toBe(expected);
      expect(routed.headers.get('vary')).toBe('Accept-Encoding');
    }
    const identity = await fetch(`${origin}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(identity.headers.get('vary'), 'nothing left to vary on').toBeNull();
  });

  it('keeps rewritten pages apart by URL and content, not by ETag and length', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await (await fetch(`${origin}/one`)).text()).toContain('Berita satu');
      expect(await (await fetch(`${origin}/two`)).text()).toContain('Berita dua.');
    }
  });
});

describe('withoutRouterVary', () => {
  it("takes the App Router's headers out of Vary and keeps the others", () => {
    expect(withoutRouterVary('rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding')).toBe('Accept-Encoding');
    expect(withoutRouterVary('RSC, Next-Url, Accept-Language, Cookie')).toBe('Accept-Language, Cookie');
    expect(withoutRouterVary('rsc')).toBeUndefined();
  });
});

describe('rewriteKey', () => {
  it('differs for another URL or another body, and is the same for the same page', () => {
    const body = Buffer.from(page);
    expect(rewriteKey('/a', body)).toBe(rewriteKey('/a', Buffer.from(page)));
    expect(rewriteKey('/b', body)).not.toBe(rewriteKey('/a', body));
    expect(rewriteKey('/a?fbclid=x1', body), 'a tracking parameter is not another entry').toBe(rewriteKey('/a', body));
    expect(rewriteKey('/a', Buffer.from(page.replace('Isi', 'Isa')))).not.toBe(rewriteKey('/a', body));
  });
});

// An article exactly as next@16.5.0 prerendered it (Turbopack, `next build` of the e2e content,
// .next-e2e/server/app/en/news/…html): the contract the rewrite has with Next's runtime shapes
// (decision 027). Taking a Next release: build, copy a page here again (README), run this file.
const next165 = readFileSync(new URL('./__fixtures__/next-16.5.0-article.html', import.meta.url), 'utf8');
const REPORT = /^Next coupling reader-html .* broke: a page still holds /;

describe('the rewrite against the pages next@16.5.0 writes', () => {
  it('removes every runtime shape of a real 16.5 page, and keeps the story, JSON-LD and stylesheet', () => {
    expect(next165).toContain('self.__next_f');
    expect(next165).toMatch(/<script src="\/_next\/static\/chunks\/[^"]+\.js" async="">/);
    const out = withoutClientRuntimeChecked(next165, 'enhance()');
    expect(runtimeLeftover(out)).toBeUndefined();
    expect(out).not.toMatch(/<script[^>]*\bsrc=/);
    expect(out).toContain('application/ld+json');
    expect(out).toContain('<style');
    expect(out).toContain('China Launches Global AI Cooperation Plan');
    expect(out).toContain('<script>enhance()</script></body>');
  });

  const altered: [string, (html: string) => string, RegExp][] = [
    [
      'the payload as <template data-next-flight> (experimental.externalBrowserRuntime)',
      (html) => html.replace(/<script>\(?self\.__next_f[^<]*<\/script>/g, '<template data-next-flight="[1,&quot;0:{}&quot;]"></template>'),
      /the RSC payload as <template data-next-flight>/,
    ],
    [
      'payload rows in a script the pattern does not match (a new first statement)',
      (html) => html.replace(/<script>\(self\.__next_f=/, '<script>void 0;(self.__next_f='),
      /RSC payload rows \(self\.__next_f\) in a script shape the rewrite does not match/,
    ],
    [
      'a script file loaded by a tag the pattern does not match (modulepreload)',
      (html) => html.replace('</head>', '<link rel="modulepreload" href="/_next/static/chunks/new-runtime.js"/></head>'),
      /a reference to one of Next's script files/,
    ],
    [
      'a script tag written another way (src unquoted, after a new attribute)',
      (html) => html.replace(/<script src="(\/_next\/static\/chunks\/[^"]+)" async="">/, '<script blocking="render" src=$1 async>'),
      /a reference to one of Next's script files/,
    ],
  ];
  for (const [shape, alter, reason] of altered) {
    it(`names the coupling when a page holds ${shape}`, () => {
      const page = alter(next165);
      expect(page).not.toBe(next165);
      expect(() => withoutClientRuntimeChecked(page)).toThrow(REPORT);
      expect(() => withoutClientRuntimeChecked(page)).toThrow(reason);
    });
  }

  it('serves such a page as Next wrote it (the whole runtime, a working page), and says why once', () => {
    const logged: string[] = [];
    const page = altered[0]![1](next165);
    expect(readerPage(page, 'enhance()', (line) => logged.push(line))).toBe(page);
    expect(readerPage(page, 'enhance()', (line) => logged.push(line))).toBe(page);
    expect(logged).toEqual([expect.stringMatching(REPORT)]);
    expect(readerPage(next165, 'enhance()', (line) => logged.push(line))).toBe(withoutClientRuntime(next165, 'enhance()'));
  });
});
