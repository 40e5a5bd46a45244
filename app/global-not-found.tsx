import type { Metadata } from 'next';
import { messagesFor } from '@/i18n/messages';
import { siteName } from '@/lib/site';
import { defaultLocale, fallbackLocale } from '@/i18n/languages';
import { homePath } from '@/lib/urls';
import './[locale]/globals.css';

// Reached only for paths that match no route at all (outside /id and /en, past proxy.ts):
// the site's first language, with the fallback language beside it.
const first = messagesFor(defaultLocale).NotFound;
const fallback = messagesFor(fallbackLocale).NotFound;

export const metadata: Metadata = { title: `${first.title} | ${siteName}`, robots: { index: false } };

export default function GlobalNotFound() {
  return (
    <html lang={defaultLocale}>
      <body>
        <main id="main" className="container not-found">
          <h1 className="page-title">{first.title}</h1>
          <p>{first.body}</p>
          <p>
            <a href={homePath(defaultLocale)}>{first.home}</a>
          </p>
          <div lang={fallbackLocale}>
            <h2>{fallback.title}</h2>
            <p>{fallback.body}</p>
            <p>
              <a href={homePath(fallbackLocale)}>{fallback.home}</a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
