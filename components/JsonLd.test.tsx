import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonLd } from '@/components/JsonLd';
import type { JsonLdDocument } from '@/lib/seo/structured-data';

const hostile = '</script><script>alert(1)</script> & <!-- \u2028 \u2029 "quotes"';

/** The element's JSON, once it is certain the output is exactly one script element. */
function scriptJson(html: string): string {
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html.match(/<\/script>/g)).toHaveLength(1);
  expect(html).not.toMatch(/[\u2028\u2029]/);
  return /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(html)![1]!;
}

describe('JsonLd', () => {
  it('renders one script element that a hostile headline cannot end, and that parses back to the data', () => {
    const data: JsonLdDocument = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: hostile };
    expect(JSON.parse(scriptJson(renderToStaticMarkup(<JsonLd data={data} />)))).toEqual(data);
  });

  it('does the same for a graph, with the hostile text deep inside it', () => {
    const data: JsonLdDocument = {
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebSite', name: 'Kabar Kini', description: hostile }, { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: hostile }] }],
    };
    expect(JSON.parse(scriptJson(renderToStaticMarkup(<JsonLd data={data} />)))).toEqual(data);
  });
});
