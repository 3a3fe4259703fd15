import { describe, expect, it } from 'vitest';
import { canActOnCase, canReadCase, caseScopeFor } from '../src/access';
import type { Role } from '../src/roles';
import type { UserRecord } from '../src/types';

const user = (roles: Role[], unitId: string | null = 'affald'): UserRecord => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  email: null,
  roles,
  unitId,
  locale: 'da',
});

describe('access to cases', () => {
  const own = { unitId: 'affald', kind: 'citizen_inquiry' as const };
  const other = { unitId: 'byggeri', kind: 'citizen_inquiry' as const };

  it('lets a caseworker see and act on their own unit only', () => {
    expect(canReadCase(user(['caseworker']), own)).toBe(true);
    expect(canReadCase(user(['caseworker']), other)).toBe(false);
    expect(canActOnCase(user(['caseworker']), other)).toBe(false);
    expect(caseScopeFor(user(['caseworker']))).toEqual({ all: false, unitIds: ['affald'], kinds: [] });
  });

  it('lets auditors read but not act, and analysts neither', () => {
    expect(canReadCase(user(['auditor'], null), other)).toBe(true);
    expect(canActOnCase(user(['auditor'], null), other)).toBe(false);
    expect(canReadCase(user(['analyst'], null), other)).toBe(false);
  });

  it('lets the secretariat handle political kinds across units', () => {
    const q = { unitId: 'byggeri', kind: 'politician_question' as const };
    expect(canActOnCase(user(['secretariat'], 'sekretariat'), q)).toBe(true);
    expect(canActOnCase(user(['secretariat'], 'sekretariat'), other)).toBe(false);
  });

  it('lets the mail reception route unsorted items but not work a unit\u2019s cases', () => {
    expect(canActOnCase(user(['mail_reception'], 'post'), { unitId: null, kind: 'citizen_inquiry' })).toBe(true);
    expect(canActOnCase(user(['mail_reception'], 'post'), other)).toBe(false);
  });
});
