import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, isAppError, loadConfig } from '@ekspedit/core';
import { isDatabaseEmpty, openDatabase, seedDemo } from '@ekspedit/db';
import { buildApp, logSerializers } from './app';
import { createDeps } from './deps';

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
    const deps = createDeps(config, database);
    const app = await buildApp(deps, { webDist: webDistDir, logger: loggerOptions(config) });
    if (config.seedDemo && (await isDatabaseEmpty(database))) {
      app.log.info('seeding the demo municipality (first start)');
      const result = await seedDemo(database, {
        onProgress: (done, total) => {
          if (done % 50 === 0) app.log.info({ done, total }, 'demo seed progress');
        },
      });
      app.log.info(result, 'demo municipality seeded');
    }
    await app.listen({ port: config.port, host: config.host });
    const stop = async () => {
      await app.close();
      await database.close();
    };
    return { app, config, stop };
  } catch (error) {
    await database.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} er optaget. Stop den anden proces eller sæt PORT til en anden port.`);
    }
    throw error;
  }
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
