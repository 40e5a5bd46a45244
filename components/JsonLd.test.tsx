import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonLd } from '@/components/JsonLd';

describe('JsonLd', () => {
  it('renders one script element that a hostile headline cannot end, and that parses back to the data', () => {
    const data = { '@type': 'NewsArticle', headline: '</script><script>alert(1)</script> & <!-- \u2028 \u2029 "quotes"' };
    const html = renderToStaticMarkup(<JsonLd data={data} />);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/[\u2028\u2029]/);
    const json = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(data);
  });
});
