import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { AppError } from '../src/errors';

describe('loadConfig', () => {
  it('keeps the AI usage log at least six months', () => {
    expect(loadConfig({}).aiUsageRetentionDays).toBe(365);
    expect(loadConfig({ EKSPEDIT_AI_USAGE_RETENTION_DAYS: '200' }).aiUsageRetentionDays).toBe(200);
    expect(() => loadConfig({ EKSPEDIT_AI_USAGE_RETENTION_DAYS: '30' })).toThrow(/EKSPEDIT_AI_USAGE_RETENTION_DAYS/);
  });

  it('has embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ dataDir: './data', databaseUrl: null, port: 3000, seedDemo: true, outboxDir: './data/outbox' });
    expect(c.calendar.closedDays).toEqual(['06-05', '12-24', '12-31']);
  });

  it('does not seed demo data into PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', EKSPEDIT_SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('reads the domains web pages may be imported from; none by default', () => {
    expect(loadConfig({}).kbAllowedDomains).toEqual([]);
    expect(loadConfig({ EKSPEDIT_KB_ALLOWED_DOMAINS: ' Kommune.dk, borger.dk ' }).kbAllowedDomains).toEqual(['kommune.dk', 'borger.dk']);
    expect(() => loadConfig({ EKSPEDIT_KB_ALLOWED_DOMAINS: 'https://kommune.dk/' })).toThrow(/EKSPEDIT_KB_ALLOWED_DOMAINS/);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', EKSPEDIT_CLOSED_DAYS: '5 juni' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const problems = (error as AppError).details?.problems as string[];
      expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
      expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
      expect(problems.some((p) => p.startsWith('EKSPEDIT_CLOSED_DAYS'))).toBe(true);
    }
  });
});
