import { existsSync } from 'node:fs';
import { AppError } from '@ekspedit/core';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAuthenticator } from './auth';
import type { AppDeps } from './deps';
import { registerErrorHandling } from './errors';
import { authRoutes } from './routes/auth';
import { caseRoutes } from './routes/cases';
import { consultationRoutes } from './routes/consultations';
import { documentSetRoutes } from './routes/document-sets';
import { draftingRoutes } from './routes/drafting';
import { intakeRoutes } from './routes/intake';
import { measurementRoutes } from './routes/measurement';
import { memoRoutes } from './routes/memos';
import { metaRoutes } from './routes/meta';
import { miningRoutes } from './routes/mining';
import { minutesRoutes } from './routes/minutes';
import { politicsRoutes } from './routes/politics';
import { reviewRoutes } from './routes/review';
import { triageRoutes } from './routes/triage';

export interface BuildOptions {
  /** Folder of the built web app to serve; omitted in API tests. */
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
}

// Mutating API calls must carry this header: a cross-site form cannot set it, so it stops CSRF
// even where SameSite cookies are not honoured. The public inquiry form is exempt (no session).
const CSRF_HEADER = 'x-requested-with';
const CSRF_EXEMPT = new Set(['/api/inquiries']);

/** Personal data and secrets never reach the log: no bodies, no cookies, no query strings. */
export const logSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
};

/** Builds the Fastify app on given dependencies; the server's main and the tests both call this. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: deps.config.maxBodyBytes,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(fastifyCookie);
  app.addContentTypeParser(['message/rfc822', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes }, (_req, body, done) =>
    done(null, body),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Ekspedit API', version: '0.1.0', description: 'Sager, henvendelser og arbejdsgange. Fejl: {error:{code,message}} med stabile koder.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const auth = createAuthenticator({
    auth: deps.repos.auth,
    audit: deps.repos.audit,
    clock: deps.clock,
    sessionHours: deps.config.sessionHours,
    secureCookies: deps.config.secureCookies,
  });
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const path = request.url.split('?')[0] ?? '';
    if (request.method !== 'GET' && request.method !== 'HEAD' && !CSRF_EXEMPT.has(path) && request.headers[CSRF_HEADER] !== 'ekspedit') {
      throw new AppError('CSRF_FAILED', { message: 'Forespørgslen mangler X-Requested-With: ekspedit' });
    }
    request.user = await auth.resolve(request);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  await app.register(authRoutes(auth));
  await app.register(caseRoutes(deps));
  await app.register(intakeRoutes(deps));
  await app.register(metaRoutes(deps));
  await app.register(triageRoutes(deps));
  await app.register(miningRoutes(deps));
  await app.register(draftingRoutes(deps));
  await app.register(reviewRoutes(deps));
  await app.register(documentSetRoutes(deps));
  await app.register(consultationRoutes(deps));
  await app.register(politicsRoutes(deps));
  await app.register(minutesRoutes(deps));
  await app.register(measurementRoutes(deps));
  await app.register(memoRoutes(deps));

  const webDist = options.webDist && existsSync(options.webDist) ? options.webDist : null;
  if (webDist) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  // Client-side routes (/sager/2026-000001) get the app shell; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (webDist && request.method === 'GET' && !request.url.startsWith('/api')) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Ingen rute ${request.method} ${request.url.split('?')[0]}` } });
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
