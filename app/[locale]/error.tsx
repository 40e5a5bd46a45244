'use client';

import { ErrorPage } from '@/components/ErrorPage';

/**
 * A page under a language failed to render (the server answers 500): the error page in the page's
 * language, inside the site's frame, offering to try again and the way home. The thrown value is
 * never shown; the server's log has it (in production the browser only gets a digest).
 */
export default function LocaleError({ retry }: { error: unknown; retry: () => void }) {
  return <ErrorPage onRetry={retry} />;
}
