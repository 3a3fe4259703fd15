import { asCaseClassifier, ClassifierService, findPersonalData } from '@ekspedit/ai';
import { type CaseClassifier, type Config, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import {
  createIntakeSorting,
  createTesseractOcr,
  type IntakeDeps,
  parseAfterStore,
  pollImapOnce,
  processPendingReceipts,
  startImapPoller,
  startSmtpReceiver,
} from '@ekspedit/mail';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';
import { loadModel } from './classify';

/** Intake dependencies on an open database, from configuration. */
export function buildIntakeDeps(handle: DatabaseHandle, config: Config): IntakeDeps {
  const repos = createRepositories(handle.db);
  return {
    cases: repos.cases,
    receipts: repos.mailReceipts,
    directory: repos.directory,
    workflows: new WorkflowRegistry(),
    calendar: new WorkingCalendar(config.calendar),
    clock: { now: () => new Date() },
    findPersonalData,
    maxBytes: config.maxUploadBytes,
    extract: { maxBytes: config.maxUploadBytes, ocr: createTesseractOcr() },
    // The same sorting as the server: the serving model (loaded once, when the first mail needs it).
    sorting: createIntakeSorting({
      classifier: servingClassifier(repos),
      routing: repos.routing,
      directory: repos.directory,
      classifications: repos.classifications,
    }),
  };
}

function servingClassifier(repos: ReturnType<typeof createRepositories>): () => Promise<CaseClassifier | null> {
  let loaded: Promise<CaseClassifier | null> | null = null;
  return () => {
    loaded ??= loadModel(repos).then((data) => {
      if (!data) return null;
      const service = new ClassifierService();
      service.activate(data);
      return asCaseClassifier(service);
    });
    return loaded;
  };
}

/** Waits for SIGINT/SIGTERM. */
const untilSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

export const intakeCommand: Command = {
  name: 'intake',
  summary: 'Modtag post: intake imap|smtp|process',
  usage: `Brug: ekspedit intake <imap|smtp|process> [--format json|table|csv]
  imap [--once|--watch]  Hent ny post fra EKSPEDIT_IMAP_URL (mapperne i EKSPEDIT_IMAP_MAILBOXES).
                         Råkilden gemmes, før posten markeres som læst/flyttes; derefter oprettes sager.
                         --once (standard): én runde; --watch: hver EKSPEDIT_IMAP_POLL_SECONDS sekund.
  smtp                   Modtag post direkte på EKSPEDIT_SMTP_LISTEN for EKSPEDIT_SMTP_DOMAINS.
  process [--retry-failed]  Behandl gemt post, der endnu ikke er blevet til sager.`,
  async run(argv, io) {
    const { positionals, values } = parseArgs(argv, {
      format: { type: 'string' },
      once: { type: 'boolean' },
      watch: { type: 'boolean' },
      'retry-failed': { type: 'boolean' },
    });
    const [what] = positionals;
    const format = parseFormat(values.format);
    if (what !== 'imap' && what !== 'smtp' && what !== 'process') throw new CliUsageError('Ukendt underkommando; brug imap, smtp eller process');
    if (values.once && values.watch) throw new CliUsageError('Vælg --once eller --watch, ikke begge');
    return withDatabase(`intake ${what}`, async (handle, config) => {
      const deps = buildIntakeDeps(handle, config);
      if (what === 'process') {
        const retried = values['retry-failed'] ? await deps.receipts.retryFailed() : 0;
        const counts = await processPendingReceipts(deps);
        printRows(io, format, [{ retried, ...counts, ...prefixed(await deps.receipts.countByStatus()) }]);
        return counts.failed > 0 ? 3 : 0;
      }
      if (what === 'imap') {
        if (!config.imap) throw new CliUsageError('EKSPEDIT_IMAP_URL er ikke sat');
        const options = { url: config.imap.url, mailboxes: config.imap.mailboxes, after: parseAfterStore(config.imap.after) };
        if (!values.watch) {
          const polled = await pollImapOnce(options, deps);
          const counts = await processPendingReceipts(deps);
          printRows(
            io,
            format,
            polled.map((p) => ({ ...p, ...counts })),
            ['mailbox', 'uidValidity', 'stored', 'marked', 'processed', 'duplicate', 'failed'],
          );
          return counts.failed > 0 ? 3 : 0;
        }
        const poller = startImapPoller(
          { ...options, intervalMs: config.imap.pollSeconds * 1000 },
          { receipts: deps.receipts, afterPoll: () => processPendingReceipts(deps) },
        );
        io.stderr(`Henter post hvert ${config.imap.pollSeconds}. sekund; stop med Ctrl+C.\n`);
        await untilSignal();
        await poller.stop();
        return 0;
      }
      if (!config.smtpReceiver) throw new CliUsageError('EKSPEDIT_SMTP_LISTEN og EKSPEDIT_SMTP_DOMAINS er ikke sat');
      let processing: Promise<unknown> = Promise.resolve();
      const receiver = await startSmtpReceiver(
        { listen: config.smtpReceiver.listen, domains: config.smtpReceiver.domains, maxBytes: config.maxUploadBytes },
        {
          receipts: deps.receipts,
          // Processing is serialised: one pass at a time, started after each stored mail.
          afterStore: () => {
            processing = processing.then(() => processPendingReceipts(deps));
          },
        },
      );
      io.stderr(`Modtager SMTP på ${receiver.host}:${receiver.port}; stop med Ctrl+C.\n`);
      await processPendingReceipts(deps);
      await untilSignal();
      await receiver.stop();
      await processing;
      return 0;
    });
  },
};

function prefixed(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`total_${k}`, v]));
}
