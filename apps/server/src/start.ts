import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addKnowledgeFile, llmConfigFromEnv, parsePrecedentJsonl, withoutInjections } from '@ekspedit/ai';
import { autoAcknowledge, autoAnswer, type Config, createCase, isAppError, loadConfig, retryDeliveries, suggestForCase } from '@ekspedit/core';
import { createRepositories, isDatabaseEmpty, openDatabase, seedDemo } from '@ekspedit/db';
import { createIntakeSorting } from '@ekspedit/mail';
import { buildApp, logSerializers } from './app';
import { createModelProvider } from './classifier';
import { type AppDeps, createDeps, reviewDeps } from './deps';
import { startJobRunner } from './jobs';
import { startMailIntake } from './mail-intake';

export const webDistDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

function loggerOptions(config: Config) {
  const pretty = config.env === 'development' && process.stdout.isTTY;
  return {
    level: config.logLevel,
    serializers: logSerializers,
    // Secrets and personal data are scrubbed here, in one place.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'body', 'password', '*.password', '*.cpr', '*.bodyText'], censor: '[skjult]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/**
 * Starts the server: configuration, database (with its lock), migrations, the demo on first
 * start, HTTP. Returns a stop function. Errors are AppErrors with Danish messages.
 */
export async function startServer(env: Record<string, string | undefined>) {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: `server on port ${config.port}` });
  try {
    await database.migrate();
    const classifier = createModelProvider(createRepositories(database.db), {
      onError: (error) => app.log.warn({ err: error }, 'retraining the classifier failed'),
    });
    const deps = createDeps(config, database, { classifier, llm: llmConfigFromEnv(env) });
    const app = await buildApp(deps, { webDist: webDistDir, logger: loggerOptions(config) });
    if (config.seedDemo && (await isDatabaseEmpty(database))) {
      app.log.info('seeding the demo municipality (first start)');
      const result = await seedDemo(database, {
        onProgress: (done, total) => {
          if (done % 50 === 0) app.log.info({ done, total }, 'demo seed progress');
        },
      });
      app.log.info(result, 'demo municipality seeded');
      app.log.info({ sources: await seedDemoKnowledge(deps) }, 'demo knowledge base added');
      app.log.info({ questions: await seedDemoPoliticalRegister(deps) }, "demo register of answered politicians' questions added");
    }
    await app.listen({ port: config.port, host: config.host });
    // The classifier loads (or trains, on first start) in a worker after the server answers;
    // until then new items simply wait in the triage queue.
    const classifierReady = classifier
      .load()
      .then(() => suggestForBacklog(deps))
      .then((n) => app.log.info({ suggested: n }, 'classifier ready'))
      .catch((error) => app.log.warn({ err: error }, 'classifier could not be loaded'));
    // Mail intake (IMAP/SMTP) only when configured; it stops before the database closes.
    const intake = await startMailIntake(config, database, app.log.child({ module: 'intake' }), {
      sorting: createIntakeSorting({
        classifier: () => classifier.current(),
        routing: deps.repos.routing,
        directory: deps.repos.directory,
        classifications: deps.repos.classifications,
        policy: deps.repos.policy,
      }),
      afterNewCase: async (input) => {
        await autoAcknowledge(input, reviewDeps(deps));
        await autoAnswer(input, { ...reviewDeps(deps), knowledge: deps.knowledge, drafting: deps.drafting, searchText: withoutInjections });
      },
    });
    // Housekeeping: outgoing mail that failed or may not have arrived is retried with its own
    // Message-ID; the AI usage log is deleted after its retention period.
    const housekeeping = startHousekeeping(deps, app.log.child({ module: 'housekeeping' }));
    // Background jobs (document-set indexing, summaries); a job a crash left running resumes here.
    const jobs = startJobRunner(deps, app.log.child({ module: 'jobs' }));
    const stop = async () => {
      await jobs.stop();
      await housekeeping.stop();
      await classifierReady;
      await classifier.idle();
      await intake?.stop();
      await app.close();
      await database.close();
    };
    return { app, config, stop, classifierReady };
  } catch (error) {
    await database.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} er optaget. Stop den anden proces eller sæt PORT til en anden port.`);
    }
    throw error;
  }
}

/** Delivery retries and the AI usage log's retention, on timers that stop with the server. */
function startHousekeeping(deps: AppDeps, log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void }) {
  let running: Promise<void> = Promise.resolve();
  const run = (job: () => Promise<void>) => {
    running = running.then(job).catch((error) => log.warn({ err: error }, 'housekeeping failed'));
  };
  const retry = setInterval(
    () =>
      run(async () => {
        const sent = await retryDeliveries(reviewDeps(deps), { pauseMs: deps.config.deliveryRetrySeconds * 1000 });
        if (sent > 0) log.info({ sent }, 'retried deliveries');
      }),
    deps.config.deliveryRetrySeconds * 1000,
  );
  const purge = () =>
    run(async () => {
      const before = new Date(deps.clock.now().getTime() - deps.config.aiUsageRetentionDays * 86_400_000);
      const deleted = await deps.repos.aiUsage.purgeBefore(before);
      if (deleted > 0) log.info({ deleted, retentionDays: deps.config.aiUsageRetentionDays }, 'AI usage log entries past retention deleted');
    });
  purge();
  const daily = setInterval(purge, 86_400_000);
  retry.unref();
  daily.unref();
  return {
    async stop() {
      clearInterval(retry);
      clearInterval(daily);
      await running;
    },
  };
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The demo's knowledge base: the municipal documents and standard letters written for the
 * evaluation suites (eval/datasets), so drafting has sources on the first start.
 */
async function seedDemoKnowledge(deps: AppDeps): Promise<number> {
  let n = 0;
  for (const [folder, kind] of [
    ['eval/datasets/knowledge-base', 'document'],
    ['eval/datasets/standard-letters', 'standard_letter'],
  ] as const) {
    const dir = join(repoRoot, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      await addKnowledgeFile({ filename: file, content: new Uint8Array(readFileSync(join(dir, file))), kind }, deps.repos.knowledge);
      n++;
    }
  }
  return n;
}

/**
 * The demo's register of earlier politicians' questions and answers (eval/datasets), filed as
 * answered and closed cases of the secretariat, so precedent search has history on the first start.
 */
async function seedDemoPoliticalRegister(deps: AppDeps): Promise<number> {
  const file = join(repoRoot, 'eval/datasets/politician-questions/answered.jsonl');
  if (!existsSync(file)) return 0;
  const unit = (await deps.repos.directory.listUnits()).find((u) => u.id === 'sekretariat') ?? null;
  const records = parsePrecedentJsonl(readFileSync(file, 'utf8'), file);
  const actor = { kind: 'system' as const, id: 'demo-register' };
  for (const r of records) {
    const receivedAt = new Date(`${r.date}T09:00:00Z`);
    const c = await createCase(
      {
        kind: 'politician_question',
        title: r.question.length > 90 ? `${r.question.slice(0, 87)}…` : r.question,
        body: r.question,
        channel: 'internal',
        actor,
        receivedAt,
        unitId: unit?.id ?? null,
        sender: { kind: 'politician', name: r.asker, email: null },
        details: {
          asker: r.asker,
          committee: r.committee,
          questions: [r.question],
          deadlineRule: { days: 10, unit: 'working' },
          isPublishable: true,
          register: r.id,
        },
      },
      { cases: deps.repos.cases, directory: deps.repos.directory, workflows: deps.workflows, calendar: deps.calendar, clock: { now: () => receivedAt } },
    );
    const sentAt = new Date(`${deps.calendar.addWorkingDays(r.date, 7)}T12:00:00Z`);
    await deps.repos.cases.addMessage(
      c.id,
      {
        direction: 'out',
        channel: 'email',
        fromAddress: deps.fromAddress,
        toAddresses: [],
        subject: `Svar: ${c.title}`,
        bodyText: r.answer,
        rawHash: null,
        messageIdHeader: deps.newMessageId(),
        inReplyTo: null,
        status: 'sent',
        authorId: null,
        sentAt,
      },
      [{ activity: 'message.sent', actorKind: 'system', actorId: 'demo-register', occurredAt: sentAt, data: { register: r.id } }],
    );
    await deps.repos.cases.updateCase(c.id, c.state, { state: 'closed', closedAt: sentAt }, [
      {
        activity: 'state.changed',
        actorKind: 'system',
        actorId: 'demo-register',
        occurredAt: sentAt,
        data: { from: c.state, to: 'closed', transition: 'close' },
      },
    ]);
  }
  return records.length;
}

/** Gives every unsorted case without a suggestion one, so the triage queue shows what the model thinks. */
async function suggestForBacklog(deps: AppDeps): Promise<number> {
  const classifier = await deps.classifier.current();
  if (!classifier) return 0;
  const { items } = await deps.repos.cases.listCases({ scope: { all: true }, unroutedOnly: true, limit: 500, offset: 0 });
  const known = await deps.repos.classifications.latestFor(items.map((c) => c.id));
  let n = 0;
  for (const c of items) {
    if (known.has(c.id)) continue;
    if (await suggestForCase({ caseId: c.id }, { cases: deps.repos.cases, classifier, classifications: deps.repos.classifications, clock: deps.clock })) n++;
  }
  return n;
}

/** Runs the server as the process's main; prints a clear message and exits 1 on failure. */
export async function runServerMain(): Promise<void> {
  try {
    const { stop, config, app } = await startServer(process.env);
    app.log.info(`Ekspedit kører på http://${config.host}:${config.port}`);
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'stopping');
      await stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    const message = isAppError(error) ? `[${error.code}] ${error.message}` : (error as Error).message;
    process.stderr.write(`Ekspedit kunne ikke starte: ${message}\n`);
    process.exit(1);
  }
}
