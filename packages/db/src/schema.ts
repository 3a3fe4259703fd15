import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const units = pgTable('units', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  parentId: text('parent_id').references((): any => units.id),
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
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('messages_case_idx').on(t.caseId), index('messages_message_id_idx').on(t.messageIdHeader)],
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
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_action_idx').on(t.action, t.outcome)],
);
