import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFrontMatter } from '../../lib/content/front-matter.mjs';

/** An article's front matter as the build read it (the e2e build's CONTENT_DIR). */
export function readArticleFile(locale: string, slug: string): Record<string, unknown> & { title: string; summary: string; tags: string[]; section: string; publishedAt: string; updatedAt: string } {
  const dir = process.env.E2E_CONTENT_DIR ?? path.resolve(__dirname, '../../content');
  return readFrontMatter(readFileSync(path.join(dir, locale, `${slug}.md`), 'utf8')).data as ReturnType<typeof readArticleFile>;
}
