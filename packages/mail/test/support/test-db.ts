import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@ekspedit/db';
import pg from 'pg';

/** Which database this run of the db tier uses: PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabaseKind: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface SharedTestDatabase {
  /** Environment for a child process (the CLI) to use the same database. */
  env: Record<string, string>;
  /** Opens the database in this process; on PGlite close it again before a child opens it. */
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

/**
 * A migrated database that a child process can use too: a PGlite data directory, or a fresh
 * database on the PostgreSQL server of TEST_DATABASE_URL (dropped on dispose).
 */
export async function createSharedTestDatabase(): Promise<SharedTestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = await mkdtemp(join(tmpdir(), 'ekspedit-intake-db-'));
    const first = await openDatabase({ dataDir, purpose: 'test' });
    await first.migrate();
    await first.close();
    return {
      env: { EKSPEDIT_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir, purpose: 'test' }),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `ekspedit_intake_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const first = await openDatabase({ databaseUrl: target.toString() });
  await first.migrate();
  await first.close();
  return {
    env: { DATABASE_URL: target.toString() },
    open: () => openDatabase({ databaseUrl: target.toString() }),
    async dispose() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
