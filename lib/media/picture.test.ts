import { describe, expect, it } from 'vitest';
import { articleFixture } from '@/lib/content/article-fixture';
import { renderAtomFeed, renderRssFeed } from '@/lib/seo/feeds';
import { newsArticleJsonLd } from '@/lib/seo/structured-data';
import { shareImagePath } from '@/lib/share-image/urls';

const hash = 'abcdefabcdefabcdef01';
const image = { src: `media:${hash}`, alt: 'Perahu', caption: '', credit: '', width: 3000, height: 2000, focus: { x: 0.7, y: 0.3 } };
const text = { title: 'Kabar Kini', description: 'Berita', sectionName: () => 'Teknologi' };

describe('a stored photo in structured data, feeds and the share card', () => {
  it('JSON-LD lists the 16:9, 4:3 and 1:1 crops at 1200 px around the focal point', () => {
    const ld = newsArticleJsonLd(articleFixture({ image }), { url: 'https://k/x', imageUrl: 'https://k/card.png', sectionName: 'Teknologi' });
    expect((ld.image as string[]).map((u) => new URL(u).pathname)).toEqual([`/media/${hash}-16x9-70-30-1200.jpg`, `/media/${hash}-4x3-70-30-1200.jpg`, `/media/${hash}-1x1-70-30-1200.jpg`]);
    expect(newsArticleJsonLd(articleFixture(), { url: 'https://k/x', imageUrl: 'https://k/card.png', sectionName: 'T' }).image, 'no photo: the card').toEqual(['https://k/card.png']);
  });

  it('RSS and Atom items carry the 16:9 crop as an enclosure', () => {
    const stories = [articleFixture({ image })];
    const url = `http://localhost:3000/media/${hash}-16x9-70-30-1200.jpg`;
    const rss = /<enclosure [^>]*>/.exec(renderRssFeed('id', stories, text))?.[0] ?? '';
    expect(rss).toContain(`url="${url}"`);
    expect(rss).toContain('type="image/jpeg"');
    const atom = /<link rel="enclosure" [^>]*>/.exec(renderAtomFeed('id', stories, text))?.[0] ?? '';
    expect(atom).toContain(`href="${url}"`);
    expect(atom).toContain('type="image/jpeg"');
    expect(renderRssFeed('id', [articleFixture()], text)).not.toContain('<enclosure');
  });

  it('a new photo or focal point is a new share card URL', () => {
    const base = articleFixture();
    const a = shareImagePath({ ...base, image });
    expect(a).not.toBe(shareImagePath(base));
    expect(shareImagePath({ ...base, image: { ...image, focus: { x: 0.2, y: 0.3 } } })).not.toBe(a);
  });
});
