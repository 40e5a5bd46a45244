// The benchmarks' article with a lead photo (issue 24): the seed article's text republished under a
// slug of its own with a photo, through the media pipeline as an editor does it (`npm run publish`
// with the photo as a path next to the story file: checked, stored, sizes made by sharp), into a
// content folder and a media folder of the benchmark's own, so the work tree is never written.
// The blank Next app gets the same text and the same photo as `next/image` serves it
// (bench/blank-article.mjs writeBlankPhotoPage), so the two pages differ only by the framework.
//
// The photo is BENCH_PHOTO (any JPEG, PNG, WebP or AVIF the pipeline accepts, e.g. a camera
// original), else the site's fixture photo public/images/fixture-cakrawala-shanghai.jpg (a
// 1200 × 675 illustration: flat colours compress far better than a camera photo, so its bytes are
// a floor, not a typical news photo).
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { SEED, removeDir, repoRoot } from './lib.mjs';

const execFileAsync = promisify(execFile);

export const PHOTO_SLUG = `foto-${SEED.id.split('/').pop()}`;
export const PHOTO_PATH = `/id/berita/${PHOTO_SLUG}`;
export const PHOTO_TEXT = {
  alt: 'Cakrawala Shanghai saat senja, gedung-gedung tinggi di bawah bulan',
  caption: 'Shanghai, Juli 2025.',
  credit: 'Ilustrasi: Kabar Kini',
};
/** The article's `sizes` (components/ArticleView.tsx); the blank page's next/image gets the same. */
export const LEAD_SIZES = '(min-width: 40rem) 38rem, calc(100vw - 2rem)';

export const photoFile = () => path.resolve(repoRoot, process.env.BENCH_PHOTO || 'public/images/fixture-cakrawala-shanghai.jpg');

/** The photo's upright size (EXIF orientations 5–8 are stored sideways), its bytes and format. */
export async function photoInfo(file = photoFile()) {
  const meta = await sharp(file).metadata();
  const sideways = (meta.orientation ?? 1) >= 5;
  return { file, bytes: readFileSync(file).length, format: meta.format, width: sideways ? meta.height : meta.width, height: sideways ? meta.width : meta.height };
}

/**
 * Temporary content (a copy of content/), media and desk-store folders, and the environment a
 * server of ours needs to serve them and to accept the publish's notification.
 */
export function createPhotoStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-bench-photo-'));
  const contentDir = path.join(dir, 'content');
  const mediaDir = path.join(dir, 'media');
  const drafts = path.join(dir, 'drafts');
  cpSync(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  for (const d of [mediaDir, path.join(drafts, 'foto')]) mkdirSync(d, { recursive: true });
  const env = {
    CONTENT_DIR: contentDir,
    MEDIA_DIR: mediaDir,
    // The publish's audit entry goes to a store of the benchmark's own, not the work tree's data/.
    DESK_DB: path.join(dir, 'desk.sqlite'),
    REVALIDATE_SECRET: 'bench-photo-revalidate-secret-0123456789abcdef',
  };
  return { dir, contentDir, mediaDir, drafts, env, remove: () => removeDir(dir) };
}

/** Publishes the photo story to the running server at `origin`; returns its path. */
export async function publishPhotoStory(store, origin) {
  const seed = readFileSync(path.join(repoRoot, 'content', 'id', `${SEED.id.split('/').pop()}.md`), 'utf8');
  const photo = photoFile();
  const name = `foto/lead${path.extname(photo).toLowerCase() || '.jpg'}`;
  copyFileSync(photo, path.join(store.drafts, name));
  const image = [
    'image:',
    `  src: ${name}`,
    `  alt: ${JSON.stringify(PHOTO_TEXT.alt)}`,
    `  caption: ${JSON.stringify(PHOTO_TEXT.caption)}`,
    `  credit: ${JSON.stringify(PHOTO_TEXT.credit)}`,
    '',
  ].join('\n');
  const story = seed
    .replace(/^translationId: .*$/m, `translationId: bench-photo-${SEED.id.split('/').pop()}`)
    .replace(/^slug: .*$/m, `slug: ${PHOTO_SLUG}`)
    .replace(/^status: published$/m, `${image}status: published`);
  if (!story.includes('image:')) throw new Error('bench: the seed article has no "status: published" line to put the photo before');
  const file = path.join(store.drafts, `${PHOTO_SLUG}.md`);
  writeFileSync(file, story);
  const env = { ...process.env, ...store.env, SITE_URL: origin };
  try {
    const { stdout, stderr } = await execFileAsync('npm', ['run', '-s', 'publish', '--', file], { cwd: repoRoot, env, maxBuffer: 10 * 1024 * 1024 });
    const out = `${stdout}${stderr}`;
    const made = /(\d+) photo derivatives made/.exec(out)?.[1];
    console.log(`bench: published ${PHOTO_PATH} with ${path.relative(repoRoot, photo)} through the media pipeline${made ? ` (${made} sizes made)` : ''}`);
  } catch (error) {
    throw new Error(`bench: npm run publish of the photo story failed (exit ${error.code}):\n${error.stdout}${error.stderr}`);
  }
  return PHOTO_PATH;
}
