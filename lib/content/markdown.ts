import MarkdownIt from 'markdown-it';

/**
 * Article bodies are Markdown written by editors, but a body may also arrive from a feed or a
 * paste. Raw HTML is therefore never passed through: markdown-it with `html: false` escapes it,
 * and links and images are limited to http(s), mailto and same-site paths.
 */
const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#|\.{1,2}\/(?!\/))/i;

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

md.validateLink = (url: string) => SAFE_URL.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text for descriptions and feeds: no markup, collapsed spaces. */
export function markdownToPlainText(source: string): string {
  return md
    .render(source)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
