import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Photos for tests, made at test time with real encoders (shared by unit and end-to-end tests).
 * The camera photo is stored sideways, as a phone held upright stores it: 1600 × 1000 pixels
 * with EXIF Orientation 6 (turn 90° clockwise to view), red on the stored left half, blue on the
 * right; upright it is 1000 × 1600 with red on top. Its EXIF holds GPS, a camera model and a
 * caption (XMP/IPTC), which must never reach a reader.
 */

export const EXIFTOOL = [process.env.EXIFTOOL_PATH, '/usr/bin/exiftool', '/usr/local/bin/exiftool'].find((p): p is string => !!p && existsSync(p));

async function halves(width: number, height: number, left: string, right: string): Promise<Buffer> {
  const half = Math.floor(width / 2);
  const side = (colour: string, w: number) => sharp({ create: { width: w, height, channels: 3, background: colour } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .composite([
      { input: await side(left, half), left: 0, top: 0 },
      { input: await side(right, width - half), left: half, top: 0 },
    ])
    .png()
    .toBuffer();
}

/** The sideways camera JPEG with GPS and orientation 6; by exiftool when installed, else by sharp's own EXIF writer. */
export async function cameraJpeg(): Promise<Buffer> {
  const pixels = await halves(1600, 1000, '#d01010', '#1030d0');
  if (!EXIFTOOL) {
    return sharp(pixels)
      .jpeg({ quality: 90 })
      // sharp's EXIF writer leaves Orientation out (it sets it from withMetadata only).
      .withExif({ IFD0: { Make: 'TestCam', Model: 'Source Revealer 1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 49/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'camera-'));
  try {
    const file = path.join(dir, 'camera.jpg');
    writeFileSync(file, await sharp(pixels).jpeg({ quality: 90 }).toBuffer());
    execFileSync(EXIFTOOL, [
      '-q', '-overwrite_original',
      '-Orientation#=6', '-Make=TestCam', '-Model=Source Revealer 1',
      '-GPSLatitude=6.1754', '-GPSLatitudeRef=S', '-GPSLongitude=106.8272', '-GPSLongitudeRef=E',
      '-XMP-dc:Description=Secret meeting place', '-IPTC:Caption-Abstract=Secret meeting place',
      file,
    ]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A PNG whose header claims 30 000 × 30 000 pixels: a valid signature and IHDR, then one tiny
 * IDAT. Refused on its header's numbers; decoding it would need 2.7 GB.
 */
export function hugePngHeader(width = 30_000, height = 30_000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG of exactly `bytes` bytes (a real small JPEG padded after its end marker), for the size limit. */
export async function paddedJpeg(bytes: number): Promise<Buffer> {
  const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  return Buffer.concat([small, Buffer.alloc(Math.max(0, bytes - small.length))]);
}

/** Text with a .jpg name. */
export const TEXT_AS_JPEG = Buffer.from('This is not a photo, only text saved as photo.jpg\n');

/** Every metadata tag exiftool finds in an image, by group (EXIF, GPS, XMP, IPTC, ICC…). */
export function metadataGroups(bytes: Buffer): Record<string, unknown> {
  if (!EXIFTOOL) throw new Error('exiftool is not installed');
  const dir = mkdtempSync(path.join(tmpdir(), 'exif-'));
  try {
    const file = path.join(dir, 'image');
    writeFileSync(file, bytes);
    const [tags] = JSON.parse(execFileSync(EXIFTOOL, ['-j', '-G1', '-a', file], { encoding: 'utf8' })) as Record<string, unknown>[];
    return tags!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tags that reveal where or with what a photo was taken: none may survive processing. */
export function revealingTags(bytes: Buffer): string[] {
  return Object.keys(metadataGroups(bytes)).filter((tag) => /^(IFD0|ExifIFD|GPS|XMP|XMP-\w+|IPTC|IFD1|MakerNotes|Photoshop):/.test(tag) || /GPS|Orientation|Model|Make/.test(tag));
}
