import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeskHeader } from '@/app/desk/DeskHeader';
import { deskTranslations, requireDeskUser } from '@/app/desk/session';
import { StoryEditor } from '@/app/desk/stories/StoryEditor';
import { loadStoryEditor } from '@/app/desk/stories/load';
import { StoryPresence } from '@/app/desk/stories/StoryPresence';
import { StoryPreview } from '@/app/desk/stories/StoryPreview';
import { parseStoryFile } from '@/lib/desk/story-actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await deskTranslations();
  return { title: t('edit.editTitle') };
}

/** One language version of a stored story, by its file in the content store ("locale/slug.md"). */
export default async function EditStoryPage({ params, searchParams }: PageProps<'/desk/stories/[locale]/[slug]/edit'>) {
  const user = await requireDeskUser('draft.write');
  const { locale, slug } = await params;
  const file = `${locale}/${slug}.md`;
  if (!parseStoryFile(file)) notFound();
  const t = await deskTranslations();
  const props = await loadStoryEditor(user, file, await searchParams);
  return (
    <>
      <DeskHeader user={user} />
      <main id="main" className="desk-main desk-main-preview" aria-label={t('title')}>
        <h1>{t('edit.editTitle')}</h1>
        <StoryPresence user={user} file={file} />
        <div className="desk-edit-layout">
          <div className="desk-edit-form">
            <StoryEditor user={user} {...props} />
          </div>
          <StoryPreview file={file} {...(props.state ? { state: props.state } : {})} />
        </div>
      </main>
    </>
  );
}
