import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/repositories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

describe(`AI usage log retention on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('deletes entries older than the retention period and keeps the rest', async () => {
    const repos = createRepositories(handle.db);
    const entry = {
      caseId: null,
      purpose: 'draft',
      engine: 'offline' as const,
      endpoint: null,
      model: null,
      promptId: 'p',
      promptHash: null,
      params: {},
      inputHash: null,
      redactedInputHash: null,
      redactedInput: null,
      outputHash: null,
      output: null,
      sources: [],
      tokensIn: null,
      tokensOut: null,
      latencyMs: 1,
      startedBy: null,
    };
    const old = await repos.aiUsage.record(entry);
    const recent = await repos.aiUsage.record(entry);
    await handle.db.execute(sql`update ai_usage set created_at = now() - interval '400 days' where id = ${old.id}`);
    const deleted = await repos.aiUsage.purgeBefore(new Date(Date.now() - 365 * 86_400_000));
    expect(deleted).toBe(1);
    expect(await repos.aiUsage.purgeBefore(new Date(Date.now() - 365 * 86_400_000))).toBe(0);
    // Exactly the recent entry was left.
    expect(await repos.aiUsage.purgeBefore(new Date(Date.now() + 1000))).toBe(1);
    expect(recent.id).not.toBe(old.id);
  });
});
