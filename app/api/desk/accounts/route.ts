import type { NextRequest } from 'next/server';
import { AccountError, currentDeskUser, disableAccount, enableAccount, endSessions } from '@/lib/desk/accounts';
import { DESK_RESPONSE_HEADERS, isHttpsRequest } from '@/lib/desk/request';
import { can } from '@/lib/desk/roles';
import { isCrossSiteRequest } from '@/lib/preview/origin';

const ACTIONS = { 'end-sessions': endSessions, disable: disableAccount, enable: enableAccount } as const;

/**
 * An admin's account actions from /desk/accounts (plain forms). The permission is checked here,
 * whatever the page showed: anyone else gets a 403.
 */
export async function POST(request: NextRequest) {
  if (isCrossSiteRequest(request.headers)) return plain(403, 'Forbidden: account actions come from the desk’s own pages only.');
  const user = await currentDeskUser(request.headers, { secure: isHttpsRequest(request.headers, request.url) });
  if (!user) return plain(401, 'Sign in to the desk first: /desk/login');
  if (!can(user.role, 'account.manage')) return plain(403, 'Forbidden: only an admin manages accounts.');
  let action = '';
  let email = '';
  try {
    const form = await request.formData();
    action = String(form.get('action') ?? '');
    email = String(form.get('email') ?? '').slice(0, 320);
  } catch {
    return plain(400, 'Bad request: a form with "action" and "email" is expected.');
  }
  if (!Object.hasOwn(ACTIONS, action)) return plain(400, `Bad request: unknown action "${action}".`);
  try {
    await ACTIONS[action as keyof typeof ACTIONS]({ email }, user.email);
  } catch (error) {
    if (error instanceof AccountError) return plain(400, error.message);
    throw error;
  }
  const done = new URLSearchParams({ done: action, email });
  return new Response(null, { status: 303, headers: { Location: `/desk/accounts?${done}`, ...DESK_RESPONSE_HEADERS } });
}

function plain(status: number, body: string): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...DESK_RESPONSE_HEADERS } });
}
