// A newsroom's archive, generated for `npm run bench:archive` (issue 26): N stories in all, half
// Indonesian and half English, over three sections and ten years of publication, each with a body
// of about 300 words drawn from a news vocabulary that holds the stemming examples of the issue
// ("kerja sama", "bekerja sama", "kerjasama", "membangun", "pembangunan", "bangun"). A third of the
// stories exist in both languages (one translationId). Deterministic: the same size gives the same
// files, and a story's slug, section and date follow from its number, so the bench asks for any
// story without keeping a list. Files are written one at a time: a million are never in memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECTIONS = ['technology', 'world', 'business'];
const YEARS = 10;
/** The newest story; the others go back YEARS from here. A fixed instant, so runs agree. */
const NEWEST = Date.UTC(2026, 10, 30, 3, 0, 0);

const WORDS = {
  id: (
    'pemerintah presiden menteri rakyat daerah provinsi kota desa warga masyarakat pembangunan membangun bangun dibangun kerja_sama bekerja_sama ' +
    'kerjasama kerja pekerja pekerjaan ekonomi pasar harga investasi investor saham bank rupiah ' +
    'inflasi anggaran pajak ekspor impor industri pabrik petani nelayan pangan beras energi listrik minyak batu_bara ' +
    'teknologi digital internet data aplikasi kecerdasan_buatan perusahaan_rintisan jaringan satelit keamanan_siber ' +
    'pendidikan sekolah guru mahasiswa kesehatan rumah_sakit dokter pasien vaksin lingkungan hutan banjir gempa cuaca ' +
    'kebijakan regulasi undang-undang parlemen pemilihan partai politik hukum pengadilan polisi korupsi transportasi ' +
    'jalan_tol kereta bandara pelabuhan infrastruktur dunia negara internasional perdagangan diplomasi tanggung_jawab ' +
    'ibu_kota luar_negeri dalam_negeri tahun bulan pekan rencana program proyek laporan survei penelitian kenaikan penurunan'
  ).split(' ').map((w) => w.replace('_', ' ')),
  en: (
    'government president minister people region province city village residents community development build building built ' +
    'cooperation cooperate work workers jobs economy market prices investment investors shares bank currency inflation ' +
    'budget tax exports imports industry factory farmers fishermen food rice energy electricity oil coal technology ' +
    'digital internet data application artificial_intelligence company startup network satellite security cyber ' +
    'education school teachers students health hospital doctors patients vaccine environment forest floods earthquake ' +
    'weather policy regulation law parliament election party politics court police corruption transport highway railway ' +
    'airport port infrastructure world country international trade diplomacy responsibility capital abroad domestic year ' +
    'month week plan programme project report survey research increase decrease'
  ).split(' ').map((w) => w.replace('_', ' ')),
};
const GLUE = {
  id: 'dan yang di ke dari untuk dengan pada dalam akan telah juga ini itu oleh bahwa sebagai'.split(' '),
  en: 'and the of to in for with on by that as from will has also this was'.split(' '),
};
const AUTHORS = { id: ['Redaksi Kabar Kini', 'Siti Rahmawati', 'Budi Santoso'], en: ['Kabar Kini Staff', 'Sarah Lim', 'David Tan'] };

/** A small, fast, seeded generator (mulberry32): the same story number gives the same words. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(rand, locale, count) {
  const list = WORDS[locale];
  const glue = GLUE[locale];
  const out = [];
  for (let i = 0; i < count; i++) out.push(rand() < 0.3 ? glue[Math.floor(rand() * glue.length)] : list[Math.floor(rand() * list.length)]);
  return out;
}

const sentence = (parts) => `${parts[0][0].toUpperCase()}${parts[0].slice(1)} ${parts.slice(1).join(' ')}.`;

/** Stories per language in an archive of `total` stories. */
export const perLanguage = (total) => Math.floor(total / 2);

/** The story's number-derived facts: what the bench needs to ask for it. */
export function storyFacts(locale, i, total) {
  const n = perLanguage(total);
  const section = SECTIONS[i % SECTIONS.length];
  // Newest first, evenly over YEARS, with a few minutes of jitter so times are not round.
  const span = YEARS * 365.25 * 24 * 3600_000;
  const at = NEWEST - Math.floor((i / Math.max(1, n)) * span) - ((i * 7919) % 3600) * 1000;
  const slug = `${locale === 'id' ? 'arsip' : 'archive'}-${i}`;
  return { locale, i, slug, section, at };
}

const wib = (ms) => new Date(ms + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

/** One story's Markdown file. */
export function storySource(locale, i, total) {
  const { slug, section, at } = storyFacts(locale, i, total);
  const rand = random(i * 2 + (locale === 'id' ? 1 : 0) + 17);
  const title = sentence(words(rand, locale, 8)).slice(0, -1);
  const summary = sentence(words(rand, locale, 25));
  const paragraphs = [];
  for (let p = 0; p < 6; p++) {
    const sentences = [];
    for (let s = 0; s < 4; s++) sentences.push(sentence(words(rand, locale, 12 + Math.floor(rand() * 2))));
    paragraphs.push(sentences.join(' '));
  }
  const translated = i % 3 === 0;
  const front = [
    '---',
    `translationId: ${translated ? `arsip-${i}` : `arsip-${locale}-${i}`}`,
    `slug: ${slug}`,
    `locale: ${locale}`,
    `title: ${JSON.stringify(title)}`,
    `summary: ${JSON.stringify(summary)}`,
    `section: ${section}`,
    `publishedAt: "${wib(at)}"`,
    `updatedAt: "${wib(at + (i % 4 === 0 ? 3_600_000 : 0))}"`,
    ...(i % 2 === 0 ? [`author: ${JSON.stringify(AUTHORS[locale][i % 3])}`] : []),
    'source:',
    '  name: Kabar Kini',
    `tags: [${words(rand, locale, 2).join(', ')}]`,
    'status: published',
    '---',
  ].join('\n');
  return `${front}\n${paragraphs.join('\n\n')}\n`;
}

/**
 * Writes an archive of `total` stories into `dir` (<code>/<slug>.md), one file at a time.
 * `onProgress(written)` every 10,000 files.
 */
export function generateArchive(dir, total, onProgress = () => {}) {
  const n = perLanguage(total);
  let written = 0;
  for (const locale of ['id', 'en']) {
    const folder = path.join(dir, locale);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < n; i++) {
      writeFileSync(path.join(folder, `${storyFacts(locale, i, total).slug}.md`), storySource(locale, i, total));
      if (++written % 10_000 === 0) onProgress(written);
    }
  }
  return written;
}
