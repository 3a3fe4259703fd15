import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const units = pgTable('units', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  parentId: text('parent_id').references((): AnyPgColumn => units.id),
  kleCodes: text('kle_codes').array().notNull().default(sql`'{}'::text[]`),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    unitId: text('unit_id').references(() => units.id),
    locale: text('locale').notNull().default('da'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_idx').on(t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const caseCounters = pgTable('case_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    kleCode: text('kle_code'),
    unitId: text('unit_id').references(() => units.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    state: text('state').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    priority: text('priority').notNull().default('normal'),
    deadline: date('deadline', { mode: 'string' }),
    receivedAt: ts('received_at').notNull(),
    language: text('language').notNull().default('da'),
    channel: text('channel').notNull(),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** Kind-specific facts, e.g. a politician's question: committee, sub-questions, deadline rule, publishable. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    // Title and message text, kept for Danish full-text search of the inbox.
    searchText: text('search_text').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('cases_number_idx').on(t.number),
    index('cases_unit_state_idx').on(t.unitId, t.state),
    index('cases_deadline_idx').on(t.deadline),
    index('cases_search_idx').using('gin', sql`to_tsvector('danish', ${t.searchText})`),
  ],
);

export const parties = pgTable('parties', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  name: text('name'),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  cpr: text('cpr'),
  cvr: text('cvr'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const caseParties = pgTable(
  'case_parties',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.partyId, t.role] })],
);

export const blobs = pgTable('blobs', {
  hash: text('hash').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  content: bytea('content').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    direction: text('direction').notNull(),
    channel: text('channel').notNull(),
    fromAddress: text('from_address'),
    toAddresses: text('to_addresses').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    rawHash: text('raw_hash').references(() => blobs.hash),
    messageIdHeader: text('message_id_header'),
    inReplyTo: text('in_reply_to'),
    status: text('status').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    deliveryRef: text('delivery_ref'),
    /** Personal data found in subject+body: [{start,end,type}] offsets into bodyText; never logged. */
    piiSpans: jsonb('pii_spans').$type<{ start: number; end: number; type: string }[]>().notNull().default([]),
    /** The approved reply draft this message delivers: one message per approved draft, never two. */
    draftId: uuid('draft_id'),
    /** Set when AI sent the message on its own, under this version of the automation policy. */
    aiPolicyVersion: integer('ai_policy_version'),
    /** Drawn at random for a person's audit after an automatic send. */
    isAuditSample: boolean('is_audit_sample').notNull().default(false),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    lastAttemptAt: ts('last_attempt_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('messages_case_idx').on(t.caseId),
    index('messages_message_id_idx').on(t.messageIdHeader),
    uniqueIndex('messages_draft_uidx').on(t.draftId),
    index('messages_status_idx').on(t.direction, t.status),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    blobHash: text('blob_hash')
      .notNull()
      .references(() => blobs.hash),
    size: integer('size').notNull(),
    extractedText: text('extracted_text'),
    piiSpans: jsonb('pii_spans').$type<{ start: number; end: number; type: string }[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('documents_case_idx').on(t.caseId)],
);

export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** Subject of the outgoing reply; empty means the default "Sv: …". */
    subject: text('subject').notNull().default(''),
    /** The AI draft a person's reply was made from, for the diff and the usage log. */
    basedOnId: uuid('based_on_id').references((): AnyPgColumn => drafts.id),
    authorKind: text('author_kind').notNull(),
    authorId: text('author_id'),
    status: text('status').notNull().default('open'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('drafts_case_idx').on(t.caseId)],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    activity: text('activity').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    occurredAt: ts('occurred_at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.occurredAt), index('case_events_activity_idx').on(t.activity)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Hash of the previous entry; the chain makes any change, removal or reordering visible. */
    prevHash: text('prev_hash'),
    /** sha256 over the previous hash and this entry's canonical content. */
    hash: text('hash'),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_action_idx').on(t.action, t.outcome)],
);

// ── Intake and sorting ────────────────────────────────────────────────────────────────────────

/** The KLE taxonomy (main groups, groups, subjects) with its keywords: the label space of sorting. */
export const kleSubjects = pgTable(
  'kle_subjects',
  {
    code: text('code').primaryKey(),
    /** 1 = main group (07), 2 = group (07.18), 3 = subject (07.18.00). */
    level: integer('level').notNull(),
    title: text('title').notNull(),
    parentCode: text('parent_code'),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    isActive: boolean('is_active').notNull().default(true),
    source: text('source').notNull(),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [index('kle_subjects_parent_idx').on(t.parentCode)],
);

/**
 * One row per mail seen in a mailbox: (account, mailbox, UIDVALIDITY, UID) is the identity of a
 * delivery; the raw source is stored by hash in the same transaction before the mail is marked seen.
 */
export const mailReceipts = pgTable(
  'mail_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    account: text('account').notNull(),
    mailbox: text('mailbox').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    rawHash: text('raw_hash')
      .notNull()
      .references(() => blobs.hash),
    messageIdHeader: text('message_id_header'),
    /** stored → processed | failed. */
    status: text('status').notNull().default('stored'),
    caseId: uuid('case_id').references(() => cases.id),
    messageId: uuid('message_id').references(() => messages.id),
    /** Outcome for hard mail, e.g. duplicate_of_hash, reused_message_id, unparsed. */
    outcome: text('outcome'),
    error: text('error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    uniqueIndex('mail_receipts_identity_idx').on(t.account, t.mailbox, t.uidValidity, t.uid),
    index('mail_receipts_hash_idx').on(t.rawHash),
    index('mail_receipts_status_idx').on(t.status),
  ],
);

/** Every classification of an incoming item: what the model said, and what routing did with it. */
export const classifications = pgTable(
  'classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    modelVersion: text('model_version').notNull(),
    kleCode: text('kle_code'),
    kind: text('kind'),
    unitId: text('unit_id'),
    priority: text('priority'),
    language: text('language'),
    confidence: doublePrecision('confidence').notNull(),
    /** Alternatives and explanation as the classifier returned them. */
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    /** auto_routed | triage. */
    decision: text('decision').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('classifications_case_idx').on(t.caseId)],
);

/** Labelled examples the classifier learns from: corrections in triage, history, imported sets. */
export const trainingExamples = pgTable(
  'training_examples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    /** Text only for examples without a case (imported sets); otherwise read from the case. */
    subject: text('subject'),
    body: text('body'),
    kleCode: text('kle_code').notNull(),
    kind: text('kind'),
    source: text('source').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('training_examples_case_idx').on(t.caseId)],
);

/** Trained classifier models; the newest active one serves, so retraining needs no downtime. */
export const classifierModels = pgTable('classifier_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  version: text('version').notNull(),
  trainedOn: integer('trained_on').notNull(),
  metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
  model: jsonb('model').$type<unknown>().notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Confidence thresholds per kind and KLE group: at or above it a classification routes itself. */
export const routingThresholds = pgTable(
  'routing_thresholds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** null = every kind. */
    kind: text('kind'),
    /** null = every KLE group; else a group like 07.18 or a main group like 07. */
    kleGroup: text('kle_group'),
    threshold: doublePrecision('threshold').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('routing_thresholds_scope_idx').on(t.kind, t.kleGroup)],
);

// ── Knowledge base and drafting ──────────────────────────────────────────────────────────────

/** A source of the knowledge base: a document, a web page, a standard letter or an approved reply. */
export const knowledgeSources = pgTable(
  'knowledge_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** document | web_page | standard_letter | approved_reply. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    unitId: text('unit_id').references(() => units.id),
    kleCodes: text('kle_codes').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** File name or URL it came from. */
    origin: text('origin'),
    blobHash: text('blob_hash').references(() => blobs.hash),
    mediaType: text('media_type'),
    language: text('language').notNull().default('da'),
    /** The text of standard letters and approved replies (documents keep theirs in chunks). */
    body: text('body'),
    mergeFields: text('merge_fields').array().notNull().default(sql`'{}'::text[]`),
    /** The case an approved reply came from. */
    caseId: uuid('case_id').references(() => cases.id),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_sources_unit_idx').on(t.unitId), index('knowledge_sources_kind_idx').on(t.kind)],
);

/** A passage of a source, cut along its structure (headings, paragraphs, lists), with its place in the source. */
export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => knowledgeSources.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    /** Headings above the passage, e.g. "Affald › Storskrald". */
    headingPath: text('heading_path').notNull().default(''),
    text: text('text').notNull(),
    charStart: integer('char_start').notNull(),
    charEnd: integer('char_end').notNull(),
    page: integer('page'),
    paragraph: integer('paragraph'),
    /** Embedding when an embedding endpoint is configured; a plain array so it works without pgvector. */
    embedding: real('embedding').array(),
    // Stored, so ranking reads the vector instead of re-parsing every candidate's text.
    tsv: tsvector('tsv').generatedAlwaysAs(sql`to_tsvector('danish', heading_path || ' ' || text)`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_chunks_source_idx').on(t.sourceId, t.ordinal), index('knowledge_chunks_tsv_idx').using('gin', t.tsv)],
);

/** Every model call and offline-engine run: what went in (hashed, redacted), what came out, and what people did with it. */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    /** draft | classify | ground | summarise | minutes | consultation … */
    purpose: text('purpose').notNull(),
    /** offline | llm. */
    engine: text('engine').notNull(),
    endpoint: text('endpoint'),
    model: text('model'),
    promptId: text('prompt_id'),
    promptHash: text('prompt_hash'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    inputHash: text('input_hash'),
    redactedInputHash: text('redacted_input_hash'),
    redactedInput: text('redacted_input'),
    outputHash: text('output_hash'),
    output: text('output'),
    sources: jsonb('sources').$type<unknown[]>().notNull().default([]),
    tokensIn: integer('tokens_in'),
    tokensOut: integer('tokens_out'),
    latencyMs: integer('latency_ms'),
    startedBy: text('started_by'),
    /** Filled in later: approved | edited | rejected, the edit distance and the time to review. */
    reviewDecision: text('review_decision'),
    editDistance: integer('edit_distance'),
    reviewSeconds: integer('review_seconds'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ai_usage_case_idx').on(t.caseId), index('ai_usage_created_idx').on(t.createdAt)],
);

// ── Review, approval and the automation boundary ─────────────────────────────────────────────

/** One approval of an outgoing reply, bound to the sha256 of the exact content approved. */
export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** 1-based position in the approval chain. */
    step: integer('step').notNull(),
    /** The role the step asked for. */
    role: text('role').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    contentHash: text('content_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Set when the content changed or the draft was sent back; a voided approval never counts again. */
    voidedAt: ts('voided_at'),
    voidReason: text('void_reason'),
    /** Set when a send used the approval; a consumed approval never sends again. */
    consumedAt: ts('consumed_at'),
  },
  (t) => [index('approvals_draft_idx').on(t.draftId)],
);

/** The automation policy, one row per version; the newest is in force. Rows are never changed. */
export const aiPolicies = pgTable('ai_policies', {
  version: integer('version').primaryKey(),
  document: jsonb('document').$type<Record<string, unknown>>().notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  comment: text('comment').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Employees' quick ratings of AI suggestions (classification, draft, summary …), visible to the unit. */
export const aiRatings = pgTable(
  'ai_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').references(() => units.id),
    /** classification | draft | summary | consultation | minutes … */
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** up | down. */
    rating: text('rating').notNull(),
    reason: text('reason'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ai_ratings_unit_idx').on(t.unitId, t.createdAt), index('ai_ratings_target_idx').on(t.targetType, t.targetId)],
);

// ── Background jobs ──────────────────────────────────────────────────────────────────────────

/** Long work (indexing a document set, analysing a consultation) on one database-backed queue. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** queued | running | done | failed | cancelled. */
    status: text('status').notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** {done, total, etaSeconds, message}: what the UI and the CLI show. */
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    isCancelRequested: boolean('is_cancel_requested').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt)],
);

// ── Consultations (høringer) ─────────────────────────────────────────────────────────────────

export const consultations = pgTable('consultations', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  proposal: text('proposal').notNull().default(''),
  /** open | analysed | closed. */
  status: text('status').notNull().default('open'),
  caseId: uuid('case_id').references(() => cases.id),
  unitId: text('unit_id').references(() => units.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    /** The respondent's id from the import (row id, file name). */
    externalId: text('external_id').notNull(),
    text: text('text').notNull(),
    /** citizen | association | business | local_council | staff, when known. */
    respondentType: text('respondent_type'),
    /** Responses of one copy-paste campaign share this key. */
    campaignKey: text('campaign_key'),
    stance: text('stance'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultation_responses_ext_uidx').on(t.consultationId, t.externalId)],
);

/** Themes: proposed by AI or by a person, approved, renamed, merged or rejected by a person. */
export const consultationThemes = pgTable(
  'consultation_themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** ai | human. */
    origin: text('origin').notNull(),
    /** proposed | approved | rejected | merged. */
    status: text('status').notNull().default('proposed'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => consultationThemes.id),
    quotes: jsonb('quotes').$type<unknown[]>().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('consultation_themes_idx').on(t.consultationId)],
);

/** Response → theme assignments; AI and human assignments are separate rows, never overwritten. */
export const consultationAssignments = pgTable(
  'consultation_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    responseId: uuid('response_id')
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => consultationThemes.id, { onDelete: 'cascade' }),
    /** ai | human. */
    source: text('source').notNull(),
    stance: text('stance'),
    quotes: jsonb('quotes').$type<unknown[]>().notNull().default([]),
    score: real('score'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('consultation_assignments_idx').on(t.consultationId, t.responseId)],
);

// ── Meetings and minutes ─────────────────────────────────────────────────────────────────────

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  meetingDate: date('meeting_date', { mode: 'string' }),
  agenda: text('agenda').notNull(),
  transcript: text('transcript').notNull(),
  unitId: text('unit_id').references(() => units.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Every version of a meeting's minutes: initial AI, AI edit, human edit — never overwritten. */
export const minutesVersions = pgTable(
  'minutes_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** ai_initial | ai_edit | human_edit. */
    origin: text('origin').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('minutes_versions_uidx').on(t.meetingId, t.version)],
);
