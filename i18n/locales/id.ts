import type { LanguageConfig } from '../language';

export default {
  code: 'id',
  name: 'Bahasa Indonesia',
  switchLabel: 'Baca dalam Bahasa Indonesia',
  role: 'default',
  order: 0,
  hreflang: 'id',
  ogLocale: 'id_ID',
  intlLocale: 'id-ID',
  timeZone: 'Asia/Jakarta',
  timeZoneLabel: 'WIB',
  paths: { news: 'berita', section: 'rubrik', page: 'halaman', search: 'cari' },
  search: {
    postgres: 'indonesian',
    stemmer: 'indonesian',
    // Written open by the KBBI, often closed in copy (and the other way round).
    compounds: ['kerja sama', 'tanggung jawab', 'terima kasih', 'tanda tangan', 'daya guna', 'hak asasi', 'tata kelola', 'tata letak', 'campur tangan', 'ibu kota', 'kepala daerah', 'sepak bola', 'rumah sakit', 'luar negeri', 'dalam negeri', 'uji coba', 'tindak lanjut', 'salah satu'],
  },
  sections: { technology: 'teknologi', world: 'dunia', business: 'ekonomi' },
  dateFormats: {
    day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    shortDay: { day: 'numeric', month: 'short', year: 'numeric' },
    time: { hour: '2-digit', minute: '2-digit', hour12: false },
  },
  feedTitle: 'Berita Terbaru',
  // "in" is the pre-1989 code for Indonesian that some old Android and Java clients still send.
  aliases: ['in'],
} as const satisfies LanguageConfig;
