import { deskLocale, deskTranslations } from '@/app/desk/session';
import { PresenceStatus } from '@/app/desk/stories/PresenceStatus';
import type { DeskUser } from '@/lib/desk/accounts';
import { deskStore, prepareDesk } from '@/lib/desk/auth';
import { PRESENCE_HEARTBEAT_MS, seeStory } from '@/lib/desk/presence';
import { language } from '@/i18n/languages';
import '@/app/desk/history.css';

/**
 * Who else has this story open, on its edit page: the viewer is recorded as the page is served, so
 * the list is in the HTML (it shows without JavaScript, as of the page load); the script of
 * PresenceStatus then keeps it current with a heartbeat.
 */
export async function StoryPresence({ user, file }: { user: DeskUser; file: string }) {
  const t = await deskTranslations();
  await prepareDesk();
  const others = await seeStory(deskStore(), user, file);
  const { intlLocale, timeZone } = language(deskLocale);
  return (
    <PresenceStatus
      file={file}
      initial={others}
      heartbeatMs={PRESENCE_HEARTBEAT_MS}
      intlLocale={intlLocale}
      timeZone={timeZone}
      text={{
        title: t('history.presence.title'),
        nobody: t('history.presence.nobody'),
        // Templates the script fills in: the desk's messages stay on the server.
        others: t('history.presence.others', { people: '{people}' }),
        person: t('history.presence.person', { who: '{who}', time: '{time}' }),
      }}
    />
  );
}
