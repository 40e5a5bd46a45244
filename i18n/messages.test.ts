import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { messageKeys, messagesFor } from '@/i18n/messages';

describe('message catalogues', () => {
  it('have the same keys in Indonesian and English', () => {
    expect(messageKeys(id).sort()).toEqual(messageKeys(en).sort());
  });

  it('have no empty strings', () => {
    for (const [name, tree] of Object.entries({ id, en })) {
      const empty = messageKeys(tree).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree);
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty, `${name}.json`).toEqual([]);
    }
  });

  it('show the English text where a key is missing from id.json, not the key', () => {
    const withoutClose = structuredClone(id) as Record<string, Record<string, string>>;
    delete withoutClose.Drawer!.close;
    const messages = messagesFor('id', { id: withoutClose, en });
    const t = createTranslator({ locale: 'id', messages, namespace: 'Drawer' });
    expect(t('close')).toBe('Close');
    expect(t('menu')).toBe('Menu');
    // Keys present in Indonesian still win.
    expect(createTranslator({ locale: 'id', messages, namespace: 'LatestNews' })('title')).toBe('Berita Terbaru');
  });

  it('keep the Indonesian text where it exists', () => {
    const t = createTranslator({ locale: 'id', messages: messagesFor('id'), namespace: 'Drawer' });
    expect(t('close')).toBe('Tutup');
  });
});
