import { describe, expect, it } from 'vitest';
import { STORY_ACTIONS } from '@/lib/desk/story-actions';
import { STORY_FIELDS } from '@/lib/desk/story-form';
import { locales } from '@/i18n/languages';
import { messagesFor } from '@/i18n/messages';

// The desk names every field and every action in words: a key missing from every language shows
// the raw key ("Desk.edit.revisions.actions.correct") to the editor.
describe('the desk’s words for its fields and actions', () => {
  it.each(locales)('%s has a label for every story field and a verb for every story action', (locale) => {
    const desk = (messagesFor(locale) as { Desk: { edit: { fields: Record<string, string>; revisions: { actions: Record<string, string> } } } }).Desk;
    expect(STORY_FIELDS.filter((field) => !desk.edit.fields[field])).toEqual([]);
    expect(STORY_ACTIONS.filter((action) => !desk.edit.revisions.actions[action])).toEqual([]);
  });
});
