import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ErrorPageProvider, type ErrorPageContent } from '@/components/ErrorPage';
import { homeAlternates, siteFrameContent } from '@/components/PageShell';
import { headline } from '@/app/[locale]/fonts';
import { siteName, siteUrl } from '@/lib/site';
import { isLocale, locales, type Locale } from '@/i18n/languages';
import { feedTypes } from '@/lib/seo/metadata';
import './globals.css';

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return {
    metadataBase: siteUrl(),
    title: { default: siteName, template: `%s | ${siteName}` },
    description: t('siteDescription'),
    applicationName: siteName,
    alternates: {
      types: feedTypes(locale),
    },
    formatDetection: { telephone: false, email: false, address: false },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#121212' },
  ],
};

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale} className={headline.variable}>
      <body>
        <ErrorPageProvider content={await errorPageContent(locale)}>{children}</ErrorPageProvider>
      </body>
    </html>
  );
}

/** The error page's frame and text (app/[locale]/error.tsx renders them in the browser, with no request to read). */
async function errorPageContent(locale: Locale): Promise<ErrorPageContent> {
  const [frame, t] = await Promise.all([
    siteFrameContent(locale, { alternates: homeAlternates(locale) }),
    getTranslations({ locale, namespace: 'Error' }),
  ]);
  return { frame, text: { title: t('title'), body: t('body'), retry: t('retry'), home: t('home') } };
}
