/**
 * What a shared link and a search result show of a story, as the platforms cut it: the desk's
 * social preview (app/desk/stories/SocialPreview.tsx) renders these, beside the real share image.
 * The lengths are what the platforms show in practice (they measure pixels, not characters, and
 * change them now and then): close enough for an editor to see a headline that will be cut.
 */

/** Google cuts a result's title at about 600 px, some 60 characters, and its description at about 155. */
export const SEARCH_TITLE_CHARS = 60;
export const SEARCH_DESCRIPTION_CHARS = 155;
/** Facebook shows two lines of title (about 88 characters on a phone) and one of description. */
export const FACEBOOK_TITLE_CHARS = 88;
export const FACEBOOK_DESCRIPTION_CHARS = 110;
/** X's large card shows the title over the image, on one line of about 70 characters. */
export const X_TITLE_CHARS = 70;
/** WhatsApp's preview: a title of about two lines and a description of about two, beside a square crop. */
export const WHATSAPP_TITLE_CHARS = 65;
export const WHATSAPP_DESCRIPTION_CHARS = 90;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` characters (counted as the reader sees them: graphemes), at a
 * word boundary when there is one in the last third, ending in "…"; unchanged when it fits.
 */
export function truncateForDisplay(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = [...graphemes.segment(clean)].map((g) => g.segment);
  if (chars.length <= max) return clean;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const kept = space > cut.length * (2 / 3) ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,.;:–—-]+$/u, '')}…`;
}

export interface SocialPreviewInput {
  /** The page's <title> (headline and site name, as the layout's template makes it). */
  pageTitle: string;
  /** The Open Graph title: the headline alone. */
  title: string;
  description: string;
  /** The article's absolute URL. */
  url: string;
}

export interface SocialPreviewText {
  domain: string;
  search: { title: string; breadcrumb: string; description: string };
  facebook: { domain: string; title: string; description: string };
  x: { title: string; domain: string };
  whatsapp: { title: string; description: string; domain: string };
}

/** Every platform's text for one story. */
export function socialPreviewText({ pageTitle, title, description, url }: SocialPreviewInput): SocialPreviewText {
  const { host, pathname } = new URL(url);
  const segments = pathname.split('/').filter(Boolean).map((s) => safeDecode(s));
  return {
    domain: host,
    search: {
      title: truncateForDisplay(pageTitle, SEARCH_TITLE_CHARS),
      // Google shows the site's address, then the path's segments, separated by "›".
      breadcrumb: [`https://${host}`, ...segments].join(' › '),
      description: truncateForDisplay(description, SEARCH_DESCRIPTION_CHARS),
    },
    facebook: { domain: host.toUpperCase(), title: truncateForDisplay(title, FACEBOOK_TITLE_CHARS), description: truncateForDisplay(description, FACEBOOK_DESCRIPTION_CHARS) },
    x: { title: truncateForDisplay(title, X_TITLE_CHARS), domain: host },
    whatsapp: {
      title: truncateForDisplay(title, WHATSAPP_TITLE_CHARS),
      description: truncateForDisplay(description, WHATSAPP_DESCRIPTION_CHARS),
      domain: host,
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
