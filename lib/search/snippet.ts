/**
 * Result snippets as HTML that is safe to put in a page: the only markup in them is `<mark>`
 * around matched words; every other character of the story's text is escaped. An engine marks
 * matches with two control characters (which no query holds and which are taken out of the text
 * before marking), then `snippetHtml` escapes everything and turns the pairs into `<mark>`.
 */

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const SENTINELS = /[\u0002\u0003]/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `text` without the sentinels (before an engine marks it). */
export function withoutSentinels(text: string): string {
  return text.replace(SENTINELS, '');
}

/** Escaped HTML of `marked`, its sentinel pairs as `<mark>`: a stray or unbalanced sentinel never leaves a tag open. */
export function snippetHtml(marked: string): string {
  let html = '';
  let open = false;
  for (const part of marked.split(/([\u0002\u0003])/)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) html += '</mark>';
      open = false;
    } else html += escapeHtml(part);
  }
  return open ? `${html}</mark>` : html;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * The passage of `text` (about `length` words) with the most distinct matched words, the matches
 * between sentinels, "…" where it is cut. `matches` says whether a word of the text is one the
 * query found (the embedded engine compares stems). Without any match (the title alone matched),
 * the text's beginning.
 */
export function markedPassage(text: string, matches: (word: string) => boolean, length = 30): string {
  const clean = withoutSentinels(text).replace(/\s+/g, ' ').trim();
  const words = [...clean.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0], hit: false }));
  const known = new Map<string, boolean>();
  for (const w of words) {
    const key = w.word.toLowerCase();
    let hit = known.get(key);
    if (hit === undefined) known.set(key, (hit = matches(w.word)));
    w.hit = hit;
  }
  // The window of `length` words holding the most distinct matches (first such window).
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.max(1, words.length - length + 1); i++) {
    if (i > 0 && !words[i]!.hit && !words[i - 1]!.hit) continue;
    const distinct = new Set(words.slice(i, i + length).filter((w) => w.hit).map((w) => w.word.toLowerCase())).size;
    if (distinct > bestScore) {
      bestScore = distinct;
      best = i;
    }
  }
  // Start a few words before the first match, so the match reads in context.
  const firstHit = words.slice(best, best + length).findIndex((w) => w.hit);
  // A full window, though: near the end, it starts earlier.
  const start = Math.max(0, Math.min(firstHit === -1 ? best : best + firstHit - 3, words.length - length));
  const window = words.slice(start, start + length);
  if (!window.length) return clean.slice(0, 200);
  const from = start === 0 ? 0 : window[0]!.start;
  const to = start + length >= words.length ? clean.length : window.at(-1)!.end;
  let out = '';
  let at = from;
  for (const w of window) {
    if (!w.hit) continue;
    out += clean.slice(at, w.start) + MARK_START + w.word + MARK_END;
    at = w.end;
  }
  out += clean.slice(at, to);
  return `${from > 0 ? '… ' : ''}${out}${to < clean.length ? ' …' : ''}`;
}
