import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type AnswerCitation,
  type AnswerFlag,
  askDocuments,
  createOpenAiProvider,
  type DocumentAnswer,
  type DocumentSet,
  type IndexProgress,
  indexDocumentSet,
  llmConfigFromEnv,
  type SetSummary,
  type Summary,
  summarizeDocuments,
  words,
} from '@ekspedit/ai';
import { AppError } from '@ekspedit/core';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { type CliIo, CliUsageError, parseFormat, printObject, processIo } from '../output';

const flagText: Record<AnswerFlag, string> = {
  no_answer: 'dokumenterne besvarer ikke spørgsmålet',
  low_confidence: 'usikkert svar: kilden dækker kun en del af spørgsmålet',
  unsupported_sentences: 'en eller flere sætninger har ikke støtte i kilderne',
  llm_failed: 'modellen fejlede; svaret er lavet uden model',
  documents_unreadable: 'nogle filer kunne ikke læses',
  documents_without_text: 'nogle PDF-filer har ingen tekst (skannede?) og er ikke søgt i',
};

const danishNumber = (n: number) => n.toLocaleString('da-DK');

/** "ca. 12 s" / "ca. 3 min 20 s": time left as a person reads it. */
export function formatTimeLeft(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `ca. ${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `ca. ${m} min ${s % 60} s` : `ca. ${m} min`;
}

/** "Indekserer 120/310 sider (39 %), ca. 12 s tilbage". */
export function formatProgress(p: IndexProgress): string {
  if (p.phase === 'scan') return `Læser filer ${p.done}/${p.total}`;
  const pct = Math.floor(p.fraction * 100);
  const left = p.etaMs === null ? 'beregner tid tilbage' : p.done >= p.total ? 'færdig' : `${formatTimeLeft(p.etaMs)} tilbage`;
  return `Indekserer ${p.done}/${p.total} sider (${pct} %), ${left}`;
}

/**
 * Progress on stderr: one line rewritten in place on a terminal; otherwise a line at every tenth
 * and at least every other second, so logs stay short.
 */
function progressPrinter(io: CliIo, isTty: boolean) {
  let lastDecile = -1;
  let lastAt = 0;
  let lastPhase = '';
  let lastLength = 0;
  let announcedResume = false;
  return {
    update(p: IndexProgress) {
      if (p.phase === 'extract' && p.resumedPages > 0 && !announcedResume) {
        announcedResume = true;
        this.clear();
        io.stderr(
          p.resumedPages >= p.total
            ? `Bruger indekset: alle ${danishNumber(p.total)} sider er læst før.\n`
            : `Genoptager: ${danishNumber(p.resumedPages)} af ${danishNumber(p.total)} sider findes allerede i indekset.\n`,
        );
      }
      const now = performance.now();
      // Hashing and reading the small formats is usually quick: files are counted only when it is not.
      if (p.phase === 'scan' && (p.elapsedMs < 1000 || now - lastAt < 1000)) return;
      const decile = Math.floor(p.fraction * 10);
      const text = formatProgress(p);
      if (isTty) {
        if (now - lastAt < 100 && p.done < p.total) return;
        io.stderr(`\r${text.padEnd(lastLength)}`);
        lastLength = text.length;
      } else {
        if (p.phase === lastPhase && decile === lastDecile && now - lastAt < 2000) return;
        io.stderr(`${text}\n`);
      }
      lastAt = now;
      lastDecile = decile;
      lastPhase = p.phase;
    },
    clear() {
      if (isTty && lastLength) io.stderr(`\r${' '.repeat(lastLength)}\r`);
      lastLength = 0;
    },
  };
}

const where = (c: AnswerCitation) => `${c.document}, side ${c.page}${c.pagination === 'pseudo' ? ' (beregnet)' : ''}, afsnit ${c.paragraph}`;

function printAnswer(io: CliIo, a: DocumentAnswer): void {
  io.stdout(`Spørgsmål: ${a.question}\n\nSvar (${a.engine === 'llm' ? `model ${a.model}` : 'uden model'}):\n`);
  for (const s of a.sentences)
    io.stdout(`  ${s.supported ? '' : '[uden støtte] '}${s.text}${s.citations.length ? ` ${s.citations.map((n) => `[${n + 1}]`).join('')}` : ''}\n`);
  if (!a.sentences.length) io.stdout(`  ${a.answer}\n`);
  if (a.citations.length) {
    io.stdout('\nKilder:\n');
    for (const [i, c] of a.citations.entries()) io.stdout(`  [${i + 1}] ${where(c)}\n      "${c.quote}"\n`);
  }
  if (a.flags.length) io.stdout(`\nBemærk:\n${a.flags.map((f) => `  - ${flagText[f]}`).join('\n')}\n`);
}

function printSummary(io: CliIo, heading: string, s: Summary, withDocument: boolean): void {
  io.stdout(`\n${heading}\n`);
  const place = (c: AnswerCitation) => `${withDocument ? `${c.document}, ` : ''}s. ${c.page}, afsnit ${c.paragraph}`;
  for (const sentence of s.sentences) {
    const cites = sentence.citations.map((n) => s.citations[n]).filter((c): c is AnswerCitation => !!c);
    io.stdout(`  - ${sentence.supported ? '' : '[uden støtte] '}${sentence.text}${cites.length ? ` (${cites.map(place).join('; ')})` : ''}\n`);
  }
}

function printSummaries(io: CliIo, summary: SetSummary): void {
  io.stdout(`Sammenfatninger (${summary.engine === 'llm' ? `model ${summary.model}` : 'uden model'}):\n`);
  for (const d of summary.documents) printSummary(io, `${d.title} — ${d.document} (${d.pages} sider)`, d, false);
  printSummary(io, 'På tværs af dokumenterne', summary.overall, true);
}

const documentList = (set: DocumentSet) =>
  set.documents.map((d) => ({ document: d.document, title: d.title, pages: d.pages, paragraphs: d.paragraphs, pagination: d.pagination, status: d.status }));

export const askCommand: Command = {
  name: 'ask',
  summary: 'Spørg en mappe med dokumenter: ask --docs <mappe> "<spørgsmål>" [--summary]',
  usage: `Brug: ekspedit ask --docs <mappe> "<spørgsmål>" [--summary] [--format json|table] [--cache <mappe> | --no-cache] [--engine auto|offline] [--passages n]
  Læser PDF, DOCX, Markdown og tekst i mappen (og dens undermapper) og svarer med kilde til hver sætning:
  dokument, side og afsnit. Hver sætning tjekkes mod kilderne; sætninger uden støtte markeres.
  --summary   sammenfatning af hvert dokument og på tværs af dem (spørgsmålet kan udelades).
  --cache     hvor indekset (.ekspedit-index/) gemmes; standard er dokumentmappen. Et afbrudt
              eller genstartet indeks fortsætter, hvor det slap; uændrede filer læses ikke igen.
  --engine    auto bruger EKSPEDIT_LLM_BASE_URL/EKSPEDIT_LLM_MODEL når de er sat; offline aldrig.
  Sider: PDF-sider er filens sider. Word-filer med sideskift bruger dem; ellers (og for Markdown og
  tekst) er en side 8 afsnit ("beregnet" side). Overskrifter, sidehoveder og sidetal tælles ikke som afsnit.
  Fremskridt og tid tilbage skrives på stderr; Ctrl-C afbryder, og det læste gemmes.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      docs: { type: 'string' },
      summary: { type: 'boolean' },
      format: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
      engine: { type: 'string' },
      passages: { type: 'string' },
    });
    if (!values.docs) throw new CliUsageError('--docs mangler: angiv mappen med dokumenterne');
    const format = parseFormat(values.format, 'table');
    if (format === 'csv') throw new CliUsageError('ask skriver json eller table, ikke csv');
    if (values.engine && values.engine !== 'auto' && values.engine !== 'offline') throw new CliUsageError('--engine skal være auto eller offline');
    if (values.cache && values['no-cache']) throw new CliUsageError('Brug enten --cache eller --no-cache, ikke begge');
    const passages = values.passages === undefined ? 12 : Number(values.passages);
    if (!Number.isInteger(passages) || passages < 1 || passages > 50) throw new CliUsageError('--passages skal være et helt tal fra 1 til 50');
    // "ask --docs x Hvad koster …" without quotes: the words arrive as positionals.
    const question = positionals.join(' ').trim();
    if (!question && !values.summary) throw new CliUsageError('Skriv et spørgsmål i anførselstegn, eller brug --summary');
    if (question && !words(question).length) throw new CliUsageError('Spørgsmålet indeholder ingen ord at søge efter');

    const folder = resolve(values.docs);
    const info = await stat(folder).catch(() => null);
    if (!info) throw new CliUsageError(`Mappen findes ikke: ${values.docs}`);
    if (!info.isDirectory()) throw new CliUsageError(`--docs skal være en mappe, ikke en fil: ${values.docs}`);
    if (values.cache) {
      const cacheInfo = await stat(resolve(values.cache)).catch(() => null);
      if (cacheInfo && !cacheInfo.isDirectory()) throw new CliUsageError(`--cache skal være en mappe: ${values.cache}`);
    }
    let llmConfig: ReturnType<typeof llmConfigFromEnv>;
    try {
      llmConfig = llmConfigFromEnv(process.env);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const llm = values.engine !== 'offline' && llmConfig ? createOpenAiProvider(llmConfig) : null;
    const trust = llmConfig?.trust ?? 'external';

    // Ctrl-C stops between pages; what was read is already in the index, so the next run goes on from there.
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const progress = progressPrinter(io, io === processIo && process.stderr.isTTY === true);
    let lastProgress: IndexProgress | null = null;
    try {
      const set = await indexDocumentSet({
        folder,
        cacheDir: values['no-cache'] ? null : values.cache ? resolve(values.cache) : folder,
        signal: controller.signal,
        onProgress: (p) => {
          lastProgress = p;
          progress.update(p);
        },
      });
      progress.clear();
      if (!set.documents.length) throw new AppError('NOT_FOUND', { message: `Ingen dokumenter at læse i ${values.docs} (PDF, DOCX, Markdown eller tekst)` });
      const { stats } = set;
      io.stderr(
        `Indekseret: ${set.documents.length} dokumenter, ${danishNumber(stats.pages)} sider, ${danishNumber(stats.paragraphs)} afsnit på ${danishNumber(Math.round(stats.elapsedMs / 100) / 10)} s (${danishNumber(stats.extractedPages)} sider læst, ${danishNumber(stats.resumedPages)} fra indekset).\n`,
      );
      for (const d of set.documents) {
        if (d.status === 'unreadable') io.stderr(`Advarsel: ${d.document} kunne ikke læses${d.error ? ` (${d.error})` : ''}.\n`);
        if (d.status === 'no_text') io.stderr(`Advarsel: ${d.document} har ingen tekst (skannet?) og er ikke søgt i.\n`);
      }
      if (set.skipped.length) io.stderr(`Springer over (ukendt filtype): ${set.skipped.join(', ')}\n`);
      if (stats.cacheWriteError) io.stderr(`Advarsel: indekset kunne ikke gemmes (${stats.cacheWriteError}); brug --cache <mappe>.\n`);
      if (!set.paragraphs.length) throw new AppError('NOT_FOUND', { message: `Der er ingen tekst at søge i under ${values.docs}` });

      const answer = question ? await askDocuments({ set, question, signal: controller.signal, passages }, { llm, trust }) : null;
      const summary = values.summary
        ? await summarizeDocuments(
            {
              set,
              signal: controller.signal,
              onProgress: (p) => {
                if (p.done < p.total) io.stderr(`Sammenfatter ${p.done}/${p.total - 1} dokumenter\n`);
              },
            },
            { llm, trust },
          )
        : null;

      if (format === 'json') {
        printObject(io, 'json', {
          ...(answer
            ? {
                question: answer.question,
                answer: answer.answer,
                citations: answer.citations,
                flags: answer.flags,
                sentences: answer.sentences,
                engine: answer.engine,
                model: answer.model,
                fallbackReason: answer.fallbackReason,
                passages: answer.passages,
                usage: answer.usage,
              }
            : {}),
          ...(summary ? { summaries: { engine: summary.engine, model: summary.model, documents: summary.documents, overall: summary.overall } } : {}),
          documents: documentList(set),
          stats: set.stats,
        });
      } else {
        if (answer) printAnswer(io, answer);
        if (answer && summary) io.stdout('\n');
        if (summary) printSummaries(io, summary);
      }
      return 0;
    } catch (error) {
      progress.clear();
      if (!controller.signal.aborted) throw error;
      const p = lastProgress as IndexProgress | null;
      const saved = p?.phase === 'extract' ? ` ${danishNumber(p.done)} af ${danishNumber(p.total)} sider er gemt i indekset;` : '';
      io.stderr(`\nAfbrudt.${saved} kør kommandoen igen for at fortsætte.\n`);
      return 130;
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  },
};
