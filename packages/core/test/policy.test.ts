import { describe, expect, it } from 'vitest';
import { type AiPolicyDocument, approvalChain, automationLevel, decideAutoSend, defaultPolicyDocument, isFeatureAllowed, validatePolicy } from '../src/policy';

const ack = { acknowledgements: true, standardAnswers: true, minConfidence: 0.9, auditShare: 0.1 };
const policy: AiPolicyDocument = {
  ...defaultPolicyDocument,
  rules: [
    { kind: null, kleGroup: '07', channel: null, level: 1, autoSend: null },
    { kind: null, kleGroup: '07.18', channel: null, level: 3, autoSend: ack },
    { kind: null, kleGroup: '07.18', channel: 'letter', level: 2, autoSend: null },
    { kind: 'complaint', kleGroup: null, channel: null, level: 0, autoSend: null },
  ],
};

describe('automation policy', () => {
  it('applies the most specific rule: kind over KLE group, longer group over shorter, channel last', () => {
    expect(automationLevel(policy, { kind: 'citizen_inquiry', kleCode: '07.18.03', channel: 'web' })).toBe(3);
    expect(automationLevel(policy, { kind: 'citizen_inquiry', kleCode: '07.18.03', channel: 'letter' })).toBe(2);
    expect(automationLevel(policy, { kind: 'citizen_inquiry', kleCode: '07.20.00', channel: 'web' })).toBe(1);
    expect(automationLevel(policy, { kind: 'complaint', kleCode: '07.18.03', channel: 'web' })).toBe(0);
    expect(automationLevel(policy, { kind: 'citizen_inquiry', kleCode: '02.00.00', channel: 'web' })).toBe(2);
    // "07.1" must not match 07.18: groups match whole segments.
    expect(
      automationLevel(
        { ...policy, rules: [{ kind: null, kleGroup: '07.1', channel: null, level: 0, autoSend: null }] },
        { kind: 'citizen_inquiry', kleCode: '07.18.03', channel: null },
      ),
    ).toBe(2);
  });

  it('lets features run by level, and kill switches stop them everywhere', () => {
    const ctx = { kind: 'citizen_inquiry', kleCode: '07.20.00', channel: 'web' } as const;
    expect(isFeatureAllowed(policy, 'classification', ctx)).toBe(true);
    expect(isFeatureAllowed(policy, 'drafting', ctx)).toBe(false);
    expect(isFeatureAllowed({ ...policy, killSwitches: { ...policy.killSwitches, classification: true } }, 'classification', ctx)).toBe(false);
  });

  it('sends by AI only acknowledgements and sure standard answers, never to politicians or as a decision', () => {
    const ctx = { kind: 'citizen_inquiry', kleCode: '07.18.03', channel: 'web' } as const;
    expect(decideAutoSend(policy, ctx, { purpose: 'acknowledgement' })).toMatchObject({ allowed: true, auditShare: 0.1 });
    expect(decideAutoSend(policy, ctx, { purpose: 'standard_answer', confidence: 0.95 }).allowed).toBe(true);
    expect(decideAutoSend(policy, ctx, { purpose: 'standard_answer', confidence: 0.8 })).toEqual({ allowed: false, reason: 'confidence' });
    expect(decideAutoSend(policy, { ...ctx, kind: 'politician_question' }, { purpose: 'acknowledgement' })).toEqual({ allowed: false, reason: 'hard_limit' });
    expect(decideAutoSend(policy, { ...ctx, kind: 'access_request' }, { purpose: 'standard_answer', confidence: 1 })).toEqual({
      allowed: false,
      reason: 'hard_limit',
    });
    expect(decideAutoSend({ ...policy, killSwitches: { ...policy.killSwitches, auto_send: true } }, ctx, { purpose: 'acknowledgement' })).toEqual({
      allowed: false,
      reason: 'kill_switch',
    });
    expect(decideAutoSend(policy, { ...ctx, kleCode: '02.00.00' }, { purpose: 'acknowledgement' })).toEqual({ allowed: false, reason: 'level' });
  });

  it('always puts a team lead in the chain of a politician answer, and refuses level 3 for politicians', () => {
    expect(approvalChain({ ...policy, approvalChains: { politician_question: ['caseworker'] } }, 'politician_question')).toEqual(['caseworker', 'team_lead']);
    expect(approvalChain(policy, 'citizen_inquiry')).toEqual(['caseworker']);
    expect(() => validatePolicy({ ...policy, rules: [{ kind: 'politician_question', kleGroup: null, channel: null, level: 3, autoSend: ack }] })).toThrow(
      /politikere/,
    );
    expect(() => validatePolicy({ ...policy, defaultLevel: 3 })).toThrow();
    expect(() => validatePolicy(policy)).not.toThrow();
  });
});
