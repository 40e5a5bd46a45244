import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectPhoto, PhotoRefusal, sniffFormat } from '@/lib/media/inspect';
import { cameraJpeg, hugePngHeader, paddedJpeg, TEXT_AS_JPEG } from '@/lib/media/test-photos';

const refusal = async (bytes: Uint8Array, limits?: Parameters<typeof inspectPhoto>[1]) => {
  try {
    await inspectPhoto(bytes, limits);
  } catch (error) {
    if (error instanceof PhotoRefusal) return error;
    throw error;
  }
  throw new Error('accepted');
};

const solid = (format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff') => sharp({ create: { width: 40, height: 30, channels: 3, background: '#204060' } }).toFormat(format).toBuffer();

describe('inspectPhoto', () => {
  it('accepts JPEG, PNG, WebP and AVIF by their bytes, upright dimensions from the header', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      const photo = await inspectPhoto(await solid(format));
      expect(photo, format).toMatchObject({ format, width: 40, height: 30 });
      expect(photo.hash).toMatch(/^[0-9a-f]{20}$/);
    }
    const camera = await inspectPhoto(await cameraJpeg());
    expect(camera, 'orientation 6: stored 1600 × 1000, upright 1000 × 1600').toMatchObject({ format: 'jpeg', width: 1000, height: 1600 });
  });

  it('refuses a text file named .jpg, a GIF and a TIFF, naming the accepted formats', async () => {
    for (const bytes of [TEXT_AS_JPEG, await solid('gif'), await solid('tiff')]) {
      const error = await refusal(bytes);
      expect(error.reason).toBe('not-an-image');
      expect(error.message).toContain('Accepted formats: JPEG, PNG, WebP, AVIF');
    }
  });

  it('refuses a 30 000 × 30 000 PNG from its header, without decoding it', async () => {
    const started = performance.now();
    const error = await refusal(hugePngHeader());
    expect(error.reason).toBe('too-many-pixels');
    expect(error.message).toContain('30000 × 30000 pixels (900 megapixels); at most 50 megapixels');
    expect(performance.now() - started, 'decoding 900 MP would take seconds and gigabytes').toBeLessThan(1000);
  });

  it('refuses a 40 MB file by its size before reading it, and honours a configured limit', async () => {
    const error = await refusal(await paddedJpeg(40 * 1024 * 1024));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('The file is 40 MB; photos may be at most 25 MB');
    const configured = await refusal(await paddedJpeg(2 * 1024 * 1024), { maxBytes: 1024 * 1024, maxPixels: 50e6 });
    expect(configured.message).toContain('at most 1 MB');
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#aa5500' } }).jpeg().toBuffer();
    const error = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/JPEG file is damaged/);
  });

  it('sniffs only the four formats', () => {
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffFormat(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic\0\0\0\0mif1heic')]))).toBeUndefined();
    expect(sniffFormat(Buffer.from([0, 0, 0, 0x1c, ...Buffer.from('ftypmif1\0\0\0\0mif1avifmiaf')]))).toBe('avif');
  });
});
