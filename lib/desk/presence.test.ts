import { describe, expect, it } from 'vitest';
import { openSqliteDeskStore } from '@/lib/desk/sqlite-store';
import { PRESENCE_HEARTBEAT_MS, PRESENCE_WINDOW_MS, seeStory } from '@/lib/desk/presence';

describe('who else has a story open', () => {
  it('shows the others seen within the window, never yourself, by name and address', async () => {
    const store = openSqliteDeskStore(':memory:', {});
    const ayu = { email: 'ayu@kabar.test', name: 'Ayu Lestari' };
    const budi = { email: 'budi@kabar.test', name: 'budi@kabar.test' };
    expect(await seeStory(store, ayu, 'id/ai.md', 1_000)).toEqual([]);
    expect(await seeStory(store, budi, 'id/ai.md', 2_000)).toEqual([{ who: 'Ayu Lestari (ayu@kabar.test)', email: 'ayu@kabar.test', since: 1_000 }]);
    // Ayu's heartbeat: she sees Budi, by his address alone (his name is his address).
    expect(await seeStory(store, ayu, 'id/ai.md', 1_000 + PRESENCE_HEARTBEAT_MS)).toEqual([{ who: 'budi@kabar.test', email: 'budi@kabar.test', since: 2_000 }]);
    expect(await seeStory(store, ayu, 'en/ai.md', 20_000), 'another language version is another story').toEqual([]);
    // Budi closed the tab: once three heartbeats are missed, he is no longer shown.
    expect(await seeStory(store, ayu, 'id/ai.md', 2_000 + PRESENCE_WINDOW_MS + 1)).toEqual([]);
    await store.close();
  });
});
