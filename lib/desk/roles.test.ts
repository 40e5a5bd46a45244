import { describe, expect, it } from 'vitest';
import { can, DESK_PERMISSIONS, isDeskRole } from '@/lib/desk/roles';

describe('desk roles', () => {
  it('lets a reporter write drafts and ask for review, and nothing an editor decides', () => {
    expect(can('reporter', 'draft.write')).toBe(true);
    expect(can('reporter', 'review.request')).toBe(true);
    for (const p of ['story.publish', 'story.schedule', 'story.correct', 'story.takedown', 'story.translate', 'audit.read', 'account.manage'] as const) {
      expect(can('reporter', p), p).toBe(false);
    }
  });

  it('lets an editor publish, schedule, correct, take down and translate, but not manage accounts', () => {
    for (const p of ['draft.write', 'story.publish', 'story.schedule', 'story.correct', 'story.takedown', 'story.translate', 'audit.read'] as const) {
      expect(can('editor', p), p).toBe(true);
    }
    expect(can('editor', 'account.manage')).toBe(false);
  });

  it('lets an admin do everything', () => {
    for (const p of DESK_PERMISSIONS) expect(can('admin', p), p).toBe(true);
  });

  it('gives an unknown role (a row edited by hand, better-auth’s "user") nothing', () => {
    for (const role of ['user', 'Admin', '', undefined, null, 'admin,editor']) {
      expect(isDeskRole(role)).toBe(false);
      for (const p of DESK_PERMISSIONS) expect(can(role, p)).toBe(false);
    }
  });
});
