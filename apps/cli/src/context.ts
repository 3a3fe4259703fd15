import { type Config, loadConfig } from '@ekspedit/core';
import { type DatabaseHandle, openDatabase } from '@ekspedit/db';

/**
 * Opens the same database the server uses (same variables, same data directory and lock), runs
 * the migrations, and hands it to `fn`; closes it afterwards.
 */
export async function withDatabase<T>(purpose: string, fn: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: `cli: ${purpose}` });
  try {
    await handle.migrate();
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}
