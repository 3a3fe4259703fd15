import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash';
import { type Dovecot, dovecotBinary, startDovecot } from './support/dovecot';
import { variedMail } from './support/mails';
import { createSharedTestDatabase, type SharedTestDatabase, testDatabaseKind } from './support/test-db';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'apps', 'cli', 'bin', 'ekspedit.mjs');
const MAILS = 1000;
const KILLS = 20;

type Rows<T> = { rows: T[] };
async function query<T>(handle: DatabaseHandle, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await handle.db.execute(q)) as unknown as Rows<T>).rows;
}

/**
 * The crash test of the issue: a real Dovecot with 1,000 mails, the intake CLI killed with SIGKILL
 * at random moments over at least 20 cycles and restarted until everything is processed. After
 * every kill: nothing is \Seen on the server without a stored receipt. At the end: nothing lost,
 * nothing twice.
 */
describe.skipIf(!dovecotBinary)(`IMAP intake survives SIGKILL (${testDatabaseKind})`, () => {
  let dovecot: Dovecot;
  let database: SharedTestDatabase;
  const appended = new Map<number, string>();
  let uidValidity = 0;

  beforeAll(async () => {
    [dovecot, database] = await Promise.all([startDovecot(), createSharedTestDatabase()]);
    const client = await dovecot.client();
    for (let i = 0; i < MAILS; i++) {
      const raw = variedMail(i);
      const result = await client.append('INBOX', raw);
      if (result === false || !result.uid) throw new Error('APPEND gave no UID');
      appended.set(result.uid, sha256Hex(new TextEncoder().encode(raw)));
      uidValidity = Number(result.uidValidity);
    }
    await client.logout();
  }, 120_000);

  afterAll(async () => {
    await dovecot?.stop();
    await database?.dispose();
  });

  const account = () => `${dovecot.user}@127.0.0.1`;

  function runIntake(args = ['intake', 'imap', '--once', '--format', 'json']): { child: ChildProcess; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...database.env, EKSPEDIT_IMAP_URL: dovecot.url, EKSPEDIT_IMAP_MAILBOXES: 'INBOX', EKSPEDIT_LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited };
  }

  /** Every \Seen UID on the server has a receipt: the server never learned of a mail we had not stored. */
  async function assertNothingSeenBeforeStored(): Promise<{ seen: number; stored: number; processed: number }> {
    const client = await dovecot.client();
    await client.mailboxOpen('INBOX', { readOnly: true });
    const seen = (await client.search({ seen: true }, { uid: true })) || [];
    await client.logout();
    const handle = await database.open();
    try {
      const receipts = createRepositories(handle.db).mailReceipts;
      const stored = new Set(await receipts.listStoredUids(account(), 'INBOX', uidValidity));
      const seenUnstored = seen.filter((uid) => !stored.has(uid));
      expect(seenUnstored).toEqual([]);
      const counts = await receipts.countByStatus();
      return { seen: seen.length, stored: stored.size, processed: counts.processed + counts.duplicate };
    } finally {
      await handle.close();
    }
  }

  it('loses nothing, duplicates nothing, marks nothing seen before it is stored', async () => {
    const started = Date.now();
    let kills = 0;
    let cycles = 0;
    const killedMidWork: { stored: number; processed: number }[] = [];
    // Kill moments spread over start-up (database open, migrations, login) and the work itself.
    // Start-up time depends on the machine's load, so the window moves later whenever a cycle
    // made no progress at all: the kills then land in the work, not only before it.
    // Calibration: how long the CLI takes to start, open the database and exit on this machine now.
    const calibrationStart = Date.now();
    expect(await runIntake(['intake', 'process']).exited).toBe(0);
    const startup = Date.now() - calibrationStart;
    let base = Math.max(300, startup - 800);
    let span = 1200;
    let last = { stored: 0, processed: 0 };
    while (kills < KILLS && cycles < 200) {
      cycles++;
      const { child, exited } = runIntake();
      const delay = base + Math.random() * span;
      const outcome = await Promise.race([exited.then((code) => ({ code })), new Promise<null>((r) => setTimeout(() => r(null), delay))]);
      if (outcome === null) {
        child.kill('SIGKILL');
        await exited;
        kills++;
      }
      const progress = await assertNothingSeenBeforeStored();
      if (outcome === null && progress.processed < MAILS && progress.stored > 0) killedMidWork.push(progress);
      const isStuck = progress.stored === last.stored && progress.processed === last.processed && progress.processed < MAILS;
      const moved = progress.stored - last.stored + progress.processed - last.processed;
      if (outcome !== null) {
        // It finished before the kill: aim earlier, into start-up, so later cycles are still killed.
        base = Math.max(100, base / 2);
        span = Math.max(200, span / 2);
      } else if (isStuck) base += 400;
      else if (moved > MAILS / 8) base = Math.max(startup / 3, base - 300);
      last = progress;
      if (process.env.CRASH_TRACE)
        process.stderr.write(
          `cycle ${cycles}: delay ${Math.round(delay)} ms, killed ${outcome === null}, ${progress.stored}/${progress.processed}, t=${Date.now() - started} ms\n`,
        );
    }
    expect(kills).toBe(KILLS);
    // The kills must have hit real work, not only start-up or an idle process.
    expect(killedMidWork.length).toBeGreaterThanOrEqual(5);
    // Then run to the end without interruption.
    const final = runIntake();
    expect(await final.exited).toBe(0);
    const after = await assertNothingSeenBeforeStored();
    expect(after.seen).toBe(MAILS);

    const handle = await database.open();
    try {
      const receipts = await query<{ uid: number; raw_hash: string; status: string; message_id: string | null; case_id: string | null }>(
        handle,
        sql`select uid, raw_hash, status, message_id, case_id from mail_receipts where account = ${account()} and mailbox = 'INBOX'`,
      );
      // Exactly one receipt per appended mail, with the very bytes that were appended.
      expect(receipts).toHaveLength(MAILS);
      for (const r of receipts) expect(r.raw_hash).toBe(appended.get(Number(r.uid)));
      expect(new Set(receipts.map((r) => Number(r.uid))).size).toBe(MAILS);
      // Every one processed into exactly one message on a case; none twice.
      expect(receipts.filter((r) => r.status !== 'processed')).toEqual([]);
      expect(new Set(receipts.map((r) => r.message_id)).size).toBe(MAILS);
      const perHash = await query<{ raw_hash: string; n: number }>(
        handle,
        sql`select raw_hash, count(*)::int as n from messages where direction = 'in' and raw_hash is not null group by raw_hash`,
      );
      expect(perHash).toHaveLength(MAILS);
      expect(perHash.filter((r) => r.n !== 1)).toEqual([]);
      const [cases] = await query<{ n: number }>(handle, sql`select count(*)::int as n from cases`);
      expect(cases?.n).toBe(MAILS);
    } finally {
      await handle.close();
    }
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `crash test (${testDatabaseKind}): start-up ${startup} ms, ${cycles} cycles, ${kills} SIGKILLs (${killedMidWork.length} mid-work: ${killedMidWork.map((p) => `${p.stored}/${p.processed}`).join(' ')}), ${MAILS} mails, ${seconds.toFixed(1)} s\n`,
    );
  }, 170_000);
});
