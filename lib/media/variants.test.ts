import { describe, expect, it } from 'vitest';
import { CROPS, cropRect, frameWidths, isListedVariant, listedVariants, parseVariantName, variantName } from '@/lib/media/variants';

const hash = '0123456789abcdef0123';

describe('variant names', () => {
  it('round-trip, and nothing else parses', () => {
    for (const v of listedVariants({ hash, width: 4000, height: 3000, focus: { x: 0.2, y: 0.9 } })) expect(parseVariantName(variantName(v))).toEqual(v);
    for (const bad of [hash, `${hash}.jpg`, `${hash}-640.gif`, `${hash}-16x9-101-0-1200.jpg`, `../${hash}-640.jpg`, `${hash}-2x1-50-50-640.jpg`]) expect(parseVariantName(bad), bad).toBeUndefined();
  });

  it('never upscale: a 1000 px photo has frames up to 1000 px and a 1000 px square at most', () => {
    expect(frameWidths({ width: 1000, height: 1600 })).toEqual([320, 480, 640, 800, 1000]);
    expect(frameWidths({ width: 6000, height: 4000 })).toEqual([320, 480, 640, 800, 1024, 1280, 1600, 2048]);
    const photo = { hash, width: 1000, height: 1600 };
    expect(isListedVariant(photo, { hash, focus: { x: 0.5, y: 0.5 }, width: 1280, format: 'avif' })).toBe(false);
    expect(isListedVariant(photo, { hash, crop: '1x1', focus: { x: 0.5, y: 0.5 }, width: 1000, format: 'jpeg' })).toBe(true);
    expect(isListedVariant(photo, { hash, crop: '1x1', focus: { x: 0.5, y: 0.5 }, width: 1200, format: 'jpeg' })).toBe(false);
    const focused = { ...photo, focus: { x: 0.2, y: 0.9 } };
    expect(isListedVariant(focused, { hash, crop: '1x1', focus: { x: 0.2, y: 0.9 }, width: 1000, format: 'jpeg' }), 'its own focal point').toBe(true);
    expect(isListedVariant(focused, { hash, crop: '1x1', focus: { x: 0.5, y: 0.5 }, width: 1000, format: 'jpeg' }), 'another focal point').toBe(false);
    expect(isListedVariant(photo, { hash, crop: '1x1', focus: { x: 0.99, y: 0.99 }, width: 1000, format: 'jpeg' }), 'no focal point set: the centre only').toBe(false);
  });
});

describe('cropRect', () => {
  it('keeps the focal point inside every crop, as centred as the edges allow', () => {
    for (const [width, height] of [[4000, 3000], [1000, 1600], [1200, 1200]] as const) {
      for (const ratio of Object.values(CROPS)) {
        for (const focus of [{ x: 0, y: 0 }, { x: 0.9, y: 0.1 }, { x: 0.5, y: 0.5 }, { x: 1, y: 1 }]) {
          const r = cropRect(width, height, ratio, focus);
          expect(Math.abs(r.width / r.height - ratio)).toBeLessThan(0.01);
          expect(r.left + r.width).toBeLessThanOrEqual(width);
          expect(r.top + r.height).toBeLessThanOrEqual(height);
          expect(focus.x * width).toBeGreaterThanOrEqual(r.left);
          expect(focus.x * width).toBeLessThanOrEqual(r.left + r.width);
          expect(focus.y * height).toBeGreaterThanOrEqual(r.top);
          expect(focus.y * height).toBeLessThanOrEqual(r.top + r.height);
        }
      }
    }
    expect(cropRect(4000, 3000, 1, { x: 0.9, y: 0.5 }), 'a face on the right stays centred in the square').toEqual({ left: 1000, top: 0, width: 3000, height: 3000 });
  });
});

describe('what pages name is what the route makes', () => {
  it('every candidate of every picture and every crop is a listed variant, for large, small and portrait photos', async () => {
    const { cropJpeg, framePicture, thumbnailPicture, widePicture } = await import('@/lib/media/picture');
    for (const [width, height] of [[6000, 4000], [1000, 1600], [500, 300]] as const) {
      const photo = { hash, width, height, focus: { x: 0.33, y: 0.8 } };
      const names = [framePicture(photo), thumbnailPicture(photo), widePicture(photo)]
        .flatMap((p) => [p.avif, p.webp, p.jpeg].flatMap((set) => set.split(', ').map((c) => c.split(' ')[0]!)).concat(p.fallback))
        .concat((['16x9', '4x3', '1x1', '191x100'] as const).map((crop) => cropJpeg(photo, crop).url));
      const listed = new Set(listedVariants(photo).map(variantName));
      for (const url of names) {
        const v = parseVariantName(url.replace('/media/', ''));
        expect(v && isListedVariant(photo, v), `${width}×${height}: ${url}`).toBe(true);
        expect(listed.has(url.replace('/media/', '')), `${url} is made at publish`).toBe(true);
      }
    }
  });
});
