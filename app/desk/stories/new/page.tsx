import type { Metadata } from 'next';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskTranslations, requireDeskUser } from '@/app/desk/session';
import { StoryEditor } from '@/app/desk/stories/StoryEditor';
import { loadStoryEditor } from '@/app/desk/stories/load';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('edit.newTitle') };
}

/** A new story: the empty form (or, after a refused first save, what was typed and why). */
export default async function NewStoryPage({ searchParams }: PageProps<'/desk/stories/new'>) {
  const user = await requireDeskUser('draft.write');
  const t = await deskTranslations();
  const props = await loadStoryEditor(user, '', await searchParams);
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main">
        <h1>{t('edit.newTitle')}</h1>
        <StoryEditor user={user} {...props} />
      </main>
    </>
  );
}
