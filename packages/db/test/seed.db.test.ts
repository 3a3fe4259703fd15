import { WorkflowRegistry } from '@ekspedit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/open';
import { verifyPassword } from '../src/passwords';
import { createRepositories } from '../src/repositories';
import { demoPassword, demoUsers, isDatabaseEmpty, seedDemo } from '../src/seed/demo';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

describe(`demo seed on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  const now = new Date('2026-11-27T12:00:00Z');
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('fills an empty database with units, a login per role and cases with a history', async () => {
    expect(await isDatabaseEmpty(handle)).toBe(true);
    const result = await seedDemo(handle, { now, cases: 60, months: 3 });
    expect(result.cases).toBe(60);
    expect(await isDatabaseEmpty(handle)).toBe(false);
    const repos = createRepositories(handle.db);

    const login = await repos.auth.findLogin(demoUsers[0]?.username as string);
    expect(await verifyPassword(demoPassword, login?.passwordHash as string)).toBe(true);
    const roles = new Set((await repos.directory.listUsers()).flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual(['admin', 'analyst', 'auditor', 'caseworker', 'director', 'mail_reception', 'secretariat', 'team_lead']);

    const { items } = await repos.cases.listCases({ scope: { all: true }, includeClosed: true, limit: 100, offset: 0 });
    expect(items).toHaveLength(60);
    expect(new Set(items.map((c) => c.state)).size).toBeGreaterThanOrEqual(3);
    expect(items.every((c) => c.receivedAt <= now)).toBe(true);

    // Every closed case went through the workflow's transitions, each recorded as an event in time order.
    const registry = new WorkflowRegistry();
    const closed = items.filter((c) => c.state === 'closed');
    expect(closed.length).toBeGreaterThan(10);
    for (const c of closed.slice(0, 10)) {
      const events = await repos.cases.listEvents(c.id);
      const acts = events.map((e) => e.activity);
      expect(acts[0]).toBe('case.created');
      expect(acts).toContain('message.sent');
      expect(acts.at(-1)).toBe('state.changed');
      const times = events.map((e) => e.occurredAt.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const transitions = events.filter((e) => e.activity === 'state.changed').map((e) => e.data.transition as string);
      const workflow = registry.get(c.kind, c.workflowVersion);
      let state = workflow.initialState;
      for (const t of transitions) {
        const def = workflow.transitions.find((x) => x.id === t);
        expect(def?.from).toContain(state);
        state = def?.to as string;
      }
      expect(state).toBe('closed');
    }
  });
});
