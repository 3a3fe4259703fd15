import { extname } from 'node:path';
import {
  agendaExtensions,
  createOpenAiProvider,
  draftMinutes,
  extractDocument,
  type LlmConfig,
  type Minutes,
  parseAgenda,
  parseTranscript,
  readTranscript,
  renderMinutesDocx,
  transcriptExtensions,
} from '@ekspedit/ai';
import {
  AppError,
  createMeeting,
  exportMinutesDocx,
  generateMinutes,
  getMeeting,
  getMeetingTranscript,
  listMeetings,
  type MeetingView,
  type MinutesContent,
  type MinutesDeps,
  type MinutesEngine,
  type MinutesVersionInfo,
  minutesOrigins,
  saveMinutesEdit,
  type WorkingCalendar,
} from '@ekspedit/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppDeps } from '../deps';

// ── Schemas: the contract of /api/meetings ─────────────────────────────────────────────────────

const idParams = z.object({ id: z.string().min(1).max(64) });
const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional().describe('A version number; the newest when left out') });

const uploadedFile = z.strictObject({
  filename: z.string().min(1).max(255).describe('The file name; its extension tells the kind of file'),
  contentBase64: z.base64().min(1).describe('The file, base64-encoded'),
});
export const createMeetingRequest = z.strictObject({
  title: z.string().max(300).optional().describe("The meeting's name; the agenda's heading when left out"),
  date: z.iso.date().nullable().optional().describe('The meeting date, for agendas that do not give one (deadlines like "senest fredag")'),
  agenda: uploadedFile.describe('The agenda: .docx, .pdf, .md or .txt'),
  transcript: uploadedFile.describe('The transcript or notes: .txt, .vtt, .srt, .docx or .md'),
});
export const editMinutesRequest = z.strictObject({
  baseVersion: z.number().int().min(1).describe('The version the edit was made on; it must still be the newest'),
  items: z
    .array(
      z.strictObject({
        number: z.number().int().min(1).describe('The agenda item'),
        decision: z.string().max(2000).nullable().optional().describe('The decision as the minutes should state it; null: no decision'),
        postponed: z.boolean().optional(),
        summary: z.string().max(5000).optional().describe("The item's account"),
      }),
    )
    .min(1)
    .max(100),
});

const statementDto = z.object({
  kind: z.enum(['summary', 'decision', 'votes', 'action']),
  text: z.string(),
  lines: z.array(z.number()),
  supported: z.boolean(),
  edited: z.boolean(),
});
const contentDto = z.object({
  meeting: z.string(),
  date: z.string().nullable(),
  attendees: z.array(z.string()),
  absent: z.array(z.string()),
  attendanceLines: z.array(z.number()),
  items: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      summary: z.string(),
      decision: z.string().nullable(),
      decided: z.boolean(),
      postponed: z.boolean(),
      votes: z.object({ for: z.number(), against: z.number(), abstained: z.number() }).nullable(),
      actions: z.array(z.object({ what: z.string(), who: z.string().nullable(), due: z.string().nullable(), dueText: z.string().nullable() })),
      statements: z.array(statementDto),
      discussed: z.array(z.number()),
    }),
  ),
  engine: z.enum(['offline', 'llm']),
  fallbackReason: z.string().nullable(),
});
const versionInfoDto = z.object({ version: z.number(), origin: z.enum(minutesOrigins), createdAt: z.string(), createdByName: z.string().nullable() });
const meetingDto = z.object({
  id: z.string(),
  title: z.string(),
  meetingDate: z.string().nullable(),
  unitId: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export const meetingListResponse = z.object({
  items: z.array(meetingDto.extend({ latestVersion: z.number().nullable(), latestOrigin: z.enum(minutesOrigins).nullable(), latestAt: z.string().nullable() })),
});
export const meetingViewResponse = z.object({
  meeting: meetingDto,
  version: versionInfoDto.extend({ content: contentDto }).nullable(),
  versions: z.array(versionInfoDto),
  latestVersion: z.number().nullable(),
  canEdit: z.boolean(),
});
export const transcriptResponse = z.object({
  lines: z.array(z.object({ line: z.number(), speaker: z.string().nullable(), text: z.string(), time: z.string().nullable() })),
});

// ── The engine: @ekspedit/ai behind core's port ────────────────────────────────────────────────

const decode = (content: Uint8Array) => new TextDecoder('utf-8').decode(content);

/** The stored content of a draft (the engine's `Minutes` as plain data). */
const toContent = (m: Minutes): MinutesContent => ({
  meeting: m.meeting,
  date: m.date,
  attendees: m.attendees,
  absent: m.absent,
  attendanceLines: m.attendanceLines,
  items: m.items.map((i) => ({
    number: i.number,
    title: i.title,
    summary: i.summary,
    decision: i.decision,
    decided: i.decided,
    postponed: i.postponed,
    votes: i.votes,
    actions: i.actions.map((a) => ({ what: a.what, who: a.who, due: a.due, dueText: a.dueText })),
    statements: i.statements.map((s) => ({ kind: s.kind, text: s.text, lines: s.lines, supported: s.supported })),
    discussed: i.discussed,
  })),
  engine: m.engine,
  fallbackReason: m.fallbackReason,
});

/**
 * The minutes engine on @ekspedit/ai: the model endpoint when configured, else the offline engine.
 * Files are kept as the text the engine reads, so the transcript's line numbers survive storage.
 */
export function createMinutesEngine(llm: LlmConfig | null, calendar: WorkingCalendar): MinutesEngine {
  const provider = llm ? createOpenAiProvider(llm) : null;
  return {
    async readAgenda(file) {
      const ext = extname(file.filename).toLowerCase();
      if (!(agendaExtensions as readonly string[]).includes(ext)) return null;
      // Word's list numbering lives in the structure: the extracted blocks keep it (as readAgenda does).
      const text =
        ext === '.docx' || ext === '.pdf'
          ? (await extractDocument({ filename: file.filename, content: file.content })).blocks.flatMap((b) => b.text.split('\n')).join('\n')
          : decode(file.content);
      const agenda = parseAgenda(text);
      return { text, meeting: agenda.meeting, date: agenda.date, items: agenda.items.length };
    },
    async readTranscript(file) {
      const ext = extname(file.filename).toLowerCase();
      if (!(transcriptExtensions as readonly string[]).includes(ext)) return null;
      if (ext === '.docx') {
        // One paragraph a line, each at its own line number, with the speaker written out.
        const lines = await readTranscript(file);
        const out: string[] = Array.from({ length: lines.at(-1)?.line ?? 0 }, () => '');
        for (const l of lines) out[l.line - 1] = `${l.time ? `[${l.time}] ` : ''}${l.speaker ? `${l.speaker}: ` : ''}${l.text}`;
        return { text: out.join('\n'), lines: lines.length };
      }
      let text = decode(file.content);
      // A WebVTT file without its header would be read as plain text once the file name is gone.
      if (ext === '.vtt' && !text.trimStart().startsWith('WEBVTT')) text = `WEBVTT\n\n${text}`;
      return { text, lines: parseTranscript(text).length };
    },
    transcriptLines: (transcript) => parseTranscript(transcript),
    async draft(input) {
      const { minutes, usage } = await draftMinutes(
        { agenda: parseAgenda(input.agenda), transcript: parseTranscript(input.transcript), date: input.date, calendar },
        { llm: provider, trust: llm?.trust ?? 'external', tokenBudget: llm?.caseTokenBudget },
      );
      return { content: toContent(minutes), usage };
    },
    docx: (content) => renderMinutesDocx(content),
  };
}

// ── Presenting ─────────────────────────────────────────────────────────────────────────────────

type Names = Map<string, string>;
const nameOf = (names: Names, id: string | null) => (id ? (names.get(id) ?? null) : null);

const presentVersionInfo = (v: MinutesVersionInfo, names: Names) => ({
  version: v.version,
  origin: v.origin,
  createdAt: v.createdAt.toISOString(),
  createdByName: nameOf(names, v.createdBy),
});

const presentMeeting = (m: MeetingView['meeting'], names: Names) => ({
  id: m.id,
  title: m.title,
  meetingDate: m.meetingDate,
  unitId: m.unitId,
  createdByName: nameOf(names, m.createdBy),
  createdAt: m.createdAt.toISOString(),
});

function presentView(view: MeetingView, names: Names): z.infer<typeof meetingViewResponse> {
  const shown = view.version;
  return {
    meeting: presentMeeting(view.meeting, names),
    version: shown
      ? {
          ...presentVersionInfo(shown, names),
          content: {
            ...shown.content,
            items: shown.content.items.map((i) => ({ ...i, statements: i.statements.map((s) => ({ ...s, edited: s.edited ?? false })) })),
          },
        }
      : null,
    versions: view.versions.map((v) => presentVersionInfo(v, names)),
    latestVersion: view.latestVersion,
    canEdit: view.canEdit,
  };
}

/** Decodes an uploaded file, refusing one larger than an upload may be. */
function decodeFile(file: z.infer<typeof uploadedFile>, maxBytes: number) {
  const content = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
  if (content.byteLength > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { message: `${file.filename} er større end ${maxBytes} bytes` });
  return { filename: file.filename, content };
}

/** Meetings and minutes (referater): upload, drafting, versions, corrections, transcript lines and DOCX. Thin: validate, one use case, present. */
export function minutesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { repos } = deps;
  const mdeps: MinutesDeps = {
    minutes: repos.minutes,
    engine: createMinutesEngine(deps.llm, deps.calendar),
    audit: repos.audit,
    usage: repos.aiUsage,
    clock: deps.clock,
  };
  const names = async (): Promise<Names> => new Map((await repos.directory.listUsers()).map((u) => [u.id, u.displayName]));
  const present = async (view: MeetingView) => presentView(view, await names());
  const tags = ['minutes'];

  return async (app) => {
    app.get('/api/meetings', { schema: { tags, response: { 200: meetingListResponse } } }, async (request) => {
      const items = await listMeetings({ user: requireUser(request) }, mdeps);
      const byId = await names();
      return {
        items: items.map((m) => ({
          ...presentMeeting(m, byId),
          latestVersion: m.latestVersion,
          latestOrigin: m.latestOrigin,
          latestAt: m.latestAt?.toISOString() ?? null,
        })),
      };
    });

    // Both files in one JSON body (base64), so a meeting is never stored with only one of them.
    app.post(
      '/api/meetings',
      { bodyLimit: deps.config.maxUploadBytes * 3, schema: { tags, body: createMeetingRequest, response: { 201: z.object({ meeting: meetingDto }) } } },
      async (request, reply) => {
        const { title, date, agenda, transcript } = request.body;
        const created = await createMeeting(
          {
            user: requireUser(request),
            title: title ?? null,
            date: date ?? null,
            agenda: decodeFile(agenda, deps.config.maxUploadBytes),
            transcript: decodeFile(transcript, deps.config.maxUploadBytes),
          },
          mdeps,
        );
        return reply.status(201).send({ meeting: presentMeeting(created, await names()) });
      },
    );

    app.get('/api/meetings/:id', { schema: { tags, params: idParams, querystring: versionQuery, response: { 200: meetingViewResponse } } }, async (request) =>
      present(await getMeeting({ meetingId: request.params.id, user: requireUser(request), version: request.query.version ?? null }, mdeps)),
    );

    // The draft is written within the request: the first is the initial AI version, a later one an AI edit.
    app.post('/api/meetings/:id/minutes', { schema: { tags, params: idParams, response: { 201: meetingViewResponse } } }, async (request, reply) =>
      reply.status(201).send(await present(await generateMinutes({ meetingId: request.params.id, user: requireUser(request) }, mdeps))),
    );

    app.post(
      '/api/meetings/:id/versions',
      { schema: { tags, params: idParams, body: editMinutesRequest, response: { 201: meetingViewResponse } } },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await present(
              await saveMinutesEdit(
                { meetingId: request.params.id, user: requireUser(request), baseVersion: request.body.baseVersion, items: request.body.items },
                mdeps,
              ),
            ),
          ),
    );

    app.get('/api/meetings/:id/transcript', { schema: { tags, params: idParams, response: { 200: transcriptResponse } } }, async (request) => ({
      lines: await getMeetingTranscript({ meetingId: request.params.id, user: requireUser(request) }, mdeps),
    }));

    app.get('/api/meetings/:id/minutes.docx', { schema: { tags, params: idParams, querystring: versionQuery } }, async (request, reply) => {
      const file = await exportMinutesDocx({ meetingId: request.params.id, user: requireUser(request), version: request.query.version ?? null }, mdeps);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.content));
    });
  };
}
