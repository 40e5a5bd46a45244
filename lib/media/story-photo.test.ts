import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticle } from '@/lib/content/parse';
import { checkStoryPhotos, storeStoryPhotos } from '@/lib/media/story-photo';
import { DerivedCache, FolderMediaStore } from '@/lib/media/store';
import { cameraJpeg, TEXT_AS_JPEG } from '@/lib/media/test-photos';

const dir = mkdtempSync(path.join(tmpdir(), 'story-photo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const story = (src: string) => `---
translationId: pasar-terapung
slug: pasar-terapung
locale: id
title: Pasar terapung
summary: Ringkasan.
section: technology
publishedAt: "2025-07-26T10:00:00+07:00"
updatedAt: "2025-07-26T10:00:00+07:00"
source:
  name: Kabar Kini
image:
  src: ${src}
  alt: Pedagang di atas perahu
  credit: "Foto: Dewi"
  focus: { x: 0.25, y: 0.2 }
status: published
---
Isi.
`;

describe('a photo file named by a story', () => {
  it('is checked, kept, and named as media:<hash> with its upright size', async () => {
    writeFileSync(path.join(dir, 'kamera.jpg'), await cameraJpeg());
    const name = path.join(dir, 'pasar.md');
    const config = { store: new FolderMediaStore(path.join(dir, 'media')), cache: new DerivedCache(path.join(dir, 'media', 'derived'), 1e8) };
    const checked = await checkStoryPhotos([{ name, source: story('./kamera.jpg') }]);
    const [input] = await storeStoryPhotos(config, checked);
    const article = parseArticle('id/pasar-terapung.md', input!.source);
    expect(article.image).toMatchObject({ src: `media:${checked[0]!.photo!.inspected.hash}`, width: 1000, height: 1600, focus: { x: 0.25, y: 0.2 }, credit: 'Foto: Dewi' });
    expect(readdirSync(path.join(dir, 'media', 'originals'))).toHaveLength(2);
  });

  it('refused: the message names the story, the field and the problem, and nothing is kept', async () => {
    writeFileSync(path.join(dir, 'teks.jpg'), TEXT_AS_JPEG);
    const name = path.join(dir, 'teks.md');
    await expect(checkStoryPhotos([{ name, source: story('teks.jpg') }])).rejects.toThrow(`${name}: image.src: the photo "teks.jpg" is refused: The file is not a JPEG, PNG, WebP or AVIF image`);
    await expect(checkStoryPhotos([{ name, source: story('./hilang.jpg') }])).rejects.toThrow(/image\.src: cannot read the photo "\.\/hilang\.jpg".*ENOENT.*relative to the story file/);
  });

  it('a path that reaches the content store unstored is refused by the schema, naming the command', () => {
    expect(() => parseArticle('id/x.md', story('./kamera.jpg'))).toThrow(/image\.src.*npm run publish/);
    expect(parseArticle('id/x.md', story('/images/x.jpg')).image?.src).toBe('/images/x.jpg');
    expect(() => parseArticle('id/x.md', story('media:0123456789abcdef0123').replace('x: 0.25', 'x: 1.5'))).toThrow(/field "image\.focus\.x" must be from 0 \(left\) to 1 \(right\)/);
  });
});
