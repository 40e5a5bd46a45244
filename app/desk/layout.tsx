import type { Metadata, Viewport } from 'next';
import { deskLocale, deskTranslations } from '@/app/desk/session';
import { siteName } from '@/lib/site';
import './desk.css';

/**
 * The desk is its own room: its own root layout (no reader header, drawer or stylesheet), outside
 * app/[locale], kept out of search engines, and served with React's client runtime (the reader
 * pages' rewrite skips /desk, lib/http/reader-html.ts). Decision 026.
 */
export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return {
    title: { default: `${t('title')} | ${siteName}`, template: `%s | ${t('title')} | ${siteName}` },
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'light dark' };

export default function DeskLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang={deskLocale}>
      <body className="desk">{children}</body>
    </html>
  );
}
