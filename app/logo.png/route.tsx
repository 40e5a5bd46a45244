import { ImageResponse } from 'next/og';
import { CARD_FONT_FAMILY, cardFonts } from '@/lib/share-image/fonts';
import { LOGO } from '@/lib/seo/structured-data';
import { siteName } from '@/lib/site';

export const dynamic = 'force-static';

/** The publisher logo for structured data (600×60, as Google asks of news publishers), in the share card's bold face. */
export function GET() {
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', alignItems: 'center', background: '#ffffff', color: '#b3261e', fontSize: 44, fontWeight: 700, fontFamily: CARD_FONT_FAMILY }}>
        {siteName}
      </div>
    ),
    { width: LOGO.width, height: LOGO.height, fonts: cardFonts(), headers: { 'Cache-Control': 'public, max-age=86400' } },
  );
}
