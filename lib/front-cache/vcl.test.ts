import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { language, locales } from '@/i18n/languages';

// deploy/varnish/default.vcl cannot read the language files: the search page's path segments are
// written there by hand. This keeps them in step (a new language with its own word for "search").
const vcl = readFileSync(path.resolve(__dirname, '../../deploy/varnish/default.vcl'), 'utf8');

describe('the front cache keeps the search page’s query', () => {
  it('for every language’s search path segment, and the internal one', () => {
    const rule = /req\.url ~ "\^\/\[\^\/\?\]\+\/\(([^)]+)\)\\\?"/.exec(vcl);
    expect(rule, 'the search rule of sub kabar_cache_key').toBeTruthy();
    const segments = rule![1]!.split('|');
    for (const locale of locales) expect(segments).toContain(language(locale).paths.search);
    expect(segments).toContain('search');
  });
});
