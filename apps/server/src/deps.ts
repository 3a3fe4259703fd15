import { randomUUID } from 'node:crypto';
import { createDraftingEngine, createKnowledgeSearch, createOpenAiProvider, type LlmConfig } from '@ekspedit/ai';
import type { DraftingEngine, KnowledgeSearch } from '@ekspedit/core';
import { type Clock, type Config, type MailTransport, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { createOutboxTransport, createSmtpTransport } from '@ekspedit/mail';
import { type ClassifierProvider, noClassifier } from './classifier';

/** Everything the routes' use cases may ask for, built once. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  repos: ReturnType<typeof createRepositories>;
  workflows: WorkflowRegistry;
  calendar: WorkingCalendar;
  clock: Clock;
  mail: MailTransport;
  fromAddress: string;
  newMessageId: () => string;
  classifier: ClassifierProvider;
  /** The model endpoint, or null: drafting then uses the offline engine only. */
  llm: LlmConfig | null;
  drafting: DraftingEngine;
  knowledge: KnowledgeSearch;
}

/** Composes repositories, calendar, workflows and the mail transport from configuration. */
export function createDeps(config: Config, database: DatabaseHandle, overrides: Partial<Pick<AppDeps, 'clock' | 'mail' | 'classifier' | 'llm'>> = {}): AppDeps {
  const domain = /@([^>\s]+)/.exec(config.mailFrom)?.[1] ?? 'ekspedit.local';
  const repos = createRepositories(database.db);
  const llm = overrides.llm ?? null;
  return {
    config,
    database,
    repos,
    workflows: new WorkflowRegistry(),
    calendar: new WorkingCalendar(config.calendar),
    clock: overrides.clock ?? { now: () => new Date() },
    mail: overrides.mail ?? (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : createOutboxTransport(config.outboxDir)),
    fromAddress: config.mailFrom,
    newMessageId: () => `<${randomUUID()}@${domain}>`,
    classifier: overrides.classifier ?? noClassifier,
    llm,
    drafting: createDraftingEngine({
      llm: llm ? createOpenAiProvider(llm) : null,
      // Without a declared trust level, treat the endpoint as external: redact names and addresses too.
      trust: llm?.trust ?? 'external',
      caseTokenBudget: llm?.caseTokenBudget ?? 0,
      stream: true,
    }),
    knowledge: createKnowledgeSearch(repos.knowledge, { mode: 'hybrid' }),
  };
}

/** The dependencies of the review, approval and sending use cases. */
export function reviewDeps(deps: AppDeps) {
  const { repos } = deps;
  return {
    cases: repos.cases,
    directory: repos.directory,
    reviews: repos.reviews,
    outbox: repos.outbox,
    policy: repos.policy,
    audit: repos.audit,
    clock: deps.clock,
    usageReview: repos.aiUsage,
    usage: repos.aiUsage,
    workflows: deps.workflows,
    mail: deps.mail,
    fromAddress: deps.fromAddress,
    newMessageId: deps.newMessageId,
  };
}
