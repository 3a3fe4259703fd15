import { findPersonalData } from '@ekspedit/ai';
import { type Config, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import {
  createTesseractOcr,
  type IntakeDeps,
  type IntakeLogger,
  parseAfterStore,
  processPendingReceipts,
  startImapPoller,
  startSmtpReceiver,
} from '@ekspedit/mail';

/**
 * Starts the configured mail intake (IMAP poller, SMTP receiver) beside the server, with
 * processing serialised in one queue; returns a stop function that waits for work in flight.
 */
export async function startMailIntake(
  config: Config,
  database: DatabaseHandle,
  log: IntakeLogger,
  overrides: Pick<Partial<IntakeDeps>, 'sorting' | 'afterNewCase'> = {},
): Promise<{ stop(): Promise<void> } | null> {
  if (!config.imap && !config.smtpReceiver) return null;
  const repos = createRepositories(database.db);
  const deps: IntakeDeps = {
    cases: repos.cases,
    receipts: repos.mailReceipts,
    directory: repos.directory,
    workflows: new WorkflowRegistry(),
    calendar: new WorkingCalendar(config.calendar),
    clock: { now: () => new Date() },
    findPersonalData,
    maxBytes: config.maxUploadBytes,
    extract: { maxBytes: config.maxUploadBytes, ocr: createTesseractOcr() },
    sorting: overrides.sorting ?? null,
    afterNewCase: overrides.afterNewCase,
    log,
  };
  let queue: Promise<unknown> = processPendingReceipts(deps).catch(() => undefined);
  const process = () => {
    queue = queue.then(() => processPendingReceipts(deps)).catch((error: Error) => log.warn({ reason: error.name }, 'mail processing pass failed'));
    return queue;
  };
  const stops: (() => Promise<void>)[] = [];
  if (config.imap) {
    const poller = startImapPoller(
      { url: config.imap.url, mailboxes: config.imap.mailboxes, after: parseAfterStore(config.imap.after), intervalMs: config.imap.pollSeconds * 1000 },
      { receipts: repos.mailReceipts, log, afterPoll: process },
    );
    stops.push(() => poller.stop());
  }
  if (config.smtpReceiver) {
    const receiver = await startSmtpReceiver(
      { listen: config.smtpReceiver.listen, domains: config.smtpReceiver.domains, maxBytes: config.maxUploadBytes },
      { receipts: repos.mailReceipts, log, afterStore: () => void process() },
    );
    log.info({ port: receiver.port }, 'smtp receiver listening');
    stops.push(() => receiver.stop());
  }
  return {
    async stop() {
      for (const stop of stops) await stop();
      await queue;
    },
  };
}
