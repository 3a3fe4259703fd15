import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/open';
import { createRepositories } from '../src/repositories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Tampering means going around the application: the append-only trigger is switched off first,
// as someone with direct database access would do.
async function tamper(handle: DatabaseHandle, statement: ReturnType<typeof sql>) {
  await handle.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await handle.db.execute(statement);
  } finally {
    await handle.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
}

describe(`hash-chained audit log on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  const fill = async (n: number) => {
    const audit = createRepositories(handle.db).audit;
    for (let i = 0; i < n; i++) {
      await audit.record({
        actorKind: 'person',
        actorId: `u${i % 3}`,
        action: i % 2 ? 'case.read' : 'auth.login',
        outcome: 'allowed',
        targetType: 'case',
        targetId: `c${i}`,
        data: { i, nested: { b: 1, a: [i] } },
      });
    }
  };

  it('verifies an untouched chain and exports its head', async () => {
    await fill(25);
    const audit = createRepositories(handle.db).audit;
    expect(await audit.verify()).toEqual({ ok: true, entries: 25, firstBadEntry: null });
    const head = await audit.head();
    expect(head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects every random update, deletion and reordering (30 trials)', async () => {
    const audit = createRepositories(handle.db).audit;
    let detected = 0;
    const trials = 30;
    for (let t = 0; t < trials; t++) {
      // Each trial starts from a clean chain.
      await tamper(handle, sql`truncate audit_log`);
      await fill(12);
      const ids = ((await handle.db.execute(sql`select id from audit_log order by id`)) as unknown as { rows: { id: number | string }[] }).rows.map((r) =>
        Number(r.id),
      );
      const pick = ids[(t * 7) % ids.length] as number;
      const other = ids[(t * 7 + 3) % ids.length] as number;
      const kind = t % 4;
      if (kind === 0) await tamper(handle, sql`update audit_log set outcome = 'denied' where id = ${pick}`);
      if (kind === 1) await tamper(handle, sql`update audit_log set data = jsonb_set(data, '{i}', '999') where id = ${pick}`);
      if (kind === 2) await tamper(handle, sql`delete from audit_log where id = ${pick}`);
      if (kind === 3) {
        // Swap two entries' places in the order (their ids), keeping each entry's own hash.
        await tamper(handle, sql`update audit_log set id = -1 where id = ${pick}`);
        await tamper(handle, sql`update audit_log set id = ${pick} where id = ${other}`);
        await tamper(handle, sql`update audit_log set id = ${other} where id = -1`);
      }
      const result = await audit.verify();
      if (!result.ok && result.firstBadEntry !== null) detected++;
    }
    expect(detected).toBe(trials);
  });

  it('refuses updates and deletes through the application role (trigger)', async () => {
    await fill(1);
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
