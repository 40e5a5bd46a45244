import type { Metadata } from 'next';
import { messagesFor } from '@/i18n/messages';
import { defaultLocale, fallbackLocale, siteName } from '@/lib/site';
import { homePath } from '@/lib/urls';
import './[locale]/globals.css';

// Reached only for paths that match no route at all (outside /id and /en, past proxy.ts):
// the site's first language, with the English fallback beside it.
const id = messagesFor(defaultLocale).NotFound;
const en = messagesFor(fallbackLocale).NotFound;

export const metadata: Metadata = { title: `${id.title} | ${siteName}`, robots: { index: false } };

export default function GlobalNotFound() {
  return (
    <html lang={defaultLocale}>
      <body>
        <main id="main" className="container not-found">
          <h1 className="page-title">{id.title}</h1>
          <p>{id.body}</p>
          <p>
            <a href={homePath(defaultLocale)}>{id.home}</a>
          </p>
          <div lang={fallbackLocale}>
            <h2>{en.title}</h2>
            <p>{en.body}</p>
            <p>
              <a href={homePath(fallbackLocale)}>{en.home}</a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
