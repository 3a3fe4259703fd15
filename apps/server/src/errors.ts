import { AppError, httpStatusFor, isAppError } from '@ekspedit/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

// Fastify's own errors mapped to our stable codes; everything else is INTERNAL.
const fastifyCodes: Record<string, { code: AppError['code']; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Forespørgslen er for stor' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Indholdstypen understøttes ikke' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'Forespørgslen mangler indhold' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'Forespørgslen er ikke gyldig JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', message: 'Forkert Content-Length' },
};

/** One mapping from errors to HTTP responses `{error:{code,message,details?}}`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: 'Ugyldigt input', details: { fields } } });
    }
    if (isAppError(error)) {
      const status = httpStatusFor(error.code);
      if (status >= 500) request.log.error({ err: { code: error.code, message: error.message } }, 'request failed');
      return reply.status(status).send({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return reply.status(httpStatusFor(mapped.code)).send({ error: mapped });
    if (error.statusCode === 429) return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: 'For mange forespørgsler' } });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'VALIDATION_FAILED', message: 'Ugyldig forespørgsel' } });
    }
    // The log gets the stack, never the request body (it may hold personal data).
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Der opstod en fejl på serveren' } });
  });
}

export { AppError };
