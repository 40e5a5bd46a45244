// `npm run size`: the JavaScript a reader's browser downloads for our pages, against a blank Next
// app of the same version served the same way. Budget: at most 10 KB gzip more than blank per route.
//
// Both apps are built (ours into NEXT_DIST_DIR, default .next-bench), started with `next start`, and
// each page's HTML is fetched. Every script it loads (<script src>, modulepreload and
// preload as=script links) is fetched and gzipped at level 9; the sums are compared.
// It also checks that no next-intl message catalogue or client provider reaches the browser. Since
// decision 020 our pages load no script file at all (Next's runtime is removed from the HTML; the
// drawer's script is inline), so ours is 0 against the blank page's runtime.
//
// The lead photo (issue 24): the seed article's text republished with a photo through the media
// pipeline (bench/photo-story.mjs) is opened in a real Chromium as a 390 px phone at DPR 3, and
// the image request it makes is recorded (URL, type, bytes on the wire), beside the blank app's
// page with the same photo as `next/image` serves it (its optimiser, same `sizes`).
//
// Env: BENCH_SKIP_BUILD=1 reuses an existing build of ours; SIZE_BUDGET_KB (default 10);
// BENCH_PORT_OURS / BENCH_PORT_BLANK (default 3301 / 3302).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';
import sharp from 'sharp';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/find-chromium.mjs';
import { writeBlankPhotoPage } from './blank-article.mjs';
import { LEAD_SIZES, PHOTO_PATH, PHOTO_TEXT, createPhotoStore, photoInfo, publishPhotoStory } from './photo-story.mjs';
import {
  serveOursAndBlank,
  SEED,
  createBlankApp,
  kb,
  removeDir,
  repoRoot,
  stopAllServers,
  table,
  writeResult,
} from './lib.mjs';

const budgetKb = Number(process.env.SIZE_BUDGET_KB ?? 10);
const portOurs = Number(process.env.BENCH_PORT_OURS ?? 3301);
const portBlank = Number(process.env.BENCH_PORT_BLANK ?? 3302);

const routes = [
  { name: 'home', path: '/id' },
  { name: 'section', path: '/id/rubrik/teknologi' },
  { name: 'article', path: SEED.id },
  { name: 'article (en)', path: SEED.en },
  { name: 'article + photo', path: PHOTO_PATH },
];

const PHONE = { width: 390, height: 844, dpr: 3 };

/**
 * The lead photo as a phone's Chromium fetches it: the page is opened at 390 × 844 CSS px, DPR 3,
 * and every image request is recorded with its type and its bytes on the wire (body as sent, and
 * headers). The <img>'s currentSrc says which candidate of the srcset the browser chose.
 */
async function leadPhotoOnPhone(browser, url) {
  const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height }, deviceScaleFactor: PHONE.dpr, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const images = [];
    const pending = [];
    page.on('requestfinished', (request) => pending.push(record(request)));
    const record = async (request) => {
      if (request.resourceType() !== 'image') return;
      const [response, sizes] = await Promise.all([request.response(), request.sizes()]);
      // The pixels of the file itself (the <img>'s naturalWidth is divided by the density the srcset implies).
      const meta = await sharp(await response.body()).metadata().catch(() => ({}));
      images.push({ url: request.url().replace(/^https?:\/\/[^/]+/, ''), status: response?.status(), type: (await response?.allHeaders())?.['content-type'], body: sizes.responseBodySize, headers: sizes.responseHeadersSize, pixels: meta.width ? `${meta.width} × ${meta.height}` : '' });
    };
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const img = await page.evaluate(() => {
      const el = document.querySelector('main img');
      return el && { currentSrc: el.currentSrc.replace(/^https?:\/\/[^/]+/, ''), cssWidth: Math.round(el.getBoundingClientRect().width) };
    });
    const chosen = images.find((i) => img && i.url === img.currentSrc) ?? images[0];
    return { ...img, images, chosen };
  } finally {
    await context.close();
  }
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function fetchText(url) {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.text();
}

/** The JS files a page loads, and its inline RSC payload (the text React hydrates from). */
async function measurePage(origin, pagePath) {
  const html = await fetchText(origin + pagePath);
  const doc = parse(html);
  const urls = new Set();
  for (const el of doc.querySelectorAll('script[src]')) urls.add(el.getAttribute('src'));
  for (const el of doc.querySelectorAll('link[rel="modulepreload"]')) urls.add(el.getAttribute('href'));
  for (const el of doc.querySelectorAll('link[rel="preload"][as="script"]')) urls.add(el.getAttribute('href'));
  const scripts = [];
  for (const src of urls) {
    const url = new URL(src, origin + pagePath);
    const body = Buffer.from(await fetchText(url.href));
    scripts.push({ url: url.pathname, raw: body.length, gzip: gz(body), sha1: createHash('sha1').update(body).digest('hex'), body });
  }
  const flight = flightPayload(html);
  return {
    html,
    htmlGzip: gz(Buffer.from(html)),
    flight,
    flightGzip: gz(Buffer.from(flight)),
    scripts,
    jsGzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    jsRaw: scripts.reduce((sum, s) => sum + s.raw, 0),
  };
}

/** The RSC payload inlined as self.__next_f.push([1,"…"]) calls, decoded to its text. */
function flightPayload(html) {
  let text = '';
  for (const m of html.matchAll(/self\.__next_f\.push\((\[.*?\])\)<\/script>/gs)) {
    try {
      const [kind, chunk] = JSON.parse(m[1]);
      if (kind === 1 && typeof chunk === 'string') text += chunk;
    } catch {
      /* not a JSON array literal: skip */
    }
  }
  return text;
}

/** The JSON object that starts at `start` in `text` (balanced braces, strings respected). */
function objectAt(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

function leafStrings(value, prefix = '') {
  if (typeof value === 'string') return [[prefix, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leafStrings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

/**
 * What of our message catalogue reaches the browser. Rendered text is in the HTML anyway; what
 * must not be there is the catalogue itself: raw ICU templates ("Source: {name}"), namespace
 * objects, or next-intl's client runtime (its error codes are plain strings in the bundle).
 */
function messagesReport(page, locale) {
  const catalogue = JSON.parse(readFileSync(path.join(repoRoot, 'messages', `${locale}.json`), 'utf8'));
  const templates = leafStrings(catalogue).filter(([, v]) => /\{[a-zA-Z]+[},]/.test(v));
  const leakedTemplates = templates.filter(([, v]) => page.html.includes(v) || page.flight.includes(v)).map(([k]) => k);
  const namespaceObjects = Object.keys(catalogue).filter((ns) => page.flight.includes(`"${ns}":{`));
  const js = page.scripts.map((s) => s.body.toString('utf8')).join('\n');
  const intlRuntime = ['MISSING_MESSAGE', 'NextIntlClientProvider', 'INSUFFICIENT_PATH'].filter((s) => js.includes(s));
  const start = page.flight.indexOf('{"labels":{');
  let drawerProps;
  if (start >= 0) {
    try {
      drawerProps = JSON.parse(objectAt(page.flight, start) ?? 'null');
    } catch {
      drawerProps = undefined;
    }
  }
  const drawerStrings = drawerProps ? leafStrings(drawerProps).filter(([k]) => !/href|locale|hrefLang|current/i.test(k.split('.').pop())) : [];
  return {
    catalogueKeys: leafStrings(catalogue).length,
    drawerStrings: drawerStrings.map(([k, v]) => `${k}=${v}`),
    drawerPropsBytes: drawerProps ? JSON.stringify(drawerProps).length : 0,
    leakedTemplates,
    namespaceObjects,
    intlRuntime,
    // Since decision 020 pages carry no payload and no client component: no drawer props either.
    ok: leakedTemplates.length === 0 && namespaceObjects.length === 0 && intlRuntime.length === 0,
  };
}

const gz6 = (text) => gzipSync(Buffer.from(text)).length;
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/g;

/**
 * An article's HTML by part: the head (meta tags, inline styles, script tags), the body's markup
 * (what a reader and a crawler see), the JSON-LD, the inline RSC payload (what React hydrates from;
 * it repeats the body's text), and other inline scripts. Inside the payload: the copies of the
 * JSON-LD and of the head tags. Bytes raw and gzip (level 6, as `next start` sends).
 */
function htmlBreakdown(html, flight) {
  const headEnd = html.indexOf('</head>') + '</head>'.length;
  const body = html.slice(headEnd);
  const scripts = [...body.matchAll(SCRIPT)].map((m) => m[0]);
  const jsonLd = scripts.filter((t) => t.startsWith('<script type="application/ld+json"'));
  const payload = scripts.filter((t) => t.includes('self.__next_f'));
  const other = scripts.filter((t) => !jsonLd.includes(t) && !payload.includes(t));
  // Copies inside the payload, found as text (RSC text rows) or as JSON strings (element props).
  const copies = (texts) =>
    texts
      .flatMap((text) => [text, JSON.stringify(text).slice(1, -1)])
      .filter((text, i, all) => text && all.indexOf(text) === i)
      .map((text) => flight.split(text).length - 1 > 0 ? text.repeat(flight.split(text).length - 1) : '')
      .join('');
  const inner = (tags) => tags.map((t) => t.replace(/^<[^>]*>/, '').replace(/<\/(script|style)>$/, ''));
  const styles = [...html.slice(0, headEnd).matchAll(/<style\b[^>]*>[\s\S]*?<\/style>/g)].map((m) => m[0]);
  // Long texts travel as text rows, "<id>:T<byte length in hex>,<text>"; Next merges the inlined
  // sheets into one <style>, while the payload keeps one text row per sheet.
  const textRows = [];
  const bytes = Buffer.from(flight);
  for (let i = 0; i < bytes.length; ) {
    const m = /^[0-9a-f]+:T([0-9a-f]+),/.exec(bytes.subarray(i, i + 32).toString('latin1'));
    if (m) {
      const start = i + m[0].length;
      textRows.push(bytes.subarray(start, start + parseInt(m[1], 16)).toString('utf8'));
      i = start + parseInt(m[1], 16);
    } else {
      const next = bytes.indexOf(10, i);
      i = next < 0 ? bytes.length : next + 1;
    }
  }
  const cssRows = textRows.filter((t) => styles.some((tag) => tag.includes(t)));
  const headTags = [...flight.matchAll(/\["\$","(meta|title|link)","\d+",\{[^{}]*\}\]/g)].map((m) => m[0]).join('');
  const parts = [
    ['head', html.slice(0, headEnd)],
    ['  of which inline CSS', styles.join('')],
    ['body markup', body.replace(SCRIPT, '')],
    ['JSON-LD', jsonLd.join('')],
    ['RSC payload', payload.join('')],
    ['  of which JSON-LD again', copies(inner(jsonLd))],
    ['  of which head tags again', headTags],
    ['  of which inline CSS again', cssRows.join('')],
    ['other inline scripts', other.join('')],
    ['whole page', html],
  ];
  return parts.map(([part, text]) => ({ part, raw: Buffer.byteLength(text), gzip: text ? gz6(text) : 0 }));
}

/**
 * Where in the gzip response (as the server sends it) the headline, the lead and the first
 * paragraph are complete: the compressed byte after which a browser can show each. The first
 * round trip of a new connection carries about 14 KB (10 TCP segments).
 */
async function firstRoundTrip(url) {
  // node:http, not fetch: fetch inflates the body and hides the bytes on the wire.
  const { compressed, encoding } = await new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ compressed: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
      })
      .on('error', reject);
  });
  const html = encoding === 'gzip' ? gunzipSync(compressed).toString('utf8') : compressed.toString('utf8');
  const endOf = (re) => {
    const m = re.exec(html);
    return m ? m.index + m[0].length : -1;
  };
  const marks = {
    headline: endOf(/<h1\b[^>]*>[\s\S]*?<\/h1>/),
    lead: endOf(/<p class="article-lead"[^>]*>[\s\S]*?<\/p>/),
    'first paragraph': endOf(/<div class="article-body"[^>]*>\s*<p>[\s\S]*?<\/p>/),
  };
  const at = {};
  for (const [name, end] of Object.entries(marks)) {
    if (end < 0 || encoding !== 'gzip') {
      at[name] = end < 0 ? undefined : end;
      continue;
    }
    // The shortest prefix of the compressed stream that inflates past the mark.
    let lo = 0;
    let hi = compressed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let out = 0;
      try {
        out = gunzipSync(compressed.subarray(0, mid), { finishFlush: constants.Z_SYNC_FLUSH }).length;
      } catch {
        out = 0;
      }
      if (out >= Buffer.byteLength(html.slice(0, end))) hi = mid;
      else lo = mid + 1;
    }
    at[name] = lo;
  }
  return { encoding, compressed: compressed.length, at };
}

const blankDir = createBlankApp();
const photoStore = createPhotoStore();
let exitCode = 0;
let browser;
try {
  const photo = await photoInfo();
  writeBlankPhotoPage(blankDir, { photo: photo.file, width: photo.width, height: photo.height, sizes: LEAD_SIZES, ...PHOTO_TEXT });
  const { ours, blank } = await serveOursAndBlank('size', { blankDir, portOurs, portBlank, oursEnv: photoStore.env });
  await publishPhotoStory(photoStore, ours.origin);

  const blankPage = await measurePage(blank.origin, '/');
  const rows = [];
  const results = [];
  for (const route of routes) {
    const page = await measurePage(ours.origin, route.path);
    const diff = page.jsGzip - blankPage.jsGzip;
    const over = diff > budgetKb * 1024;
    if (over) exitCode = 1;
    const locale = route.path.split('/')[1];
    const messages = messagesReport(page, locale);
    if (!messages.ok) exitCode = 1;
    rows.push([
      route.name,
      route.path,
      page.scripts.length,
      kb(page.jsGzip),
      kb(blankPage.jsGzip),
      (diff >= 0 ? '+' : '') + kb(diff),
      over ? `OVER ${budgetKb}` : 'ok',
      kb(page.htmlGzip),
      kb(page.flightGzip),
    ]);
    results.push({
      route: route.name,
      path: route.path,
      js: page.scripts.map(({ url, raw, gzip, sha1 }) => ({ url, raw, gzip, sha1 })),
      jsGzip: page.jsGzip,
      jsRaw: page.jsRaw,
      blankJsGzip: blankPage.jsGzip,
      diffGzip: diff,
      htmlGzip: page.htmlGzip,
      flightGzip: page.flightGzip,
      messages,
    });
  }
  console.log(`\nJavaScript loaded per page, gzip level 9 (KB = 1024 bytes); budget: ours − blank ≤ ${budgetKb} KB\n`);
  console.log(
    table(['route', 'path', 'files', 'ours KB gz', 'blank KB gz', 'diff KB', 'budget', 'HTML KB gz', 'RSC inline KB gz'], rows),
  );
  console.log(`\nblank page: ${blankPage.scripts.length} files, ${kb(blankPage.jsGzip)} KB gz JS, HTML ${kb(blankPage.htmlGzip)} KB gz`);

  // The lead photo a 390 px phone at DPR 3 downloads, ours against next/image on the blank page.
  browser = await chromium.launch({ executablePath: findChromium(), args: typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [] });
  const phoneOurs = await leadPhotoOnPhone(browser, ours.origin + PHOTO_PATH);
  const phoneBlank = await leadPhotoOnPhone(browser, `${blank.origin}/photo`);
  const slot = PHONE.width - 32; // calc(100vw - 2rem) below 40rem
  console.log(
    `\nLead photo on a ${PHONE.width} px phone at DPR ${PHONE.dpr} (Chromium ${browser.version()}; sizes "${LEAD_SIZES}": a ${slot} CSS px slot, ${slot * PHONE.dpr} image px wanted); original ${path.relative(repoRoot, photo.file)}: ${photo.width} × ${photo.height} ${photo.format}, ${photo.bytes} bytes`,
  );
  const photoRows = [
    ['ours: article + photo (<picture>, AVIF/WebP/JPEG)', phoneOurs],
    ['blank + photo (next/image, priority)', phoneBlank],
  ].map(([name, r]) => [name, r.chosen?.url.slice(0, 64) ?? 'NO IMAGE', r.chosen?.type ?? '', r.chosen?.pixels ?? '', r.cssWidth ?? '', r.chosen?.body ?? '', r.chosen ? r.chosen.body + r.chosen.headers : '', r.images.length]);
  console.log(table(['page', 'image chosen (currentSrc)', 'type', 'pixels', 'CSS px wide', 'body bytes', 'with headers', 'image requests'], photoRows));
  if (phoneOurs.chosen && phoneBlank.chosen)
    console.log(`ours − next/image: ${phoneOurs.chosen.body - phoneBlank.chosen.body >= 0 ? '+' : ''}${phoneOurs.chosen.body - phoneBlank.chosen.body} bytes (${Math.round((phoneOurs.chosen.body / phoneBlank.chosen.body) * 100)} %)`);
  if (!phoneOurs.chosen || phoneOurs.images.length !== 1 || phoneOurs.chosen.status !== 200) {
    exitCode = 1;
    console.log(`  the article's photo: expected exactly one image request answered 200, got ${JSON.stringify(phoneOurs.images)}`);
  }
  const leadPhoto = { original: { ...photo, file: path.relative(repoRoot, photo.file) }, phone: PHONE, slot, ours: phoneOurs, blank: phoneBlank };

  let vitals;
  // Web Vitals (decision 029): what every reader page gains (the inline loader) and what sampled
  // page views fetch after `load` (public/vitals.js), before and after, beside the blank page.
  {
    const articlePath = routes.find((r) => r.name === 'article').path;
    const html = await fetchText(ours.origin + articlePath);
    const loader = /\(function\(r,s,p\)\{[\s\S]*?\}\)\([\d.e-]+,"\/vitals\.js\?v=[^"]*","[a-z_]+"\);/.exec(html)?.[0];
    const src = loader && /"(\/vitals\.js\?v=[^"]*)"/.exec(loader)[1];
    const before = gz(Buffer.from(loader ? html.replace(loader, '') : html));
    const after = gz(Buffer.from(html));
    const sampled = src ? gz(Buffer.from(await fetchText(ours.origin + src))) : 0;
    const added = after - before;
    const vitalsBudget = 2 * 1024;
    if (!loader || added > vitalsBudget) exitCode = 1;
    console.log('\nWeb Vitals on the article page, gzip level 9 (bytes), before → after:');
    console.log(
      table(
        ['what', 'before', 'after', 'added', 'blank page'],
        [
          ['HTML of every page view (inline loader)', before, after, `+${added}${added > vitalsBudget ? ' OVER 2 KB' : ' (≤ 2 KB: ok)'}`, blankPage.htmlGzip],
          ['script files loaded with the page', 0, 0, '+0', blankPage.jsGzip],
          ['sampled page views only, async after load (vitals.js)', 0, sampled, `+${sampled}`, 0],
        ],
      ),
    );
    if (!loader) console.log('  no Web Vitals loader in the page (public/vitals.js missing, or VITALS_SAMPLE_RATE=0)');
    vitals = { loaderGzipAdded: added, htmlGzipBefore: before, htmlGzipAfter: after, sampledScriptGzip: sampled };
  }

  const article = results.find((r) => r.route === 'article');
  // Side by side, largest first: framework chunks differ by name and module ids between two
  // builds, so files cannot be matched one to one; sizes show where a difference comes from.
  const bySize = (list) => [...list].sort((x, y) => y.gzip - x.gzip);
  const ourFiles = bySize(article.js);
  const blankFiles = bySize(blankPage.scripts);
  console.log('\nScripts of the article page and of the blank page, gzip KB, largest first:');
  console.log(
    table(
      ['article file', 'gz KB', 'blank file', 'gz KB'],
      Array.from({ length: Math.max(ourFiles.length, blankFiles.length) }, (_, i) => [
        ourFiles[i]?.url.replace('/_next/static/chunks/', '') ?? '',
        ourFiles[i] ? kb(ourFiles[i].gzip) : '',
        blankFiles[i]?.url.replace('/_next/static/chunks/', '') ?? '',
        blankFiles[i] ? kb(blankFiles[i].gzip) : '',
      ]),
    ),
  );

  console.log('\nMessages sent to the browser (client component = the drawer, labels passed as props):');
  console.log(
    table(
      ['route', 'drawer strings', 'props bytes', 'catalogue keys', 'ICU templates leaked', 'namespace objects', 'next-intl client runtime'],
      results.map((r) => [
        r.route,
        r.messages.drawerStrings.length,
        r.messages.drawerPropsBytes,
        r.messages.catalogueKeys,
        r.messages.leakedTemplates.join(',') || 'none',
        r.messages.namespaceObjects.join(',') || 'none',
        r.messages.intlRuntime.join(',') || 'none',
      ]),
    ),
  );
  console.log(`drawer strings (article): ${article.messages.drawerStrings.join(' | ')}`);

  const firstKb = 14;
  for (const route of routes.filter((r) => r.name.startsWith('article'))) {
    const page = await measurePage(ours.origin, route.path);
    const parts = htmlBreakdown(page.html, page.flight);
    const whole = parts.at(-1);
    console.log(`\nHTML of ${route.name} (${route.path}) by part; gzip level 6 of each part alone (parts compress better together):`);
    console.log(table(['part', 'raw KB', 'share', 'gzip KB'], parts.map((p) => [p.part, kb(p.raw), `${Math.round((p.raw / whole.raw) * 100)} %`, kb(p.gzip)])));
    const first = await firstRoundTrip(ours.origin + route.path);
    const late = Object.entries(first.at).filter(([, at]) => at === undefined || at > firstKb * 1024);
    if (late.length) exitCode = 1;
    console.log(
      `${first.encoding} response ${kb(first.compressed)} KB; complete after compressed byte: ${Object.entries(first.at).map(([name, at]) => `${name} ${at ?? 'NOT FOUND'}`).join(', ')} (budget: the first ${firstKb} KB) ${late.length ? 'LATE' : 'ok'}`,
    );
    const result = results.find((r) => r.path === route.path);
    Object.assign(result, { htmlParts: parts, firstRoundTrip: first });
  }

  const file = writeResult('size', { budgetKb, blank: { jsGzip: blankPage.jsGzip, js: blankPage.scripts.map(({ url, raw, gzip }) => ({ url, raw, gzip })) }, routes: results, vitals, leadPhoto });
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
  if (exitCode) console.error('\nsize: FAILED (a route is over budget, the message check failed, or the story starts after the first 14 KB)');
} catch (error) {
  console.error(error.output ?? '', error);
  exitCode = 1;
} finally {
  await browser?.close();
  await stopAllServers();
  removeDir(blankDir);
  photoStore.remove();
}
process.exit(exitCode);
