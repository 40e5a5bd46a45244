import { liveMedia } from '@/lib/media/live';
import { MEDIA_CACHE_CONTROL, serveMedia } from '@/lib/media/serve';

// Derivatives are made on first request from the original in the media store (lib/media/serve.ts).
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const notFound = () => new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' } });

/** GET /media/<hash>[-<crop>-<fx>-<fy>]-<width>.<avif|webp|jpg>: a photo's derivative, immutable for a year. */
export async function GET(_request: Request, { params }: RouteContext<'/media/[name]'>) {
  const { name } = await params;
  const answer = await serveMedia(liveMedia(), name);
  if (answer.status !== 200) return notFound();
  return new Response(new Uint8Array(answer.body), {
    headers: { 'Content-Type': answer.contentType, 'Content-Length': String(answer.body.length), 'Cache-Control': MEDIA_CACHE_CONTROL },
  });
}
