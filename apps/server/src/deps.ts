import { randomUUID } from 'node:crypto';
import { type Clock, type Config, type MailTransport, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { createOutboxTransport, createSmtpTransport } from '@ekspedit/mail';

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
}

/** Composes repositories, calendar, workflows and the mail transport from configuration. */
export function createDeps(config: Config, database: DatabaseHandle, overrides: Partial<Pick<AppDeps, 'clock' | 'mail'>> = {}): AppDeps {
  const domain = /@([^>\s]+)/.exec(config.mailFrom)?.[1] ?? 'ekspedit.local';
  return {
    config,
    database,
    repos: createRepositories(database.db),
    workflows: new WorkflowRegistry(),
    calendar: new WorkingCalendar(config.calendar),
    clock: overrides.clock ?? { now: () => new Date() },
    mail: overrides.mail ?? (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : createOutboxTransport(config.outboxDir)),
    fromAddress: config.mailFrom,
    newMessageId: () => `<${randomUUID()}@${domain}>`,
  };
}
