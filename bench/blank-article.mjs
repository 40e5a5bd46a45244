// The blank Next page the article is compared with: the blank app of bench/lib.mjs (layout + page,
// same Next version), whose page carries the seed article's text (headline, lead, body paragraphs)
// in plain elements with the browser's default styles. It shows what the App Router costs for
// that text by itself; anything our article costs beyond it is ours.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { readFrontMatter } from '../lib/content/front-matter.mjs';
import { SEED, repoRoot } from './lib.mjs';

/** The seed article's headline, lead and body HTML, read from content/<locale>/<slug>.md. */
export function seedArticleText(locale = 'id') {
  const slug = SEED[locale].split('/').pop();
  const file = readFileSync(path.join(repoRoot, 'content', locale, `${slug}.md`), 'utf8');
  const { data: front, body } = readFrontMatter(file);
  return { locale, title: front.title, summary: front.summary, bodyHtml: new MarkdownIt({ html: false }).render(body) };
}

/**
 * Writes the blank app's page with the seed article's text. With `padding`, a hidden paragraph of
 * that text is added (it reaches the browser twice, as HTML and in the RSC payload, as all server
 * rendered text does): a blank page as heavy as ours, to separate "more bytes" from "more work".
 */
export function writeBlankArticlePage(dir, { locale = 'id', padding = '' } = {}) {
  const { title, summary, bodyHtml } = seedArticleText(locale);
  const page = `export default function Page() {
  return (
    <main lang=${JSON.stringify(locale)}>
      <h1>{${JSON.stringify(title)}}</h1>
      <p>{${JSON.stringify(summary)}}</p>
      <div dangerouslySetInnerHTML={{ __html: ${JSON.stringify(bodyHtml)} }} />${padding ? `\n      <p hidden>{${JSON.stringify(padding)}}</p>` : ''}
    </main>
  );
}
`;
  writeFileSync(path.join(dir, 'app/page.tsx'), page);
}
