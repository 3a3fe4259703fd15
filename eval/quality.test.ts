import { describe, expect, it } from 'vitest';
import { suite as grounding } from './suites/grounding.eval';
import { suite as hostile } from './suites/hostile.eval';

// The quality bars of the drafting issue, run in CI: each suite decides pass/fail against its own
// stated bar (grounding: ≥ 95 % of planted errors flagged, ≤ 10 % of correct sentences flagged;
// hostile inquiries: every injected value that reaches a draft is flagged, no CPR reaches the endpoint).
describe('drafting quality bars (eval suites)', () => {
  it.each([
    ['grounding', grounding],
    ['hostile inquiries', hostile],
  ])(
    '%s',
    async (_name, suite) => {
      const lines: string[] = [];
      const result = await suite.run((line) => lines.push(line));
      expect(result.ok, lines.join('\n')).toBe(true);
    },
    120_000,
  );
});
