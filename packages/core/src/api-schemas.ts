/**
 * The HTTP contract: request and response schemas shared by the server (validation, OpenAPI),
 * the web app and the CLI. Browser-safe: imports nothing but zod.
 */
import { z } from 'zod';
import { caseKinds, channels, partyKinds, priorities, roles } from './roles';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe('Stable error code, e.g. CASE_NOT_FOUND'),
    message: z.string().describe('Human-readable message (Danish)'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  unitId: z.string().nullable(),
  locale: z.enum(['da', 'en']),
});
export type UserDto = z.infer<typeof userDto>;

export const loginRequest = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});

export const caseDto = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(caseKinds),
  title: z.string(),
  kleCode: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable().optional(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable().optional(),
  state: z.string(),
  isTerminal: z.boolean(),
  workflowVersion: z.number(),
  priority: z.enum(priorities),
  deadline: isoDate.nullable(),
  workingDaysLeft: z.number().nullable().describe('Working days until the deadline; negative when overdue'),
  receivedAt: z.string(),
  language: z.string(),
  channel: z.enum(channels),
  flags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CaseDto = z.infer<typeof caseDto>;

export const inboxQuery = z.strictObject({
  state: z.string().max(200).optional().describe('Comma-separated states'),
  kind: z.string().max(300).optional().describe('Comma-separated kinds'),
  deadlineBefore: isoDate.optional(),
  q: z.string().max(300).optional().describe('Free-text search (Danish stemming) or a case number'),
  sort: z.enum(['deadline', 'received', 'number']).default('deadline'),
  includeClosed: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const inboxResponse = z.object({ total: z.number(), items: z.array(caseDto) });

export const messageDto = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  channel: z.string(),
  fromAddress: z.string().nullable(),
  toAddresses: z.array(z.string()),
  subject: z.string(),
  bodyText: z.string(),
  status: z.string(),
  hasRaw: z.boolean(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveryRef: z.string().nullable(),
});
export type MessageDto = z.infer<typeof messageDto>;

export const documentDto = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});

export const partyDto = z.object({
  id: z.string(),
  kind: z.enum(partyKinds),
  role: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  hasCpr: z.boolean().describe('The CPR number itself is never sent to the browser'),
  cvr: z.string().nullable(),
});

export const eventDto = z.object({
  id: z.string(),
  activity: z.string(),
  actorKind: z.enum(['person', 'system', 'ai']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventDto = z.infer<typeof eventDto>;

export const transitionDto = z.object({ id: z.string(), to: z.string() });

export const caseDetailResponse = z.object({
  case: caseDto,
  messages: z.array(messageDto),
  documents: z.array(documentDto),
  parties: z.array(partyDto),
  events: z.array(eventDto),
  transitions: z.array(transitionDto).describe('Transitions the current user may take now'),
  canAct: z.boolean(),
});
export type CaseDetail = z.infer<typeof caseDetailResponse>;

export const transitionRequest = z.strictObject({
  transition: z.string().min(1).max(100),
  comment: z.string().max(2000).optional(),
});

export const replyRequest = z.strictObject({
  text: z.string().min(1).max(100_000),
  subject: z.string().max(300).optional(),
  thenTransition: z.string().max(100).optional(),
  /** The caseworker approves the sent reply for reuse: it becomes an `approved_reply` knowledge source, personal data removed. */
  approveForReuse: z.boolean().optional(),
  /** The AI draft the text was made from, so the usage log learns how much it was edited. */
  basedOnId: z.string().max(64).nullable().optional(),
});

export const registerCaseRequest = z.strictObject({
  kind: z.enum(caseKinds),
  title: z.string().trim().min(1).max(300),
  body: z.string().trim().max(100_000).default(''),
  channel: z.enum(channels).default('internal'),
  sender: z
    .strictObject({ kind: z.enum(partyKinds), name: z.string().trim().min(1).max(200), email: z.email().max(320).nullable().default(null) })
    .nullable()
    .default(null),
  unitId: z.string().max(100).nullable().optional(),
  politician: z
    .strictObject({
      asker: z.string().trim().min(1).max(200),
      committee: z.string().trim().max(200).nullable().default(null),
      questions: z.array(z.string().trim().min(1).max(5000)).min(1).max(20),
      deadlineRule: z.strictObject({ days: z.number().int().min(1).max(365), unit: z.enum(['working', 'calendar']) }),
      isPublishable: z.boolean().default(true),
    })
    .nullable()
    .optional(),
});

export const assignRequest = z.strictObject({ assigneeId: z.string().nullable() });

export const inquiryRequest = z.strictObject({
  kind: z.enum(['citizen_inquiry', 'access_request', 'complaint']).default('citizen_inquiry'),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  phone: z.string().max(40).optional(),
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(50_000),
});

export const inquiryResponse = z.object({ caseNumber: z.string(), deadline: isoDate.nullable() });

export const importEmlResponse = z.object({ case: caseDto, parsed: z.boolean() });

export const unitDto = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable(), kleCodes: z.array(z.string()) });

export const deadlineQuery = z.strictObject({ kind: z.enum(caseKinds), received: isoDate });
export const deadlineResponse = z.object({ deadline: isoDate.nullable(), workingDays: z.number().nullable() });

// ── Review, approval, automation policy, ratings ──────────────────────────────────────────────

export const replyDraftDto = z.object({
  id: z.string(),
  body: z.string(),
  subject: z.string(),
  status: z.string(),
  basedOnId: z.string().nullable(),
  contentHash: z.string(),
  updatedAt: z.string(),
});
export type ReplyDraftDto = z.infer<typeof replyDraftDto>;

export const approvalDto = z.object({
  id: z.string(),
  step: z.number(),
  role: z.string(),
  approverId: z.string(),
  approverName: z.string(),
  at: z.string(),
  isValid: z.boolean(),
  voidReason: z.string().nullable(),
  isConsumed: z.boolean(),
});
export type ApprovalDto = z.infer<typeof approvalDto>;

export const reviewResponse = z.object({
  reply: replyDraftDto.nullable(),
  /** The AI draft the reply builds on (or the newest one): text, sentences, citations, engine, model, prompt version. */
  aiDraft: z.record(z.string(), z.unknown()).nullable(),
  /** The model's classification of the case, for the "why" panel. */
  classification: z.object({ kleCode: z.string().nullable(), confidence: z.number(), modelVersion: z.string() }).nullable(),
  chain: z.array(z.string()),
  approvals: z.array(approvalDto),
  nextStep: z.number().nullable(),
  nextRole: z.string().nullable(),
  isComplete: z.boolean(),
  canApprove: z.boolean(),
  canSend: z.boolean(),
  policyVersion: z.number(),
});
export type ReviewResponse = z.infer<typeof reviewResponse>;

export const saveReplyRequest = z.strictObject({
  body: z.string().min(1).max(100_000),
  subject: z.string().max(300).optional(),
  basedOnId: z.string().max(64).nullable().optional(),
});
export const approveRequest = z.strictObject({ contentHash: z.string().regex(/^[0-9a-f]{64}$/) });
export const rejectRequest = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const sendApprovedRequest = z.strictObject({ contentHash: z.string().regex(/^[0-9a-f]{64}$/), thenTransition: z.string().max(100).optional() });

const automationLevel = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export const policyDocumentDto = z.strictObject({
  defaultLevel: automationLevel,
  rules: z
    .array(
      z.strictObject({
        kind: z.enum(caseKinds).nullable(),
        kleGroup: z.string().max(10).nullable(),
        channel: z.enum(['email', 'web', 'letter', 'phone', 'import', 'internal']).nullable(),
        level: automationLevel,
        autoSend: z.strictObject({ acknowledgements: z.boolean(), standardAnswers: z.boolean(), minConfidence: z.number(), auditShare: z.number() }).nullable(),
      }),
    )
    .max(500),
  killSwitches: z.strictObject({ classification: z.boolean(), drafting: z.boolean(), auto_send: z.boolean() }),
  approvalChains: z.record(z.string(), z.array(z.enum(['caseworker', 'team_lead', 'secretariat', 'director']))),
  pilot: z
    .strictObject({ name: z.string().trim().max(100), controlShare: z.number().min(0).max(1) })
    .nullable()
    .optional(),
});
export const policyDto = policyDocumentDto.extend({
  version: z.number(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  comment: z.string(),
});
export type PolicyDto = z.infer<typeof policyDto>;
export const policyResponse = z.object({ current: policyDto, history: z.array(policyDto) });
export const updatePolicyRequest = z.strictObject({
  document: policyDocumentDto,
  comment: z.string().max(1000).default(''),
  expectedVersion: z.number().int().min(0),
});

export const ratingRequest = z.strictObject({
  caseId: z.string().max(64).nullable().default(null),
  targetType: z.enum(['classification', 'draft', 'summary', 'consultation', 'minutes', 'acknowledgement']),
  targetId: z.string().max(100).nullable().default(null),
  rating: z.enum(['up', 'down']),
  reason: z.enum(['wrong', 'incomplete', 'tone', 'sources', 'too_long', 'good', 'other']).nullable().default(null),
  comment: z.string().max(2000).nullable().default(null),
});
export const ratingDto = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  targetType: z.string(),
  rating: z.enum(['up', 'down']),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  userName: z.string(),
  createdAt: z.string(),
});
export type RatingDto = z.infer<typeof ratingDto>;
export { caseKinds, channels } from './roles';
