import { feedHandler, feedStaticParams } from '@/app/[locale]/feed-handler';

export const dynamic = 'force-static';
export const revalidate = 300;
export const dynamicParams = false;

export const generateStaticParams = feedStaticParams;
export const GET = feedHandler('rss');
