import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock } from './lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** The Drizzle database, the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs the committed SQL migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string | null;
  /** Data directory of the embedded database; `null` for an in-memory database (tests). */
  dataDir?: string | null;
  /** What the lock file says the holder is doing. */
  purpose?: string;
}

/** Opens PostgreSQL when a URL is given, otherwise PGlite in the data directory (taking its lock). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server closes (restart, failover, a dropped database) must not crash
    // the process: the pool replaces it on the next query, and that query reports any real failure.
    pool.on('error', () => {});
    // Surface a wrong URL at start-up rather than on the first request.
    await pool.query('select 1');
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migrateNodePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  let release: (() => void) | null = null;
  let client: PGlite;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    release = acquireDataDirLock(dir, options.purpose ?? 'ekspedit');
    try {
      mkdirSync(join(dir, 'pgdata'), { recursive: true });
      client = new PGlite(join(dir, 'pgdata'));
      await client.waitReady;
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = new PGlite();
    await client.waitReady;
  }
  return wrapPglite(client, release);
}

/** Wraps an open PGlite client (also a clone in tests) as a handle. */
export function wrapPglite(client: PGlite, release: (() => void) | null = null): DatabaseHandle {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      await client.close();
      release?.();
    },
  };
}
