import { describe, expect, it } from 'vitest';
import { main } from '../src/main';
import { capture } from './support';

describe('ekspedit CLI', () => {
  it('prints the access-request deadline over Easter 2026 as JSON', async () => {
    const io = capture();
    const code = await main(['deadline', '--kind', 'access_request', '--received', '2026-04-01', '--format', 'json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ deadline: '2026-04-15', workingDays: 7 });
  });

  it('prints a table by default', async () => {
    const io = capture();
    await main(['deadline', '--kind', 'complaint', '--received', '2026-12-18'], io);
    // 20 working days from Fri 18 Dec skip 24–26 Dec, 31 Dec and 1 Jan.
    expect(io.out).toMatch(/deadline\s+2027-01-21/);
  });

  it('rejects an unknown kind and a bad date with usage and exit code 2', async () => {
    const io = capture();
    expect(await main(['deadline', '--kind', 'pizza', '--received', '2026-04-01'], io)).toBe(2);
    expect(io.err).toContain('--kind');
    expect(await main(['deadline', '--kind', 'memo', '--received', '1. april'], capture())).toBe(2);
    expect(await main(['deadline', '--kind', 'memo', '--received', '2026-04-01', '--bogus'], capture())).toBe(2);
  });

  it('has help and refuses unknown commands', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out).toContain('deadline');
    expect(await main(['frobnicate'], capture())).toBe(2);
  });

  it('lists workflows in every format', async () => {
    const json = capture();
    await main(['workflows', '--format', 'json'], json);
    expect(JSON.parse(json.out).map((w: { kind: string }) => w.kind)).toContain('access_request');
    const csv = capture();
    await main(['workflows', '--format', 'csv'], csv);
    expect(csv.out.split('\n')[0]).toBe('kind,version,deadline,states,transitions');
  });
});
