import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, runServerToExit, startServer } from './support/server';

describe('one server per PGlite data directory', () => {
  let first: RunningServer;
  beforeAll(async () => {
    first = await startServer({ env: { EKSPEDIT_SEED_DEMO: 'false' } });
  });
  afterAll(async () => {
    await first?.stop();
  });

  it('refuses a second server on the same data directory at once, with a clear message', async () => {
    const second = await runServerToExit({ EKSPEDIT_DATA_DIR: first.dataDir, PORT: String(await freePort()), EKSPEDIT_SEED_DEMO: 'false' });
    expect(second.code).toBe(1);
    expect(second.output).toContain('DATA_DIR_LOCKED');
    expect(second.output).toContain('bruges allerede af en anden Ekspedit-proces');
    // "At once": no database was opened, so it fails in seconds, not after a timeout.
    expect(second.ms).toBeLessThan(15_000);
    // The first server is unharmed.
    expect((await fetch(`${first.url}/api/health`)).ok).toBe(true);
  });
});
