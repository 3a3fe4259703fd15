/**
 * Rules a process owner can write about cases, checked case by case: an activity must happen, one
 * must come before another, two must not both happen, an activity may happen at most once.
 */
import { caseCount, caseTrace, type EventLog } from '../log/event-log';

export type RuleType = 'must_happen' | 'must_precede' | 'never_both' | 'at_most_once';

/** A rule as written: `b` is needed by `must_precede` and `never_both`. */
export interface RuleSpec {
  type: RuleType;
  a: string;
  b?: string;
}

/** A rule that can be checked on one case's trace. */
export interface Rule extends RuleSpec {
  /** True when the trace satisfies the rule. */
  holds: (trace: readonly string[]) => boolean;
}

/** The activity occurs at least once in every case. */
export function mustHappen(a: string): Rule {
  return { type: 'must_happen', a, holds: (trace) => trace.includes(a) };
}

/** Every occurrence of `b` has an `a` somewhere before it (cases without `b` satisfy it). */
export function mustPrecede(a: string, b: string): Rule {
  return {
    type: 'must_precede',
    a,
    b,
    holds: (trace) => {
      for (const x of trace) {
        if (x === a) return true;
        if (x === b) return false;
      }
      return true;
    },
  };
}

/** No case has both `a` and `b`. */
export function neverBoth(a: string, b: string): Rule {
  return { type: 'never_both', a, b, holds: (trace) => !(trace.includes(a) && trace.includes(b)) };
}

/** The activity occurs at most once in every case. */
export function atMostOnce(a: string): Rule {
  return {
    type: 'at_most_once',
    a,
    holds: (trace) => {
      let seen = false;
      for (const x of trace) {
        if (x !== a) continue;
        if (seen) return false;
        seen = true;
      }
      return true;
    },
  };
}

/** Builds the checkable rule for a written one; throws when a two-activity rule lacks `b`. */
export function ruleFromSpec(spec: RuleSpec): Rule {
  const needB = (): string => {
    if (!spec.b) throw new Error(`rule ${spec.type} needs a second activity`);
    return spec.b;
  };
  switch (spec.type) {
    case 'must_happen':
      return mustHappen(spec.a);
    case 'must_precede':
      return mustPrecede(spec.a, needB());
    case 'never_both':
      return neverBoth(spec.a, needB());
    case 'at_most_once':
      return atMostOnce(spec.a);
  }
}

/** The outcome of one rule over a log. */
export interface RuleResult {
  rule: RuleSpec;
  casesChecked: number;
  /** Case ids that break the rule, in log order. */
  violatingCaseIds: string[];
}

/** Checks each rule on every case of the log. */
export function checkRules(log: EventLog, rules: readonly (Rule | RuleSpec)[]): RuleResult[] {
  const n = caseCount(log);
  const traces = Array.from({ length: n }, (_, c) => caseTrace(log, c));
  return rules.map((r) => {
    const rule = 'holds' in r ? r : ruleFromSpec(r);
    const violatingCaseIds: string[] = [];
    traces.forEach((trace, c) => {
      if (!rule.holds(trace)) violatingCaseIds.push(log.caseIds[c] ?? '');
    });
    const spec: RuleSpec = rule.b === undefined ? { type: rule.type, a: rule.a } : { type: rule.type, a: rule.a, b: rule.b };
    return { rule: spec, casesChecked: n, violatingCaseIds };
  });
}
