import { mediaConfigFromEnv, type MediaConfig } from '@/lib/media/store';

// One per process, across Next's separately bundled route modules (as lib/content/live.ts keeps its store).
const KEY = Symbol.for('kabar-kini.media');
type Holder = { [KEY]?: MediaConfig };

/** The media store and derivative cache this process serves from (lib/media/store.ts mediaConfigFromEnv). */
export function liveMedia(): MediaConfig {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= mediaConfigFromEnv());
}
