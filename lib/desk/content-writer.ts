import { contentStore, refreshContent } from '@/lib/content/live';
import { flushPurges } from '@/lib/front-cache/purge';
import path from 'node:path';
import { publishToDatabase, publishToFolder } from '@/lib/publish/apply';
import { validationCodeVersion } from '@/lib/publish/parse-memory';
import type { Change, PublishRequest } from '@/lib/publish/plan';

/**
 * The desk's way onto the publish path, in the server's own process: the same planning and
 * writing as `npm run publish` (lib/publish/apply.ts), then what the publish notification does
 * (app/api/revalidate/route.ts): the changed files are read again at once and the front cache's
 * pages are purged, so the story is on the site when the editor's page comes back.
 */
export async function publishFromDesk(request: PublishRequest, check: (sourceOf: (file: string) => string | undefined) => void): Promise<Change> {
  const url = process.env.DATABASE_URL;
  // The parse cache `npm run publish` keeps beside the stories, shared: without it every save (and an
  // autosave every few seconds) read and parsed the whole folder, about 2 s at 10,000 stories per language.
  const codeVersion = url ? undefined : validationCodeVersion(path.resolve(/*turbopackIgnore: true*/ process.cwd()));
  const change = url
    ? await publishToDatabase(url, request, { check })
    : await publishToFolder(request, { purpose: 'the desk', lockWaitMs: 10_000, check, ...(codeVersion ? { codeVersion } : {}) });
  const files = [...change.write.map((f) => f.file), ...change.remove];
  // The database's mirror may not have had this COMMIT's NOTIFY yet.
  await contentStore().catchUp?.(files);
  const result = refreshContent({ files });
  if (result.changed) await flushPurges();
  return change;
}

/** The stored source of one file of the content store, as the edit form loads it. */
export async function storedSource(file: string): Promise<string | undefined> {
  const store = contentStore();
  if (store.readSources) return (await store.readSources([file])).get(file)?.source;
  return store.read().files?.get(file);
}
