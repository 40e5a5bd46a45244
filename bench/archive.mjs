// Generated archives for benchmarks: N stories in two languages, with valid front matter, spread
// over the sections and over time. Deterministic, so two runs of the same size read the same content.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SECTIONS = ['technology', 'world', 'business'];
const WORDS = {
  id: 'pemerintah rencana kerja sama teknologi kecerdasan buatan ekonomi dunia pasar investasi energi data pusat negara kebijakan regulasi industri digital'.split(' '),
  en: 'government plan cooperation technology artificial intelligence economy world market investment energy data centre country policy regulation industry digital'.split(' '),
};
const SOURCE = { name: 'Cnbc', url: 'https://www.cnbc.com/' };

/** Deterministic words, so that two runs of the same size build the same content. */
function words(locale, seed, count) {
  const list = WORDS[locale];
  let out = [];
  for (let i = 0; i < count; i++) out.push(list[(seed * 7 + i * 13 + (i * i) % 11) % list.length]);
  return out.join(' ');
}

/** An ISO date with the newsroom's offset (+07:00), `hoursAgo` before a fixed instant. */
function wib(hoursAgo) {
  const t = new Date(Date.UTC(2025, 6, 31, 3, 0, 0) - hoursAgo * 3_600_000 + 7 * 3_600_000);
  return t.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

export function story(locale, i) {
  const title = `${locale === 'id' ? 'Berita' : 'Story'} ${i}: ${words(locale, i, 8)}`;
  const slug = `${locale === 'id' ? 'berita' : 'story'}-${i}-${words(locale, i, 3).replace(/ /g, '-')}`;
  const section = SECTIONS[i % SECTIONS.length];
  // Stories every three hours, newest first: 10,000 stories go back about three and a half years.
  const publishedAt = wib(i * 3);
  const updatedAt = wib(i * 3 - (i % 4 === 0 ? 1 : 0));
  const paragraphs = Array.from({ length: 6 }, (_, p) => `${words(locale, i + p, 40)}.`).join('\n\n');
  const front = [
    '---',
    `translationId: archive-story-${i}`,
    `slug: ${slug}`,
    `locale: ${locale}`,
    `title: ${JSON.stringify(title)}`,
    `summary: ${JSON.stringify(`${words(locale, i + 1, 25)}.`)}`,
    `section: ${section}`,
    `publishedAt: "${publishedAt}"`,
    `updatedAt: "${updatedAt}"`,
    ...(i % 5 === 0 ? [`author: ${locale === 'id' ? 'Redaksi Kabar Kini' : 'Kabar Kini Staff'}`] : []),
    'source:',
    `  name: ${SOURCE.name}`,
    `  url: ${SOURCE.url}`,
    `tags: [${words(locale, i, 2).replace(/ /g, ', ')}]`,
    'status: published',
    '---',
  ].join('\n');
  return { slug, file: `${front}\n${paragraphs}\n` };
}

export function generate(dir, n) {
  const slugs = { id: [], en: [] };
  for (const locale of ['id', 'en']) {
    mkdirSync(path.join(dir, locale), { recursive: true });
    for (let i = 0; i < n; i++) {
      const { slug, file } = story(locale, i);
      writeFileSync(path.join(dir, locale, `${slug}.md`), file);
      slugs[locale].push(slug);
    }
  }
  return slugs;
}

