import type { DeskUser } from '@/lib/desk/accounts';
import type { DeskStore, StoryPresence } from '@/lib/desk/store';

/**
 * "Who else has this story open" (as WordPress shows on a post being edited): the edit page
 * records its viewer when it is served, and a small script on it repeats that every
 * PRESENCE_HEARTBEAT_MS (POST /api/desk/presence); anyone seen within PRESENCE_WINDOW_MS (three
 * heartbeats, so one late or lost beat does not make someone vanish) is shown as having it open.
 */
export const PRESENCE_HEARTBEAT_MS = 15_000;
export const PRESENCE_WINDOW_MS = 45_000;

/** What the page shows of another person: nothing but who and since when. */
export interface PresentPerson {
  who: string;
  email: string;
  since: number;
}

const whoOf = (p: Pick<StoryPresence, 'name' | 'email'>) => (p.name && p.name !== p.email ? `${p.name} (${p.email})` : p.email);

/** Records `user` on `file` now, and answers with everyone else seen there within the window. */
export async function seeStory(store: Pick<DeskStore, 'touchPresence' | 'listPresence'>, user: Pick<DeskUser, 'email' | 'name'>, file: string, now = Date.now()): Promise<PresentPerson[]> {
  await store.touchPresence({ file, email: user.email, name: user.name, at: now, gapMs: PRESENCE_WINDOW_MS });
  const present = await store.listPresence(file, now - PRESENCE_WINDOW_MS);
  return present.filter((p) => p.email !== user.email).map((p) => ({ who: whoOf(p), email: p.email, since: p.since }));
}
