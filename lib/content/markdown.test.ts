import { describe, expect, it } from 'vitest';
import { markdownToPlainText, renderMarkdown } from '@/lib/content/markdown';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis and safe links', () => {
    const html = renderMarkdown('Halo *dunia*.\n\n[Cnbc](https://www.cnbc.com/x)');
    expect(html).toContain('<p>Halo <em>dunia</em>.</p>');
    expect(html).toContain('<a href="https://www.cnbc.com/x" rel="noopener noreferrer nofollow">Cnbc</a>');
  });

  it.each([
    ['a script element', '<script>alert(1)</script>', '<script'],
    ['an event handler', '<img src=x onerror="alert(1)">', '<img'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', '<iframe'],
    ['a form', '<form action="https://evil.example"><input></form>', '<form'],
  ])('escapes raw HTML: %s', (_name, source, forbidden) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain(forbidden);
    expect(html).toContain('&lt;');
  });

  it.each([
    ['javascript:', '[klik](javascript:alert(1))'],
    ['JaVaScRiPt: with spaces', '[klik]( JaVaScRiPt:alert(1) )'],
    ['data:', '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript:', '[klik](vbscript:msgbox(1))'],
    ['protocol-relative', '[klik](//evil.example/x)'],
  ])('does not link %s URLs', (_name, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<a /);
  });

  it('drops data: images', () => {
    expect(renderMarkdown('![x](data:image/svg+xml;base64,AAAA)')).not.toContain('<img');
  });

  it('gives plain text for descriptions', () => {
    expect(markdownToPlainText('Halo **dunia** & <b>semua</b>')).toBe('Halo dunia & <b>semua</b>');
  });
});
