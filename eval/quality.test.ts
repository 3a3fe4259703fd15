import { describe, expect, it } from 'vitest';
import { suite as consultation } from './suites/consultation.eval';
import { suite as grounding } from './suites/grounding.eval';
import { suite as hostile } from './suites/hostile.eval';
import { suite as minutes } from './suites/minutes.eval';
import { suite as precedents } from './suites/precedents.eval';

// The quality bars run in CI: each suite decides pass/fail against its own stated bar (grounding:
// ≥ 95 % of planted errors flagged, ≤ 10 % of correct sentences flagged; hostile inquiries: every
// injected value that reaches a draft is flagged, no CPR reaches the endpoint, routing unchanged;
// consultation, minutes and precedents: the bars written in their suites).
describe('quality bars (eval suites)', () => {
  it.each([
    ['grounding', grounding],
    ['hostile inquiries', hostile],
    ['consultation', consultation],
    ['minutes', minutes],
    ['precedents', precedents],
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
