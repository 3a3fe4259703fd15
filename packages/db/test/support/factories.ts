import { type Actor, type CreateCaseDeps, type CreateCaseInput, createCase, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import type { DatabaseHandle } from '../../src/open';
import { hashPassword } from '../../src/passwords';
import { createRepositories } from '../../src/repositories';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A settable clock for tests. */
export function testClock(start = new Date('2026-04-01T08:00:00Z')) {
  return {
    t: start,
    now() {
      return this.t;
    },
    advanceHours(h: number) {
      this.t = new Date(this.t.getTime() + h * 3_600_000);
    },
  };
}

/** Use-case dependencies on a test database. */
export function buildDeps(handle: DatabaseHandle, clock = testClock()) {
  const repos = createRepositories(handle.db);
  return {
    repos,
    clock,
    create: {
      cases: repos.cases,
      directory: repos.directory,
      workflows: new WorkflowRegistry(),
      calendar: new WorkingCalendar(),
      clock,
    } satisfies CreateCaseDeps,
  };
}

/** A unit with KLE codes (unique id unless given). */
export async function buildUnit(handle: DatabaseHandle, overrides: Partial<{ id: string; name: string; kleCodes: string[]; parentId: string | null }> = {}) {
  const unit = {
    id: overrides.id ?? `unit-${unique()}`,
    name: overrides.name ?? 'Testenhed',
    parentId: overrides.parentId ?? null,
    kleCodes: overrides.kleCodes ?? [],
  };
  await createRepositories(handle.db).auth.upsertUnit(unit);
  return unit;
}

/** A user with a known password ("hemmelig-kode" unless given). */
export async function buildUser(
  handle: DatabaseHandle,
  overrides: Partial<{ username: string; roles: string[]; unitId: string | null; password: string; displayName: string }> = {},
) {
  const password = overrides.password ?? 'hemmelig-kode';
  const user = await createRepositories(handle.db).auth.createUser({
    username: overrides.username ?? `user-${unique()}`,
    displayName: overrides.displayName ?? 'Test Bruger',
    email: null,
    passwordHash: await hashPassword(password),
    roles: (overrides.roles ?? ['caseworker']) as never,
    unitId: overrides.unitId ?? null,
  });
  return { user, password };
}

/** An inquiry from a citizen, created through the real use case. */
export async function buildInquiry(handle: DatabaseHandle, overrides: Partial<CreateCaseInput> = {}, deps = buildDeps(handle)) {
  const actor: Actor = { kind: 'system', id: 'test' };
  return createCase(
    {
      kind: 'citizen_inquiry',
      title: 'Spørgsmål om storskrald',
      body: 'Hvornår henter I storskrald på Nørregade? Jeg har en sofa og tre cykler.',
      channel: 'web',
      actor,
      sender: { kind: 'citizen', name: 'Anne Jensen', email: 'anne@borger.example' },
      ...overrides,
    },
    deps.create,
  );
}
