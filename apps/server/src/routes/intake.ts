import { withoutInjections } from '@ekspedit/ai';
import { AppError, autoAcknowledge, autoAnswer, receiveItem } from '@ekspedit/core';
import { importEmlResponse, inquiryRequest, inquiryResponse } from '@ekspedit/core/api';
import { caseInputFromEml, toBlob } from '@ekspedit/mail';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import { type AppDeps, reviewDeps } from '../deps';
import { presentCase } from '../presenters';

/** The public inquiry form and EML import. */
export function intakeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const base = { cases: deps.repos.cases, directory: deps.repos.directory, workflows: deps.workflows, calendar: deps.calendar, clock: deps.clock };
  const receiveDeps = async () => ({
    ...base,
    classifier: await deps.classifier.current(),
    routing: deps.repos.routing,
    classifications: deps.repos.classifications,
    policy: deps.repos.policy,
  });
  // After intake: an acknowledgement of receipt by AI, where the automation policy allows it.
  const acknowledge = async (caseId: string, kleCode: string | null, confidence: number | null, log: { warn: (o: object, m: string) => void }) => {
    try {
      await autoAcknowledge({ caseId, kleCode }, reviewDeps(deps));
      await autoAnswer(
        { caseId, kleCode, confidence },
        { ...reviewDeps(deps), knowledge: deps.knowledge, drafting: deps.drafting, searchText: withoutInjections },
      );
    } catch (error) {
      log.warn({ err: error }, 'automatic acknowledgement or answer failed');
    }
  };
  return async (app) => {
    app.post('/api/inquiries', { schema: { tags: ['intake'], body: inquiryRequest, response: { 201: inquiryResponse } } }, async (request, reply) => {
      const b = request.body;
      // The submitted form is kept as the raw source, like an EML for mail.
      const raw = toBlob(new TextEncoder().encode(JSON.stringify({ ...b, submittedAt: deps.clock.now().toISOString() })), 'application/json');
      const {
        case: created,
        suggestedKle,
        confidence,
      } = await receiveItem(
        {
          kind: b.kind,
          // The citizen chose the kind on the form; the model may still suggest the subject and unit.
          isKindGiven: b.kind !== 'citizen_inquiry',
          title: b.subject,
          body: b.body,
          channel: 'web',
          actor: { kind: 'system', id: 'web-form' },
          sender: { kind: 'citizen', name: b.name, email: b.email.toLowerCase(), phone: b.phone ?? null },
          fromAddress: b.email.toLowerCase(),
          raw,
        },
        await receiveDeps(),
      );
      await acknowledge(created.id, suggestedKle, confidence, request.log);
      return reply.status(201).send({ caseNumber: created.number, deadline: created.deadline });
    });

    app.post(
      '/api/import/eml',
      {
        bodyLimit: deps.config.maxUploadBytes,
        schema: {
          tags: ['intake'],
          consumes: ['message/rfc822'],
          querystring: z.strictObject({ filename: z.string().max(255).optional() }),
          response: { 201: importEmlResponse },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Send EML-filen som message/rfc822' });
        const { input, parseError } = await caseInputFromEml(new Uint8Array(request.body), {
          actor: { kind: 'person', user },
          kind: 'citizen_inquiry',
          filename: request.query.filename,
        });
        const result = { ...(await receiveItem(input, await receiveDeps())), parsed: parseError === null };
        if (!result.parsed) {
          throw new AppError('EML_UNPARSEABLE', {
            message: `Filen kunne ikke læses som e-mail. Den er gemt uændret og markeret på sag ${result.case.number}.`,
            details: { caseNumber: result.case.number, caseId: result.case.id },
          });
        }
        return reply.status(201).send({ case: presentCase(result.case, deps), parsed: true });
      },
    );
  };
}
