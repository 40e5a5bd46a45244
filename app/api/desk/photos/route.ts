import type { NextRequest } from 'next/server';
import { deskLocale } from '@/app/desk/session';
import { currentDeskUser } from '@/lib/desk/accounts';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { can } from '@/lib/desk/roles';
import { PhotoRefusal } from '@/lib/media/inspect';
import { mediaLimits } from '@/lib/media/limits';
import { liveMedia } from '@/lib/media/live';
import { deskPhotoAnswer } from '@/lib/media/desk-upload';
import { ingestPhoto } from '@/lib/media/serve';
import { isCrossSiteRequest } from '@/lib/preview/origin';
import { getTranslations } from 'next-intl/server';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * A photo from the desk (multipart field "photo"): checked and kept by lib/media exactly as the
 * command line does, answered with its reference (`media:<hash>`) and upright size for the story
 * form's image fields. The HTTP guard lets this route's body reach the media size limit (and no
 * other route's: lib/http/guard.ts requestBodyLimit), refusing a larger one by its Content-Length
 * before reading. JSON for the story form's script; a plain form post (no JavaScript) gets a 303
 * to /desk/photos, which shows the reference to copy.
 */
export async function POST(request: NextRequest) {
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const t = await getTranslations({ locale: deskLocale, namespace: 'Desk.photos' });
  const fail = (status: number, reason: string, message: string) =>
    wantsJson ? json(status, { reason, message }) : seeOther(`/desk/photos?${new URLSearchParams({ refused: message })}`, status === 401 ? '/desk/login' : undefined);
  if (isCrossSiteRequest(request.headers)) return json(403, { reason: 'cross-site', message: 'Forbidden: photos are uploaded from the desk’s own pages only.' });
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) });
  if (!user) return fail(401, 'signed-out', t('signedOut'));
  if (!can(user.role, 'draft.write')) return fail(403, 'forbidden', t('forbidden'));
  const limits = mediaLimits();
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > limits.maxBytes + 64 * 1024) return fail(413, 'too-large', t('refused.too-large', { size: `${Math.round(length / 1048576)} MB`, limit: `${Math.round(limits.maxBytes / 1048576)} MB` }));
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get('photo');
  } catch {
    return fail(400, 'bad-form', t('badForm'));
  }
  if (!(file instanceof File) || file.size === 0) return fail(400, 'no-file', t('noFile'));
  try {
    const photo = await ingestPhoto(liveMedia(), new Uint8Array(await file.arrayBuffer()), limits);
    const answer = deskPhotoAnswer(photo);
    return wantsJson ? json(201, answer) : seeOther(`/desk/photos?${new URLSearchParams({ src: answer.src, width: String(answer.width), height: String(answer.height) })}`);
  } catch (error) {
    if (error instanceof PhotoRefusal) return fail(422, error.reason, t(`refused.${error.reason}`, error.details));
    throw error;
  }
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: DESK_RESPONSE_HEADERS });
}

function seeOther(location: string, instead?: string): Response {
  return new Response(null, { status: 303, headers: { Location: instead ?? location, ...DESK_RESPONSE_HEADERS } });
}
