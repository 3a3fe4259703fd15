import { describe, expect, it } from 'vitest';
import { type ApprovalRecord, approvalState, contentHash, type ReplyDraft, wordEditDistance } from '../src/review';

const draft: ReplyDraft = {
  id: 'd1',
  caseId: 'c1',
  body: 'Kære Anne\n\nStorskrald hentes mandag.',
  subject: '',
  status: 'open',
  authorKind: 'person',
  authorId: 'u1',
  basedOnId: null,
  data: {},
  createdAt: new Date(),
  updatedAt: new Date(),
};
const approval = (step: number, hash: string, extra: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  id: `a${step}`,
  draftId: 'd1',
  caseId: 'c1',
  step,
  role: step === 1 ? 'caseworker' : 'team_lead',
  approverId: `u${step}`,
  contentHash: hash,
  createdAt: new Date(),
  voidedAt: null,
  voidReason: null,
  consumedAt: null,
  ...extra,
});

describe('approval bound to content', () => {
  it('hashes the exact content: any edit gives a new hash, line endings and outer spaces do not', () => {
    const h = contentHash(draft);
    expect(contentHash({ ...draft, body: `${draft.body.replace(/\n/g, '\r\n')}  ` })).toBe(h);
    expect(contentHash({ ...draft, body: draft.body.replace('mandag', 'tirsdag') })).not.toBe(h);
    expect(contentHash({ ...draft, subject: 'Svar' })).not.toBe(h);
    expect(contentHash({ ...draft, caseId: 'c2' })).not.toBe(h);
  });

  it('counts only live approvals of the current content, in chain order', () => {
    const h = contentHash(draft);
    const chain = ['caseworker', 'team_lead'] as const;
    expect(approvalState(draft, [...chain], [approval(1, h)])).toMatchObject({ nextStep: 2, isComplete: false });
    expect(approvalState(draft, [...chain], [approval(1, h), approval(2, h)]).isComplete).toBe(true);
    expect(approvalState(draft, [...chain], [approval(1, 'old'), approval(2, h)]).valid).toHaveLength(0);
    expect(approvalState(draft, [...chain], [approval(1, h, { voidedAt: new Date() }), approval(2, h)]).nextStep).toBe(1);
    expect(approvalState(draft, [...chain], [approval(1, h, { consumedAt: new Date() })]).nextStep).toBe(1);
  });

  it('measures edits in words', () => {
    expect(wordEditDistance('Storskrald hentes mandag.', 'Storskrald hentes mandag.')).toBe(0);
    expect(wordEditDistance('Storskrald hentes mandag.', 'Storskrald hentes tirsdag.')).toBe(1);
    expect(wordEditDistance('a b c', 'a c')).toBe(1);
    expect(wordEditDistance('', 'tre nye ord')).toBe(3);
  });
});
