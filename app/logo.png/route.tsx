import { ImageResponse } from 'next/og';
import { LOGO } from '@/lib/structured-data';
import { siteName } from '@/lib/site';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const dynamic = 'force-static';

/** The publisher logo for structured data (600×60, as Google asks of news publishers). */
export function GET() {
  const font = readFileSync(path.join(process.cwd(), 'node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff'));
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', alignItems: 'center', background: '#ffffff', color: '#b3261e', fontSize: 44, fontWeight: 700, fontFamily: 'Noto Sans' }}>
        {siteName}
      </div>
    ),
    { width: LOGO.width, height: LOGO.height, fonts: [{ name: 'Noto Sans', data: font, weight: 700, style: 'normal' }], headers: { 'Cache-Control': 'public, max-age=86400' } },
  );
}
