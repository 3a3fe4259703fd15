import { readFile } from 'node:fs/promises';
import {
  asCaseClassifier,
  ClassifierService,
  createDraftingEngine,
  createKnowledgeSearch,
  createOpenAiProvider,
  llmConfigFromEnv,
  withoutInjections,
} from '@ekspedit/ai';
import { draftReply, receiveItem, type UserRecord, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';
import { loadModel } from './classify';

// The pipeline acts as the system, not as a person; it may read every case it creates.
const systemUser: UserRecord = { id: 'pipeline', username: 'pipeline', displayName: 'Pipeline', email: null, roles: ['admin'], unitId: null, locale: 'da' };

interface MailLine {
  id: string;
  subject: string;
  body: string;
  from: string | null;
}

function parseLines(text: string): { items: MailLine[]; errors: string[] } {
  const items: MailLine[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : null;
      if (!id || typeof o.subject !== 'string' || typeof o.body !== 'string') throw new Error('mangler "id", "subject" eller "body"');
      items.push({ id, subject: o.subject, body: o.body, from: typeof o.from === 'string' ? o.from : null });
    } catch (error) {
      errors.push(`Linje ${i + 1}: ${(error as Error).message}`);
    }
  });
  return { items, errors };
}

export const pipelineCommand: Command = {
  name: 'pipeline',
  summary: 'Kør post gennem modtagelse, sortering og udkast (sender aldrig)',
  usage: `Brug: ekspedit pipeline --input <mails.jsonl> [--sentences] [--format json|table|csv]
  Hver linje {"id","subject","body"} (valgfrit "from") tages ind som en rigtig mail: sag, sortering og
  udkast med grundingstjek. Intet sendes. Udskriver pr. linje
  {"id","case","kle","kind","unit","priority","draft","flags":[…],"sent":false}.
  --sentences tilføjer "engine" og udkastets sætninger med deres markeringer:
  "sentences":[{"text","supported","flags":[…]}].
  Bruger EKSPEDIT_LLM_* når de er sat, ellers offline-motoren.`,
  async run(argv, io) {
    const { values } = parseArgs(argv, { input: { type: 'string' }, format: { type: 'string' }, sentences: { type: 'boolean' } });
    const format = parseFormat(values.format, 'json');
    if (!values.input) throw new CliUsageError('Angiv --input <mails.jsonl>');
    let text: string;
    try {
      text = await readFile(values.input, 'utf8');
    } catch {
      io.stderr(`Fejl: filen kan ikke læses: ${values.input}\n`);
      return 1;
    }
    const { items, errors } = parseLines(text);
    for (const e of errors) io.stderr(`Fejl: ${e}\n`);
    const llm = llmConfigFromEnv(process.env);
    return withDatabase('pipeline', async (handle, config) => {
      const repos = createRepositories(handle.db);
      const model = await loadModel(repos);
      const service = new ClassifierService();
      if (model) service.activate(model);
      const clock = { now: () => new Date() };
      const receiveDeps = {
        cases: repos.cases,
        directory: repos.directory,
        workflows: new WorkflowRegistry(),
        calendar: new WorkingCalendar(config.calendar),
        clock,
        classifier: model ? asCaseClassifier(service) : null,
        routing: repos.routing,
        classifications: repos.classifications,
      };
      const draftDeps = {
        cases: repos.cases,
        knowledge: createKnowledgeSearch(repos.knowledge, { mode: 'hybrid' }),
        drafting: createDraftingEngine({
          llm: llm ? createOpenAiProvider(llm) : null,
          trust: llm?.trust ?? 'external',
          caseTokenBudget: llm?.caseTokenBudget ?? 0,
        }),
        usage: repos.aiUsage,
        audit: repos.audit,
        clock,
        policy: repos.policy,
        searchText: withoutInjections,
      };
      const rows: Record<string, unknown>[] = [];
      for (const item of items) {
        const { case: c } = await receiveItem(
          {
            kind: 'citizen_inquiry',
            title: item.subject,
            body: item.body,
            channel: 'email',
            actor: { kind: 'system', id: 'pipeline' },
            sender: item.from ? { kind: 'citizen', name: null, email: item.from } : null,
            fromAddress: item.from,
          },
          receiveDeps,
        );
        const suggestion = (await repos.classifications.latestFor([c.id])).get(c.id)?.result ?? null;
        const draft = await draftReply({ caseId: c.id, user: systemUser }, draftDeps);
        await repos.drafts.saveDraft({
          caseId: c.id,
          body: draft.text,
          authorKind: 'ai',
          authorId: draft.model ?? draft.engine,
          data: draft as unknown as Record<string, unknown>,
        });
        rows.push({
          id: item.id,
          case: c.number,
          kle: c.kleCode ?? suggestion?.kleCode ?? null,
          kind: c.kind,
          unit: c.unitId,
          priority: c.priority,
          draft: draft.text,
          flags: [...new Set(draft.sentences.flatMap((s) => s.flags))],
          // The pipeline never sends: a draft always goes to a person.
          sent: false,
          // Which sentence carries which flag, for a reviewer or a test that checks what was flagged.
          ...(values.sentences
            ? { engine: draft.engine, sentences: draft.sentences.map((x) => ({ text: x.text, supported: x.supported, flags: x.flags })) }
            : {}),
        });
      }
      if (format === 'json') for (const r of rows) io.stdout(`${JSON.stringify(r)}\n`);
      else printRows(io, format, rows, ['id', 'case', 'kle', 'kind', 'unit', 'priority', 'flags', 'sent']);
      return errors.length > 0 ? 1 : 0;
    });
  },
};
