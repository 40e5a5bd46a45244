// The blank Next page the article is compared with: the blank app of bench/lib.mjs (layout + page,
// same Next version), whose page carries the seed article's text (headline, lead, body paragraphs)
// in plain elements with the browser's default styles. It shows what the App Router costs for
// that text by itself; anything our article costs beyond it is ours.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Adds the blank app's /photo page: the seed article's text with a lead photo as `next/image`
 * serves it. The file goes into the blank app's public/ and `<Image priority>` names it, so the
 * page's srcset points at the app's own image optimiser (/_next/image, WebP at quality 75 by
 * default, resized to the deviceSizes width the browser picks for `sizes`), the way a Next site
 * ships a photo out of the box. `sizes`, width and height are the article's, so both pages ask
 * for the same slot; the caption and credit are plain text in a <figure> as in ours.
 */
export function writeBlankPhotoPage(dir, { locale = 'id', photo, width, height, sizes, alt, caption, credit }) {
  const { title, summary, bodyHtml } = seedArticleText(locale);
  const name = `photo${path.extname(photo).toLowerCase()}`;
  mkdirSync(path.join(dir, 'public'), { recursive: true });
  copyFileSync(photo, path.join(dir, 'public', name));
  mkdirSync(path.join(dir, 'app', 'photo'), { recursive: true });
  const page = `import Image from 'next/image';

export default function Page() {
  return (
    <main lang=${JSON.stringify(locale)}>
      <h1>{${JSON.stringify(title)}}</h1>
      <p>{${JSON.stringify(summary)}}</p>
      <figure style={{ margin: 0 }}>
        <Image src=${JSON.stringify(`/${name}`)} alt={${JSON.stringify(alt)}} width={${width}} height={${height}} sizes={${JSON.stringify(sizes)}} priority style={{ width: '100%', height: 'auto' }} />
        <figcaption>{${JSON.stringify(`${caption} ${credit}`)}}</figcaption>
      </figure>
      <div dangerouslySetInnerHTML={{ __html: ${JSON.stringify(bodyHtml)} }} />
    </main>
  );
}
`;
  writeFileSync(path.join(dir, 'app', 'photo', 'page.tsx'), page);
  return '/photo';
}
