import { parse } from 'node-html-parser';
import { describe, expect, it, vi } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { StoryList } from '@/components/StoryList';
import { serverMarkup } from '@/components/test-support/server-markup';
import { articleFixture } from '@/lib/content/article-fixture';
import { parseVariantName } from '@/lib/media/variants';

vi.mock('next-intl/server', () => import('@/components/test-support/translations'));

const hash = '0123456789abcdef0123';
const photo = { src: `media:${hash}`, alt: 'Pasar terapung di Banjarmasin', caption: 'Pedagang sayur pagi hari.', credit: 'Foto: Dewi Lestari', width: 4000, height: 3000, focus: { x: 0.3, y: 0.4 } };

describe('a stored photo on the page', () => {
  it('is the article lead: a <picture> in AVIF and WebP with sizes, a sized JPEG <img> fetched first, caption and credit', async () => {
    const page = parse(await serverMarkup(<ArticleView locale="id" article={articleFixture({ image: photo })} bodyHtml="<p>Isi.</p>" isFallback={false} latest={[]} />));
    const figure = page.querySelector('figure.article-image')!;
    const sources = figure.querySelectorAll('picture source');
    expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    for (const source of sources) {
      expect(source.getAttribute('sizes')).toBe('(min-width: 40rem) 38rem, calc(100vw - 2rem)');
      const candidates = source.getAttribute('srcset')!.split(', ');
      expect(candidates.map((c) => c.split(' ')[1])).toEqual(['320w', '480w', '640w', '800w', '1024w', '1280w', '1600w', '2048w']);
      for (const c of candidates) expect(parseVariantName(c.split(' ')[0]!.replace('/media/', ''))).toBeDefined();
    }
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`/media/${hash}-1024.jpg`);
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1024', '768']);
    expect(img.getAttribute('fetchpriority')).toBe('high');
    expect(img.getAttribute('loading')).toBeUndefined();
    expect(img.getAttribute('alt')).toBe('Pasar terapung di Banjarmasin');
    expect(figure.querySelector('figcaption')!.text).toBe('Pedagang sayur pagi hari. Foto: Dewi Lestari');
  });

  it('leaves a page without a photo as it was, and an image under public/ as a plain <img>', async () => {
    const none = parse(await serverMarkup(<ArticleView locale="id" article={articleFixture()} bodyHtml="<p>Isi.</p>" isFallback={false} latest={[]} />));
    expect(none.querySelector('figure, picture, img')).toBeNull();
    const plain = parse(await serverMarkup(<ArticleView locale="id" article={articleFixture({ image: { ...photo, src: '/images/x.jpg', focus: undefined } })} bodyHtml="<p>Isi.</p>" isFallback={false} latest={[]} />));
    expect(plain.querySelector('picture')).toBeNull();
    expect(plain.querySelector('figure img')!.getAttribute('src')).toBe('/images/x.jpg');
  });

  it('gives list items a lazy 4:3 thumbnail around the focal point, eager only on the first screen', async () => {
    const stories = [articleFixture({ translationId: 'a', slug: 'a', image: photo }), articleFixture({ translationId: 'b', slug: 'b', image: photo }), articleFixture({ translationId: 'c', slug: 'c' })];
    const list = parse(await serverMarkup(<StoryList locale="id" stories={stories} eagerThumbnails={1} />));
    const imgs = list.querySelectorAll('.story-thumb img');
    expect(imgs).toHaveLength(2);
    expect(imgs.map((i) => i.getAttribute('loading') ?? 'eager')).toEqual(['eager', 'lazy']);
    expect(imgs[0]!.getAttribute('src')).toBe(`/media/${hash}-4x3-30-40-320.jpg`);
    expect([imgs[0]!.getAttribute('width'), imgs[0]!.getAttribute('height')]).toEqual(['320', '240']);
    expect(list.querySelectorAll('li')[2]!.querySelector('img'), 'no photo, no thumbnail').toBeNull();
  });
});
