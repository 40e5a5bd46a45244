import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readFrontMatter, setFrontMatterField } from '@/lib/content/front-matter.mjs';
import { isImageReference } from '@/lib/content/schema';
import { inspectPhoto, PhotoRefusal, type InspectedPhoto } from '@/lib/media/inspect';
import type { MediaLimits } from '@/lib/media/limits';
import { prepareVariants } from '@/lib/media/serve';
import type { MediaConfig } from '@/lib/media/store';
import { MEDIA_SCHEME } from '@/lib/media/variants';
import { PublishFailure, type PublishInput } from '@/lib/publish/plan';

/**
 * `npm run publish` with a photo file named in the front matter (`image.src: ./photo.jpg`, a path
 * relative to the story file): every photo is checked first (lib/media/inspect.ts), so one
 * refused photo stores nothing at all; then the originals are kept and each story's source says
 * `src: media:<hash>` with the photo's upright width and height. The stories then go through the
 * one publish path like any other.
 */

export interface StoryPhoto {
  input: PublishInput;
  photo?: { inspected: InspectedPhoto; bytes: Buffer; focus?: { x: number; y: number } };
}

/** Reads and checks the photo each story names; throws PublishFailure (exit 1) naming the story, the field and the problem. */
export async function checkStoryPhotos(inputs: readonly PublishInput[], limits?: MediaLimits): Promise<StoryPhoto[]> {
  const out: StoryPhoto[] = [];
  for (const input of inputs) {
    let image: Record<string, unknown> | undefined;
    try {
      image = readFrontMatter(input.source).data.image as Record<string, unknown> | undefined;
    } catch {
      out.push({ input }); // the publish reports the front matter's problem, with the file's name
      continue;
    }
    const src = image && typeof image === 'object' ? image.src : undefined;
    if (typeof src !== 'string' || !src.trim() || isImageReference(src)) {
      out.push({ input });
      continue;
    }
    const file = path.resolve(path.dirname(input.name), src);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new PublishFailure(`${input.name}: image.src: cannot read the photo "${src}" (${file}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. The path is relative to the story file. Nothing was changed.`, 1);
    }
    try {
      const inspected = await inspectPhoto(bytes, limits);
      const focus = image!.focus as { x: number; y: number } | undefined;
      out.push({ input, photo: { inspected, bytes, focus } });
    } catch (error) {
      if (error instanceof PhotoRefusal) throw new PublishFailure(`${input.name}: image.src: the photo "${src}" is refused: ${error.message} Nothing was changed.`, 1);
      throw error;
    }
  }
  return out;
}

/** Keeps the checked originals and returns the stories' sources naming them (`media:<hash>`, width, height). */
export async function storeStoryPhotos(config: MediaConfig, checked: readonly StoryPhoto[]): Promise<PublishInput[]> {
  const inputs: PublishInput[] = [];
  for (const { input, photo } of checked) {
    if (!photo) {
      inputs.push(input);
      continue;
    }
    await config.store.putOriginal(photo.inspected, photo.bytes);
    const image = readFrontMatter(input.source).data.image as Record<string, unknown>;
    const stored = { ...image, src: `${MEDIA_SCHEME}${photo.inspected.hash}`, width: photo.inspected.width, height: photo.inspected.height };
    inputs.push({ name: input.name, source: setFrontMatterField(input.source, 'image', stored) });
  }
  return inputs;
}

/** Makes the derivatives the published stories' pages name, so no reader waits for one. */
export async function prepareStoryPhotos(config: MediaConfig, checked: readonly StoryPhoto[]): Promise<number> {
  let made = 0;
  for (const { photo } of checked) if (photo) made += await prepareVariants(config, photo.inspected.hash, photo.focus);
  return made;
}
