import { serializeJsonLd, type JsonLdDocument } from '@/lib/seo/structured-data';

/** Structured data for search engines, serialised so that no value can end the script element. */
export function JsonLd({ data }: { data: JsonLdDocument }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
