import type { Metadata } from 'next';
import { HomeList, homeListMetadata, lookupHome } from '@/app/[locale]/list-routes';

export const revalidate = 300;

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  return homeListMetadata(await lookupHome(params));
}

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  return <HomeList found={await lookupHome(params)} />;
}
