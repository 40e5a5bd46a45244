// Next's page cache (`cacheHandler` in next.config.ts) for the embedded default: memory only, and
// aware of the live content (docs/decisions/010-live-content.md).
//
// Plain JavaScript: Next loads this file itself at server start, outside the app's bundles. It
// meets the app through globalThis (lib/content/live.ts), where the current content version is.
//
// - Every entry remembers the content version it was rendered from. An entry of another version is
//   a miss: after a publish, a correction, a takedown or an embargo's end, every page and feed
//   renders again on its next request, with no path list to keep in step with the pages.
// - A render that started before a publish and ends after it is stored under the version it read
//   (pinned per request), so it cannot pass for new.
// - Bounded: an LRU of MAX_BYTES for pages, and a separate, smaller one for 404 and 410 pages, so a
//   flood of random slugs can neither grow memory without bound nor push real pages out.
// - Tags and paths revalidated through Next (revalidateTag, revalidatePath) expire entries too.

import { countPageCacheRead } from '../observability/metrics.mjs';

const LIVE = Symbol.for('kabar-kini.live-content');
const MAX_BYTES = 50 * 1024 * 1024;
const MAX_MISSING_BYTES = 8 * 1024 * 1024;
const TAGS_HEADER = 'x-next-cache-tags';

function live() {
  return globalThis[LIVE];
}

function contentVersion() {
  const state = live();
  try {
    return state?.currentVersion?.();
  } catch {
    return undefined; // the store failed its first read: nothing is served from it anyway
  }
}

function sizeOf(value) {
  if (!value) return 64;
  let size = 256;
  if (typeof value.html === 'string') size += value.html.length;
  if (value.rscData) size += value.rscData.length;
  if (value.body) size += value.body.length;
  if (typeof value.postponed === 'string') size += value.postponed.length;
  if (value.segmentData) for (const [key, buffer] of value.segmentData) size += key.length + buffer.length;
  if (value.kind === 'FETCH') size += JSON.stringify(value.data ?? '').length;
  return size;
}

const isMissing = (value) => value && (value.status === 404 || value.status === 410);

/** A least-recently-used map bounded by the bytes of its values. */
class Lru {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.entries = new Map();
  }
  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }
  set(key, entry) {
    this.delete(key);
    if (entry.size > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.size;
    }
  }
  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }
}

// One cache per process: Next may construct the handler more than once (per request context).
const SHARED = Symbol.for('kabar-kini.page-cache');
function shared() {
  return (globalThis[SHARED] ??= { pages: new Lru(MAX_BYTES), missing: new Lru(MAX_MISSING_BYTES), tagsExpiredAt: new Map() });
}

export default class ContentCacheHandler {
  constructor() {
    this.cache = shared();
  }

  async get(key) {
    const { pages, missing } = this.cache;
    const entry = pages.get(key) ?? missing.get(key);
    if (!entry) {
      countPageCacheRead('memory', false);
      return null;
    }
    const version = contentVersion();
    if ((version !== undefined && entry.version !== version) || this.tagExpired(entry)) {
      pages.delete(key);
      missing.delete(key);
      countPageCacheRead('memory', false);
      return null;
    }
    countPageCacheRead('memory', true);
    return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
  }

  async set(key, value, ctx = {}) {
    const { pages, missing } = this.cache;
    pages.delete(key);
    missing.delete(key);
    if (!value) return;
    // The version this render read, not the one current now: a publish during the render must not
    // make its output look new.
    const version = live()?.pinnedVersion?.() ?? contentVersion();
    const tags = [...(ctx.tags ?? []), ...String(value.headers?.[TAGS_HEADER] ?? '').split(',').filter(Boolean)];
    const entry = { value, version, tags, lastModified: Date.now(), cacheControl: ctx.cacheControl, size: key.length + sizeOf(value) };
    (isMissing(value) ? missing : pages).set(key, entry);
  }

  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of typeof tags === 'string' ? [tags] : tags) this.cache.tagsExpiredAt.set(tag, now);
  }

  tagExpired(entry) {
    for (const tag of entry.tags) {
      const expiredAt = this.cache.tagsExpiredAt.get(tag);
      if (expiredAt !== undefined && expiredAt >= entry.lastModified) return true;
    }
    return false;
  }

  resetRequestCache() {}
}
