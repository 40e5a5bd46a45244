import { deskLocale, deskTranslations } from '@/app/desk/session';
import { StoryAutosaveClient, type AutosaveText } from '@/app/desk/stories/StoryAutosaveClient';
import { STORY_FIELDS } from '@/lib/desk/story-form';
import { language } from '@/i18n/languages';

/**
 * Autosave for the story form, mounted inside it: the text in the desk's language for the client
 * leaf that does the work (StoryAutosaveClient). Drafts only (a new story, or a stored draft): on a
 * live or scheduled story, saving a draft would take it off the site.
 */
export async function StoryAutosave({ file, enabled }: { file: string; enabled: boolean }) {
  if (!enabled) return null;
  const t = await deskTranslations();
  const { intlLocale, timeZone } = language(deskLocale);
  const keys = ['on', 'saving', 'saved', 'invalid', 'conflict', 'failed', 'offline', 'signedOut', 'live', 'kept', 'restore', 'discard', 'restored'] as const;
  const text = Object.fromEntries(keys.map((k) => [k, t.raw(`autosave.${k}`) as string])) as Omit<AutosaveText, 'fields'>;
  const fields = Object.fromEntries(STORY_FIELDS.map((f) => [f, t(`edit.fields.${f}`)]));
  return <StoryAutosaveClient file={file} text={{ ...text, fields }} intlLocale={intlLocale} timeZone={timeZone} />;
}
