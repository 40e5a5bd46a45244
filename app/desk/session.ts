import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentDeskUser, type DeskUser } from '@/lib/desk/accounts';
import { isHttpsRequest } from '@/lib/desk/request';
import { can, type DeskPermission } from '@/lib/desk/roles';
import { defaultLocale } from '@/i18n/languages';

/** The desk speaks the site's first language, with the fallback language's text under any missing key. */
export const deskLocale = defaultLocale;

export function deskTranslations() {
  return getTranslations({ locale: deskLocale, namespace: 'Desk' });
}

/** The signed-in user of this request, or undefined (also when the desk's store is not usable here). */
export async function deskUser(): Promise<DeskUser | undefined> {
  const requestHeaders = await headers();
  return currentDeskUser(requestHeaders, { secure: isHttpsRequest(requestHeaders) });
}

/**
 * The signed-in user allowed to do `permission`: anyone else is sent to the login page (signed
 * out) or gets the 404 (signed in without the permission). Every desk page starts with this.
 */
export async function requireDeskUser(permission: DeskPermission): Promise<DeskUser> {
  const user = await deskUser().catch(() => undefined);
  if (!user) redirect('/desk/login');
  if (!can(user.role, permission)) redirect('/desk');
  return user;
}
