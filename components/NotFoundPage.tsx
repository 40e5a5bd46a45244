import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { NotFoundView } from '@/components/NotFoundView';
import type { Locale } from '@/i18n/languages';

async function NotFoundStatus(): Promise<never> {
  notFound();
}

/**
 * What a page renders for a URL that names nothing: the localized 404 page in real HTML, and the
 * 404 status. Next 16 answers a notFound() thrown by the page itself with an empty error shell
 * (<html id="__next_error__">, the not-found boundary only in the RSC payload), which shows nothing
 * without JavaScript and has no lang. Thrown inside a Suspense boundary, after the page's own HTML,
 * it sets the status and leaves the HTML intact. See docs/decisions/005-not-found-pages.md.
 */
export function NotFoundPage({ locale, gone = false }: { locale: Locale; gone?: boolean }) {
  // A taken-down story's page is the same 404 to Next; lib/http/serve.ts answers it as 410 Gone.
  return (
    <>
      <NotFoundView locale={locale} gone={gone} />
      <Suspense fallback={null}>
        <NotFoundStatus />
      </Suspense>
    </>
  );
}
