import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  askDocuments,
  createOpenAiProvider,
  DOCUMENT_QA_PROMPT_ID,
  type DocumentAnswer,
  type DocumentSet,
  documentQaPromptHash,
  documentSetMediaTypes,
  indexDocumentSet,
  type LlmProvider,
  type QaUsage,
  type SetDocument,
  type SetSummary,
  summarizeDocuments,
  words,
} from '@ekspedit/ai';
import { type AiUsageEntry, AppError, defineJob, type UserRecord } from '@ekspedit/core';
import { z } from 'zod';
import type { AppDeps } from './deps';

/**
 * Document sets for questions and summaries: files kept under
 * `<EKSPEDIT_DATA_DIR>/document-sets/<id>/` with the set's registry beside them (`set.json`, no
 * table), indexed by a background job whose on-disk index (`.ekspedit-index/`) lets a cancelled or
 * interrupted run go on where it stopped. The engine is `@ekspedit/ai`'s document-qa; this module
 * only keeps the files, the registry and the jobs.
 *
 *   <id>/set.json            the registry entry: name, owner, files, the revision the index is of
 *   <id>/files/<name>        the uploaded documents (the folder the engine reads)
 *   <id>/.ekspedit-index/    extracted pages by content hash (the engine's cache)
 *   <id>/summaries.json      the latest summaries, with the revision they were made from
 */

/** The extensions a set accepts (PDF, Word, Markdown, text). */
export const documentSetExtensions = ['.pdf', '.docx', '.md', '.markdown', '.txt'] as const;
const MAX_FILES_PER_SET = 2000;

export interface DocumentSetFile {
  name: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface DocumentSetIndex {
  /** The set's revision when the indexing run began: later uploads make the index out of date. */
  revision: number;
  indexedAt: string;
  documents: Omit<SetDocument, 'sha256'>[];
  skipped: string[];
  stats: { pages: number; paragraphs: number; resumedPages: number; extractedPages: number; elapsedMs: number };
}

export interface DocumentSetRecord {
  id: string;
  name: string;
  createdBy: string;
  createdByName: string;
  /** The creator's unit: colleagues in the unit may use the set too. */
  unitId: string | null;
  createdAt: string;
  /** Bumped by every upload. */
  revision: number;
  files: DocumentSetFile[];
  index: DocumentSetIndex | null;
  /** The latest jobs of the set, by kind. */
  jobs: { index: string | null; summarize: string | null };
}

export interface StoredSummaries extends Pick<SetSummary, 'engine' | 'model' | 'fallbackReason' | 'documents' | 'overall'> {
  revision: number;
  createdAt: string;
}

const setIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** True when the user may see and use the set: its creator, colleagues in the creator's unit, admins. */
export function canUseSet(user: UserRecord, set: DocumentSetRecord): boolean {
  return user.roles.includes('admin') || set.createdBy === user.id || (set.unitId !== null && set.unitId === user.unitId);
}

/** Auditors read; they do not add sets, files or work. */
function assertCanWork(user: UserRecord): void {
  if (user.roles.length > 0 && user.roles.every((r) => r === 'auditor')) {
    throw new AppError('FORBIDDEN', { message: 'Din rolle må ikke oprette eller ændre dokumentsæt' });
  }
}

/**
 * A file name as stored: the last path segment, NFC, without control characters; refused when it
 * is hidden, empty, too long or of a type the engine does not read.
 */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (!base || base === '.' || base === '..') throw new AppError('VALIDATION_FAILED', { message: 'Filen mangler et navn' });
  if (base.startsWith('.') || base.startsWith('~$'))
    throw new AppError('VALIDATION_FAILED', { message: 'Skjulte filer og midlertidige Word-filer kan ikke uploades' });
  if (base.length > 200) throw new AppError('VALIDATION_FAILED', { message: 'Filnavnet er for langt (højst 200 tegn)' });
  const ext = extname(base).toLowerCase();
  if (!(documentSetExtensions as readonly string[]).includes(ext)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message: 'Kun PDF, Word (.docx), Markdown (.md) og tekst (.txt) kan uploades',
      details: { extension: ext || null },
    });
  }
  return base;
}

/** Checks that the bytes are what the extension says, so a renamed file is refused at upload rather than failing in the index. */
export function assertContentMatches(name: string, content: Uint8Array): void {
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Filen er tom' });
  const ext = extname(name).toLowerCase();
  const head = Buffer.from(content.subarray(0, 1024));
  if (ext === '.pdf' && !head.includes('%PDF-')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Filen hedder .pdf, men er ikke en PDF' });
  if (ext === '.docx' && !(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Filen hedder .docx, men er ikke et Word-dokument (.doc kan ikke læses; gem som .docx)' });
  }
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Tekstfilen er ikke UTF-8; gem den som UTF-8, og prøv igen' });
    }
    if (content.includes(0)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: 'Filen ligner ikke tekst' });
  }
}

/** Writes JSON atomically: a crash leaves the previous file, never half a file. */
async function writeJson(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(value, null, 1));
  await rename(temp, path);
}

/** The set registry in the data directory, one folder per set. Updates of a set are serialised in this process. */
export function createDocumentSetStore(root: string) {
  const queues = new Map<string, Promise<unknown>>();
  const dirOf = (id: string) => {
    if (!setIdPattern.test(id)) throw new AppError('NOT_FOUND', { message: 'Dokumentsættet findes ikke' });
    return join(root, id);
  };
  const serial = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(id) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    queues.set(id, tail);
    void tail.then(() => {
      if (queues.get(id) === tail) queues.delete(id);
    });
    return run;
  };

  async function find(id: string): Promise<DocumentSetRecord | null> {
    try {
      return JSON.parse(await readFile(join(dirOf(id), 'set.json'), 'utf8')) as DocumentSetRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof AppError) return null;
      throw error;
    }
  }

  async function get(id: string): Promise<DocumentSetRecord> {
    const set = await find(id);
    if (!set) throw new AppError('NOT_FOUND', { message: 'Dokumentsættet findes ikke' });
    return set;
  }

  return {
    root,
    dirOf,
    filesDirOf: (id: string) => join(dirOf(id), 'files'),
    find,
    get,

    async create(input: { name: string; user: UserRecord }): Promise<DocumentSetRecord> {
      const id = randomUUID();
      const set: DocumentSetRecord = {
        id,
        name: input.name,
        createdBy: input.user.id,
        createdByName: input.user.displayName,
        unitId: input.user.unitId,
        createdAt: new Date().toISOString(),
        revision: 0,
        files: [],
        index: null,
        jobs: { index: null, summarize: null },
      };
      await mkdir(join(dirOf(id), 'files'), { recursive: true });
      await writeJson(join(dirOf(id), 'set.json'), set);
      return set;
    },

    /** Every set, newest first; a folder without a readable registry is left out. */
    async list(): Promise<DocumentSetRecord[]> {
      const names = await readdir(root).catch(() => [] as string[]);
      const sets = await Promise.all(names.filter((n) => setIdPattern.test(n)).map((n) => find(n).catch(() => null)));
      return sets.filter((s): s is DocumentSetRecord => s !== null).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    },

    /** Changes a set's registry entry under the set's lock. */
    update(id: string, change: (set: DocumentSetRecord) => DocumentSetRecord | Promise<DocumentSetRecord>): Promise<DocumentSetRecord> {
      return serial(id, async () => {
        const next = await change(await get(id));
        await writeJson(join(dirOf(id), 'set.json'), next);
        return next;
      });
    },

    /** Stores a file (replacing one of the same name) and bumps the revision. */
    addFile(id: string, name: string, content: Uint8Array): Promise<{ set: DocumentSetRecord; file: DocumentSetFile; isReplaced: boolean }> {
      return serial(id, async () => {
        const set = await get(id);
        const isReplaced = set.files.some((f) => f.name === name);
        if (!isReplaced && set.files.length >= MAX_FILES_PER_SET) {
          throw new AppError('VALIDATION_FAILED', { message: `Et dokumentsæt kan højst have ${MAX_FILES_PER_SET} filer` });
        }
        const files = join(dirOf(id), 'files');
        await mkdir(files, { recursive: true });
        // Written under a hidden name first: the engine skips hidden files, so a half-written upload is never indexed.
        const temp = join(files, `.upload-${randomUUID()}`);
        try {
          await writeFile(temp, content);
          await rename(temp, join(files, name));
        } catch (error) {
          await rm(temp, { force: true });
          throw error;
        }
        const file: DocumentSetFile = { name, size: content.length, sha256: sha256(content), uploadedAt: new Date().toISOString() };
        const next: DocumentSetRecord = {
          ...set,
          revision: set.revision + 1,
          files: [...set.files.filter((f) => f.name !== name), file].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        };
        await writeJson(join(dirOf(id), 'set.json'), next);
        return { set: next, file, isReplaced };
      });
    },

    async readSummaries(id: string): Promise<StoredSummaries | null> {
      try {
        return JSON.parse(await readFile(join(dirOf(id), 'summaries.json'), 'utf8')) as StoredSummaries;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    writeSummaries: (id: string, summaries: StoredSummaries) => writeJson(join(dirOf(id), 'summaries.json'), summaries),
  };
}

export type DocumentSetStore = ReturnType<typeof createDocumentSetStore>;

/** True when the set's index covers its files as they are now. */
export const isIndexCurrent = (set: DocumentSetRecord) => set.index !== null && set.index.revision === set.revision;

const jobPayload = z.strictObject({ setId: z.string().regex(setIdPattern) });

/** The usage log entries of a question or a summary: one per model call, or one for the offline run. */
function usageEntries(input: {
  setId: string;
  user: string | null;
  kind: 'answer' | 'summary';
  engine: 'offline' | 'llm';
  endpoint: string | null;
  usage: QaUsage[];
  inputText: string;
  output: string;
  sources: { document: string; page: number; paragraph: number }[];
  params: Record<string, unknown>;
  latencyMs: number;
}): AiUsageEntry[] {
  const common = {
    caseId: null,
    purpose: 'document_qa',
    promptId: `${DOCUMENT_QA_PROMPT_ID}:${input.kind}`,
    params: { setId: input.setId, ...input.params },
    // The question may name a person: only its hash is kept, as for the output.
    inputHash: sha256(input.inputText),
    redactedInputHash: null,
    redactedInput: null,
    outputHash: sha256(input.output),
    output: null,
    sources: input.sources.slice(0, 50),
    startedBy: input.user,
  };
  if (input.engine === 'llm' && input.usage.length > 0)
    return input.usage.map((u) => ({
      ...common,
      engine: 'llm' as const,
      endpoint: input.endpoint,
      model: u.model,
      promptHash: documentQaPromptHash,
      tokensIn: u.tokensIn,
      tokensOut: u.tokensOut,
      latencyMs: u.latencyMs,
    }));
  return [{ ...common, engine: 'offline', endpoint: null, model: null, promptHash: null, tokensIn: null, tokensOut: null, latencyMs: input.latencyMs }];
}

const documentInfo = ({ sha256: _sha, ...d }: SetDocument) => d;

/**
 * The document sets of one app: store, the two jobs (index, summarise), and questions. Built once
 * per set of dependencies, so the routes and the job runner share the sets loaded in memory.
 */
function createDocumentSets(deps: AppDeps) {
  const store = createDocumentSetStore(join(deps.config.dataDir, 'document-sets'));
  const llm: LlmProvider | null = deps.llm ? createOpenAiProvider(deps.llm) : null;
  const trust = deps.llm?.trust ?? 'external';
  // Loaded indexes, by set and revision; a few sets of a thousand pages fit easily in memory.
  const loaded = new Map<string, Promise<DocumentSet>>();
  const keepLoaded = 3;

  const remember = (key: string, value: Promise<DocumentSet>) => {
    loaded.delete(key);
    loaded.set(key, value);
    while (loaded.size > keepLoaded) loaded.delete(loaded.keys().next().value as string);
    value.catch(() => loaded.delete(key));
  };

  /** The set's index in memory: read from the on-disk index (no extraction: every page is there). */
  async function loadIndexed(set: DocumentSetRecord): Promise<DocumentSet> {
    if (!set.index) throw new AppError('CONFLICT', { message: 'Dokumentsættet er ikke indekseret endnu', details: { reason: 'not_indexed' } });
    if (!isIndexCurrent(set)) {
      throw new AppError('CONFLICT', { message: 'Der er kommet nye filer siden indekseringen; indeksér sættet igen', details: { reason: 'index_outdated' } });
    }
    const key = `${set.id}@${set.revision}`;
    const hit = loaded.get(key);
    if (hit) {
      remember(key, hit);
      return hit;
    }
    const promise = indexDocumentSet({ folder: store.filesDirOf(set.id), cacheDir: store.dirOf(set.id) });
    remember(key, promise);
    return promise;
  }

  const indexJob = defineJob({
    name: 'document-set.index',
    payload: jobPayload,
    async handler({ setId }, ctx) {
      const set = await store.get(setId);
      const revision = set.revision;
      const indexed = await indexDocumentSet({
        folder: store.filesDirOf(setId),
        cacheDir: store.dirOf(setId),
        signal: ctx.signal,
        onProgress: (p) => {
          // Scanning counts files, extracting counts pages: only pages make the percentage, so it never runs backwards.
          if (p.phase === 'scan') ctx.reportProgress(0, 0, 'scan');
          else ctx.reportProgress(p.done, p.total, 'pages', { etaSeconds: p.etaMs === null ? null : Math.ceil(p.etaMs / 1000) });
        },
      });
      const index: DocumentSetIndex = {
        revision,
        indexedAt: new Date().toISOString(),
        documents: indexed.documents.map(documentInfo),
        skipped: indexed.skipped,
        stats: {
          pages: indexed.stats.pages,
          paragraphs: indexed.stats.paragraphs,
          resumedPages: indexed.stats.resumedPages,
          extractedPages: indexed.stats.extractedPages,
          elapsedMs: indexed.stats.elapsedMs,
        },
      };
      const after = await store.update(setId, (s) => ({ ...s, index }));
      // The first question then needs no reading at all.
      if (after.revision === revision) remember(`${setId}@${revision}`, Promise.resolve(indexed));
      return {
        revision,
        documents: indexed.documents.length,
        ...index.stats,
        unreadable: indexed.documents.filter((d) => d.status === 'unreadable').map((d) => d.document),
        withoutText: indexed.documents.filter((d) => d.status === 'no_text').map((d) => d.document),
        cacheWriteError: indexed.stats.cacheWriteError,
      };
    },
  });

  const summarizeJob = defineJob({
    name: 'document-set.summarize',
    payload: jobPayload,
    async handler({ setId }, ctx) {
      const set = await store.get(setId);
      const indexed = await loadIndexed(set);
      const started = performance.now();
      ctx.reportProgress(0, indexed.documents.filter((d) => d.paragraphs > 0).length + 1, 'documents');
      const summary = await summarizeDocuments(
        { set: indexed, signal: ctx.signal, onProgress: (p) => ctx.reportProgress(p.done, p.total, 'documents') },
        { llm, trust },
      );
      const job = await deps.repos.jobs.find(ctx.jobId);
      for (const entry of usageEntries({
        setId,
        user: job?.createdBy ?? null,
        kind: 'summary',
        engine: summary.engine,
        endpoint: llm?.endpoint ?? null,
        usage: summary.usage,
        inputText: `${setId}@${set.revision}`,
        output: JSON.stringify([summary.overall.summary, ...summary.documents.map((d) => d.summary)]),
        sources: summary.overall.citations.map((c) => ({ document: c.document, page: c.page, paragraph: c.paragraph })),
        params: { revision: set.revision, documents: summary.documents.length, fallbackReason: summary.fallbackReason },
        latencyMs: Math.round(performance.now() - started),
      }))
        await deps.repos.aiUsage.record(entry);
      await store.writeSummaries(setId, {
        revision: set.revision,
        createdAt: new Date().toISOString(),
        engine: summary.engine,
        model: summary.model,
        fallbackReason: summary.fallbackReason,
        documents: summary.documents,
        overall: summary.overall,
      });
      return { revision: set.revision, documents: summary.documents.length, engine: summary.engine };
    },
  });

  /** Gets a set the user may use, or NOT_FOUND (a set of another unit is not revealed). */
  async function getForUser(id: string, user: UserRecord): Promise<DocumentSetRecord> {
    const set = await store.get(id);
    if (!canUseSet(user, set)) throw new AppError('NOT_FOUND', { message: 'Dokumentsættet findes ikke' });
    return set;
  }

  return {
    store,
    indexJob,
    summarizeJob,
    definitions: [indexJob, summarizeJob],
    getForUser,
    assertCanWork,

    /** Answers a question over an indexed set, cited by document, page and paragraph, and logs the AI usage. */
    async ask(input: { set: DocumentSetRecord; question: string; user: UserRecord; passages?: number; signal?: AbortSignal }): Promise<DocumentAnswer> {
      const question = input.question.trim();
      if (!words(question).length) throw new AppError('VALIDATION_FAILED', { message: 'Spørgsmålet indeholder ingen ord at søge efter' });
      const indexed = await loadIndexed(input.set);
      const started = performance.now();
      const answer = await askDocuments({ set: indexed, question, passages: input.passages, signal: input.signal }, { llm, trust });
      for (const entry of usageEntries({
        setId: input.set.id,
        user: input.user.id,
        kind: 'answer',
        engine: answer.engine,
        endpoint: llm?.endpoint ?? null,
        usage: answer.usage ? [answer.usage] : [],
        inputText: question,
        output: answer.answer,
        sources: answer.citations.map((c) => ({ document: c.document, page: c.page, paragraph: c.paragraph })),
        params: { revision: input.set.revision, flags: answer.flags, fallbackReason: answer.fallbackReason, promptVersion: answer.promptVersion },
        latencyMs: Math.round(performance.now() - started),
      }))
        await deps.repos.aiUsage.record(entry);
      return answer;
    },
  };
}

export type DocumentSets = ReturnType<typeof createDocumentSets>;

const instances = new WeakMap<AppDeps, DocumentSets>();

/** The document sets of these dependencies (one instance per app, shared by routes and the job runner). */
export function documentSets(deps: AppDeps): DocumentSets {
  let sets = instances.get(deps);
  if (!sets) {
    sets = createDocumentSets(deps);
    instances.set(deps, sets);
  }
  return sets;
}

/** The media type the engine reads a stored file as (for listings). */
export const mediaTypeOfFile = (name: string) => documentSetMediaTypes[extname(name).toLowerCase()] ?? 'application/octet-stream';
