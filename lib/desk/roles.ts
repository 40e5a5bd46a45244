/**
 * The desk's roles and what each may do. Every check on the server goes through `can`: a page, a
 * route handler or a command asks for a permission, never for a role, so a new action is one line here.
 */
export const DESK_ROLES = ['reporter', 'editor', 'admin'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export const DESK_PERMISSIONS = [
  'story.list',
  'draft.write',
  'review.request',
  'story.publish',
  'story.schedule',
  'story.correct',
  'story.takedown',
  'story.translate',
  'audit.read',
  'account.manage',
] as const;
export type DeskPermission = (typeof DESK_PERMISSIONS)[number];

const REPORTER: readonly DeskPermission[] = ['story.list', 'draft.write', 'review.request'];
const EDITOR: readonly DeskPermission[] = [...REPORTER, 'story.publish', 'story.schedule', 'story.correct', 'story.takedown', 'story.translate', 'audit.read'];
const ADMIN: readonly DeskPermission[] = [...EDITOR, 'account.manage'];

const GRANTS: Readonly<Record<DeskRole, ReadonlySet<DeskPermission>>> = {
  reporter: new Set(REPORTER),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

export function isDeskRole(value: unknown): value is DeskRole {
  return typeof value === 'string' && (DESK_ROLES as readonly string[]).includes(value);
}

/** Whether a role may do something. An unknown role (a row edited by hand) may do nothing. */
export function can(role: unknown, permission: DeskPermission): boolean {
  return isDeskRole(role) && GRANTS[role].has(permission);
}
