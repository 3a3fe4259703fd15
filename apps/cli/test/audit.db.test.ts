import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support';

const run = runCli;

describe('ekspedit audit verify', () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'ekspedit-cli-audit-'));
  beforeAll(async () => {
    process.env.EKSPEDIT_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const handle = await openDatabase({ dataDir: dir });
    await handle.migrate();
    const audit = createRepositories(handle.db).audit;
    for (let i = 0; i < 5; i++)
      await audit.record({ actorKind: 'person', actorId: 'u1', action: 'auth.login', outcome: 'allowed', targetType: 'user', targetId: 'u1', data: { i } });
    await handle.close();
  });
  afterAll(() => {
    process.env = saved;
  });

  it('prints {"ok","entries","firstBadEntry"} for an intact chain, and exit code 1 for a broken one', async () => {
    const good = await run(['audit', 'verify', '--format', 'json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toEqual({ ok: true, entries: 5, firstBadEntry: null });

    const handle = await openDatabase({ dataDir: dir });
    await handle.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await handle.db.execute(sql`update audit_log set actor_id = 'someone-else' where id = (select min(id) + 2 from audit_log)`);
    const [third] = ((await handle.db.execute(sql`select min(id) + 2 as id from audit_log`)) as unknown as { rows: { id: number | string }[] }).rows;
    await handle.close();

    const bad = await run(['audit', 'verify', '--format', 'json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toEqual({ ok: false, entries: 3, firstBadEntry: Number(third?.id) });
  });
});
