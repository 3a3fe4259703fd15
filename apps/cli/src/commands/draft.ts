import { createDraftingEngine, createKnowledgeSearch, createOpenAiProvider, llmConfigFromEnv, withoutInjections } from '@ekspedit/ai';
import { draftReply, type UserRecord } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printObject, printRows } from '../output';

// The CLI acts as an administrator of the installation; its runs are logged as started by "cli".
const cliUser: UserRecord = { id: 'cli', username: 'cli', displayName: 'Kommandolinjen', email: null, roles: ['admin'], unitId: null, locale: 'da' };

export const draftCommand: Command = {
  name: 'draft',
  summary: 'Lav et udkast til svar på en sag: draft --case <sagsnummer>',
  usage: `Brug: ekspedit draft --case <sagsnummer> [--engine auto|offline] [--mode lexical|hybrid] [--stream] [--format json|table]
  Finder kilder i vidensbasen og skriver et udkast med kilde til hver sætning og markering af sætninger uden støtte.
  Bruger EKSPEDIT_LLM_BASE_URL/EKSPEDIT_LLM_MODEL når de er sat, ellers (og hvis modellen fejler) den offline motor.
  Udkastet sendes aldrig; det gemmes ikke på sagen. --stream skriver sætningerne til stderr, mens de bliver skrevet.`,
  async run(argv, io) {
    const { values } = parseArgs(argv, {
      case: { type: 'string' },
      engine: { type: 'string' },
      mode: { type: 'string' },
      stream: { type: 'boolean' },
      format: { type: 'string' },
    });
    if (!values.case) throw new CliUsageError('--case mangler');
    if (values.engine && values.engine !== 'auto' && values.engine !== 'offline') throw new CliUsageError('--engine skal være auto eller offline');
    if (values.mode && values.mode !== 'lexical' && values.mode !== 'hybrid') throw new CliUsageError('--mode skal være lexical eller hybrid');
    const format = parseFormat(values.format, 'table');
    let llmConfig: ReturnType<typeof llmConfigFromEnv>;
    try {
      llmConfig = llmConfigFromEnv(process.env);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const useLlm = values.engine !== 'offline' && llmConfig !== null;
    return withDatabase('draft', async (handle) => {
      const repos = createRepositories(handle.db);
      const drafting = createDraftingEngine({
        llm: useLlm && llmConfig ? createOpenAiProvider(llmConfig) : null,
        trust: llmConfig?.trust ?? 'external',
        caseTokenBudget: llmConfig?.caseTokenBudget ?? 60_000,
        stream: values.stream ?? false,
      });
      const draft = await draftReply(
        { caseId: values.case ?? '', user: cliUser, onDelta: values.stream ? (t) => io.stderr(t) : undefined },
        {
          cases: repos.cases,
          knowledge: createKnowledgeSearch(repos.knowledge, { mode: (values.mode ?? 'lexical') as 'lexical' | 'hybrid' }),
          drafting,
          usage: repos.aiUsage,
          audit: repos.audit,
          clock: { now: () => new Date() },
          policy: repos.policy,
          searchText: withoutInjections,
        },
      );
      if (values.stream) io.stderr('\n');
      if (format === 'json') printObject(io, 'json', draft as unknown as Record<string, unknown>);
      else {
        io.stdout(
          `Motor: ${draft.engine}${draft.model ? ` (${draft.model})` : ''}   LIX: ${draft.lix}${draft.fallbackReason ? `   Reserve: ${draft.fallbackReason}` : ''}\n\n${draft.text}\n\n`,
        );
        printRows(
          io,
          format,
          draft.sentences.map((s) => ({ ok: s.supported ? 'ja' : 'NEJ', flags: s.flags.join(' '), kilde: s.citations[0]?.title ?? '', sætning: s.text })),
          ['ok', 'flags', 'kilde', 'sætning'],
        );
      }
      return 0;
    });
  },
};
