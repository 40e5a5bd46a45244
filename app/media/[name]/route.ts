import { getSnapshot } from '@/lib/content/live';
import { liveMedia } from '@/lib/media/live';
import { publishedFocuses } from '@/lib/media/published';
import { MEDIA_CACHE_CONTROL, serveMedia } from '@/lib/media/serve';

// Derivatives are made on first request from the original in the media store (lib/media/serve.ts).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const notFound = () => new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });

/** GET /media/<hash>[-<crop>-<fx>-<fy>]-<width>.<avif|webp|jpg>: a photo's derivative, immutable for a year. */
export async function GET(_request: Request, { params }: RouteContext<'/media/[name]'>) {
  const { name } = await params;
  // Crops only at the focal points the stories readers see give the photo (takedowns included).
  const answer = await serveMedia(liveMedia(), name, publishedFocuses(getSnapshot().index.published));
  if (answer.status !== 200) return notFound();
  return new Response(new Uint8Array(answer.body), {
    headers: { 'Content-Type': answer.contentType, 'Content-Length': String(answer.body.length), 'Cache-Control': MEDIA_CACHE_CONTROL },
  });
}
