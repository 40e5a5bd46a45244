import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The seed article, as the reader should see it: taken from the seed page (a copy of shared/seed), not from content/. */
export const SEED_PATH = '/id/berita/tiongkok-luncurkan-rencana-kerja-sama-ai-global';
export const SEED_EN_PATH = '/en/news/china-launches-global-ai-cooperation-plan-to-rival-us-initiative';
/** A story that exists only in Indonesian, and one only in English. */
export const ID_ONLY_SLUG = 'dua-pendekatan-berbeda-rencana-ai-as-dan-tiongkok';
export const EN_ONLY_SLUG = 'eric-schmidt-urges-us-china-cooperation-on-ai';
/** Drafts in the content (one per language, one story) and a draft fixture that exists only in Indonesian. */
export const DRAFTS = {
  id: { file: 'id/draf-penjelasan-tata-kelola-ai.md', path: '/id/berita/draf-penjelasan-tata-kelola-ai', slug: 'draf-penjelasan-tata-kelola-ai' },
  en: { file: 'en/draft-what-global-ai-governance-means.md', path: '/en/news/draft-what-global-ai-governance-means', slug: 'draft-what-global-ai-governance-means' },
} as const;
export const ID_ONLY_DRAFT = { file: 'id/fixture-draf-hanya-indonesia.md', slug: 'fixture-draf-hanya-indonesia' };

export function seedPage() {
  const text = readFileSync(path.resolve(__dirname, '../fixtures/seed/000_de59bf0bf33f27ad.txt'), 'utf8');
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  // menu, close, headline, lead, headline again, body…, "Source: Cnbc", "Latest News"
  const headline = lines[2]!;
  const lead = lines[3]!;
  const bodyStart = lines.indexOf(headline, 4) + 1;
  const sourceLine = lines.findIndex((l) => l.startsWith('Source:'));
  return { headline, lead, body: lines.slice(bodyStart, sourceLine), source: lines[sourceLine]!.replace('Source: ', '') };
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/**
 * Writes a published Indonesian story (business section) into `dir` as `<slug>.md`, ready for
 * `npm run publish`, and returns its path. Dated a minute ago unless `publishedAt` says otherwise.
 */
export function writePublishedStory(
  dir: string,
  { translationId, slug, title, publishedAt = Date.now() - 60_000, updatedAt = publishedAt }: { translationId: string; slug: string; title: string; publishedAt?: number; updatedAt?: number },
): string {
  const file = path.join(dir, `${slug}.md`);
  writeFileSync(
    file,
    `---\ntranslationId: ${translationId}\nslug: ${slug}\nlocale: id\ntitle: "${title}"\nsummary: "Ringkasan ${title}."\nsection: business\npublishedAt: "${isoSeconds(publishedAt)}"\nupdatedAt: "${isoSeconds(updatedAt)}"\nsource:\n  name: Cnbc\ntags: [uji]\nstatus: published\n---\nIsi berita ${title}.\n`,
  );
  return file;
}
