import { articleFixture } from '@/lib/content/article-fixture';
import type { Article } from '@/lib/content/parse';

/** The seed story (content/id/tiongkok-luncurkan-rencana-kerja-sama-ai-global.md), shortened. */
export const seedStory: Article = articleFixture({
  translationId: 'china-global-ai-plan',
  slug: 'tiongkok-luncurkan-rencana-kerja-sama-ai-global',
  locale: 'id',
  title: 'Tiongkok Luncurkan Rencana Kerja Sama AI Global untuk Menandingi Inisiatif AS',
  summary: 'Tiongkok merilis rencana aksi global komprehensif untuk kecerdasan buatan pada 26 Juli 2025, dalam Konferensi Kecerdasan Buatan Dunia di Shanghai.',
  section: 'technology',
  publishedAt: '2025-07-26T10:00:00+07:00',
  updatedAt: '2025-07-26T10:00:00+07:00',
  source: { name: 'Cnbc' },
  tags: ['kecerdasan-buatan', 'tiongkok', 'amerika-serikat'],
  file: 'id/tiongkok-luncurkan-rencana-kerja-sama-ai-global.md',
  body: 'Tiongkok memposisikan diri sebagai pelopor pengembangan AI yang inklusif.\n\nRencana yang diumumkan oleh Perdana Menteri Li Qiang ini menyerukan kerja sama internasional.',
});

/** Its English version (content/en/china-launches-global-ai-cooperation-plan-to-rival-us-initiative.md). */
export const seedStoryEn: Article = articleFixture({
  ...seedStory,
  slug: 'china-launches-global-ai-cooperation-plan-to-rival-us-initiative',
  locale: 'en',
  title: 'China Launches Global AI Cooperation Plan to Rival US Initiative',
  summary: 'China released a comprehensive global action plan for artificial intelligence on July 26, 2025, at the World Artificial Intelligence Conference in Shanghai.',
  tags: ['artificial-intelligence', 'china', 'united-states'],
  file: 'en/china-launches-global-ai-cooperation-plan-to-rival-us-initiative.md',
  body: 'China positioned itself as a leader of inclusive AI development.',
});

/**
 * "Latest News" under the seed story, newest first, as getLatestArticles gives it to a reader of
 * either language: two more stories from content/, one only in English, one only in Indonesian here.
 */
export const latestNewsUnderSeed: Article[] = [
  articleFixture({
    translationId: 'eric-schmidt-us-china-cooperation',
    slug: 'eric-schmidt-urges-us-china-cooperation-on-ai',
    locale: 'en',
    title: 'Former Google CEO Eric Schmidt Urges the US and China to Work Together on AI',
    summary: 'Former Google CEO Eric Schmidt called for international collaboration, saying the United States and China should work together.',
    section: 'world',
    publishedAt: '2025-07-29T16:00:00+07:00',
    updatedAt: '2025-07-29T16:00:00+07:00',
    file: 'en/eric-schmidt-urges-us-china-cooperation-on-ai.md',
  }),
  articleFixture({
    translationId: 'us-ai-action-plan-launch',
    slug: 'trump-luncurkan-rencana-aksi-ai-amerika',
    locale: 'id',
    title: 'Trump Luncurkan Rencana Aksi AI Amerika dengan Lebih dari 90 Aksi Kebijakan Federal',
    summary: 'Presiden AS Donald Trump meluncurkan Rencana Aksi AI Amerika pada 23 Juli.',
    section: 'world',
    publishedAt: '2025-07-23T19:45:00+07:00',
    updatedAt: '2025-07-23T19:45:00+07:00',
    file: 'id/trump-luncurkan-rencana-aksi-ai-amerika.md',
  }),
];
