import type { Article } from '@/lib/content/parse';
import { photoRefOf } from '@/lib/media/picture';
import type { NamedFocuses } from '@/lib/media/serve';
import { roundFocus, sameFocus, type Focus } from '@/lib/media/variants';

// One map per list of stories (a snapshot's published index is replaced, never changed in place),
// so the media route pays for the walk over every story once per publish, not per request.
const made = new WeakMap<readonly Pick<Article, 'image'>[], Map<string, Focus[]>>();

/**
 * The focal points the given stories (the ones readers can see) give each stored photo: the only
 * crops the media route makes. A story taken down, or one that drops a photo or moves its point,
 * stops naming those crops at once.
 */
export function publishedFocuses(stories: readonly Pick<Article, 'image'>[]): NamedFocuses {
  let byHash = made.get(stories);
  if (!byHash) {
    byHash = new Map();
    for (const story of stories) {
      const photo = photoRefOf(story.image);
      if (!photo) continue;
      const focus = roundFocus(photo.focus);
      const known = byHash.get(photo.hash) ?? [];
      if (!known.some((f) => sameFocus(f, focus))) byHash.set(photo.hash, [...known, focus]);
    }
    made.set(stories, byHash);
  }
  const found = byHash;
  return (hash) => found.get(hash) ?? [];
}
