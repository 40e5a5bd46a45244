import { APIError } from 'better-auth/api';
import { deskAuth, deskStore, prepareDesk, DESK_PASSWORD_MIN } from '@/lib/desk/auth';
import { lockoutKey, lockState, recordFailure } from '@/lib/desk/lockout';
import { isDeskRole, type DeskRole } from '@/lib/desk/roles';

/**
 * What the desk and `npm run desk:user` do with accounts and sessions, over better-auth
 * (lib/desk/auth.ts) and the desk's store. Every change is written to the audit log.
 */

export interface DeskUser {
  id: string;
  email: string;
  name: string;
  role: DeskRole;
}

export type SignInResult =
  | { ok: true; user: DeskUser; setCookies: string[] }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMs: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signs in with an e-mail address and a password. Every failure answers the same way, whether the
 * address has an account, the password is wrong or the account is disabled; wrong passwords are
 * counted per address and slowed, then locked (lib/desk/lockout.ts), accounts or not.
 */
export async function signIn(
  { email, password }: { email: string; password: string },
  { secure, now = Date.now, wait = sleep }: { secure: boolean; now?: () => number; wait?: (ms: number) => Promise<unknown> },
): Promise<SignInResult> {
  await prepareDesk();
  const store = deskStore();
  const key = lockoutKey(email);
  const locked = lockState(await store.loginFailures(key), now());
  if (locked.locked) return { ok: false, reason: 'locked', retryAfterMs: locked.retryAfterMs };
  try {
    const { headers, response } = await deskAuth({ secure }).api.signInEmail({
      body: { email: key, password, rememberMe: true },
      returnHeaders: true,
    });
    const user = toDeskUser(response.user as Record<string, unknown>);
    if (!user) throw new Error('an account without a desk role');
    await store.clearLoginFailures(key);
    await store.recordAudit({ at: now(), actor: user.email, action: 'session.sign-in', target: user.email });
    return { ok: true, user, setCookies: headers.getSetCookie() };
  } catch (error) {
    if (!(error instanceof APIError) && !(error instanceof Error && error.message.includes('desk role'))) throw error;
    const { record, delayMs } = recordFailure(await store.loginFailures(key), now());
    await store.saveLoginFailures(key, record);
    await store.recordAudit({ at: now(), actor: key, action: 'session.sign-in-failed', target: key, ...(record.lockedUntil ? { detail: 'locked' } : {}) });
    if (delayMs) await wait(delayMs);
    return { ok: false, reason: 'invalid' };
  }
}

/** The signed-in desk user of a request (its Cookie header), or undefined. */
export async function currentDeskUser(headers: Headers, { secure }: { secure: boolean }): Promise<DeskUser | undefined> {
  if (!headers.get('cookie')) return undefined;
  await prepareDesk();
  const session = await deskAuth({ secure }).api.getSession({ headers: cookieOnly(headers), query: { disableCookieCache: true } });
  if (!session) return undefined;
  const user = session.user as Record<string, unknown>;
  if (user.banned) return undefined;
  return toDeskUser(user);
}

/** Ends the request's session (the row is deleted: the old cookie opens nothing) and clears the cookie. */
export async function signOut(headers: Headers, { secure }: { secure: boolean }): Promise<string[]> {
  await prepareDesk();
  const user = await currentDeskUser(headers, { secure });
  const { headers: out } = await deskAuth({ secure }).api.signOut({ headers: cookieOnly(headers), returnHeaders: true });
  if (user) await deskStore().recordAudit({ at: Date.now(), actor: user.email, action: 'session.sign-out', target: user.email });
  return out.getSetCookie();
}

function cookieOnly(headers: Headers): Headers {
  return new Headers({ cookie: headers.get('cookie') ?? '' });
}

function toDeskUser(user: Record<string, unknown>): DeskUser | undefined {
  const { id, email, name, role } = user;
  if (typeof id !== 'string' || typeof email !== 'string' || !isDeskRole(role)) return undefined;
  return { id, email, name: typeof name === 'string' ? name : email, role };
}

/* Account management: the command line now, the desk's admin view later. */

export class AccountError extends Error {
  override name = 'AccountError';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(email: string): string {
  const normalised = lockoutKey(email);
  if (!EMAIL.test(normalised) || normalised.length > 254) throw new AccountError(`"${email}" is not an e-mail address.`);
  return normalised;
}

function checkPassword(password: string): void {
  if (password.length < DESK_PASSWORD_MIN) throw new AccountError(`The password is too short: at least ${DESK_PASSWORD_MIN} characters.`);
  if (password.length > 256) throw new AccountError('The password is too long: at most 256 characters.');
}

function checkRole(role: string): DeskRole {
  if (!isDeskRole(role)) throw new AccountError(`"${role}" is not a role: reporter, editor or admin.`);
  return role;
}

async function context() {
  await prepareDesk();
  return deskAuth({ secure: false }).$context;
}

async function findAccount(email: string) {
  const ctx = await context();
  const found = await ctx.internalAdapter.findUserByEmail(checkEmail(email));
  if (!found) throw new AccountError(`No account has the address ${lockoutKey(email)}.`);
  return { ctx, user: found.user };
}

export async function addAccount({ email, role, password, name }: { email: string; role: string; password: string; name?: string }, actor: string): Promise<DeskUser> {
  const address = checkEmail(email);
  const deskRole = checkRole(role);
  checkPassword(password);
  const ctx = await context();
  if (await ctx.internalAdapter.findUserByEmail(address)) throw new AccountError(`An account with the address ${address} exists already.`);
  const { user } = await deskAuth({ secure: false }).api.createUser({
    body: { email: address, password, name: name?.trim() || address, role: deskRole as 'admin' },
  });
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.add', target: address, detail: deskRole });
  return toDeskUser(user as unknown as Record<string, unknown>)!;
}

/** A new password; every session of the account ends, and a lockout on it is lifted. */
export async function resetPassword({ email, password }: { email: string; password: string }, actor: string): Promise<void> {
  checkPassword(password);
  const { ctx, user } = await findAccount(email);
  const hash = await ctx.password.hash(password);
  const credential = await ctx.internalAdapter.findCredentialAccount(user.id);
  if (credential) await ctx.internalAdapter.updatePassword(user.id, hash);
  else await ctx.internalAdapter.linkAccount({ providerId: 'credential', accountId: user.id, userId: user.id, password: hash });
  await ctx.internalAdapter.deleteUserSessions(user.id);
  await deskStore().clearLoginFailures(user.email);
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.reset-password', target: user.email });
}

export async function setRole({ email, role }: { email: string; role: string }, actor: string): Promise<void> {
  const deskRole = checkRole(role);
  const { ctx, user } = await findAccount(email);
  await ctx.internalAdapter.updateUser(user.id, { role: deskRole });
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.set-role', target: user.email, detail: deskRole });
}

/** The account can no longer sign in, and every session it has ends. */
export async function disableAccount({ email }: { email: string }, actor: string): Promise<void> {
  const { ctx, user } = await findAccount(email);
  await ctx.internalAdapter.updateUser(user.id, { banned: true, banReason: 'disabled' });
  await ctx.internalAdapter.deleteUserSessions(user.id);
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.disable', target: user.email });
}

export async function enableAccount({ email }: { email: string }, actor: string): Promise<void> {
  const { ctx, user } = await findAccount(email);
  await ctx.internalAdapter.updateUser(user.id, { banned: false, banReason: null });
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.enable', target: user.email });
}

/** Ends every session of an account (signed in on a lost phone, say). Returns how many. */
export async function endSessions({ email }: { email: string }, actor: string): Promise<number> {
  const { ctx, user } = await findAccount(email);
  const sessions = await ctx.internalAdapter.listSessions(user.id);
  await ctx.internalAdapter.deleteUserSessions(user.id);
  await deskStore().recordAudit({ at: Date.now(), actor, action: 'account.end-sessions', target: user.email, detail: String(sessions.length) });
  return sessions.length;
}

export async function listAccounts(): Promise<(DeskUser & { disabled: boolean })[]> {
  const ctx = await context();
  const users = await ctx.internalAdapter.listUsers(1000, 0, { field: 'email', direction: 'asc' });
  return users.flatMap((u) => {
    const user = toDeskUser(u as unknown as Record<string, unknown>);
    return user ? [{ ...user, disabled: !!(u as unknown as { banned?: boolean }).banned }] : [];
  });
}
