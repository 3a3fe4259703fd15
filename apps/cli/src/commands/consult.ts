import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  analyzeConsultation,
  buildConsultationMemo,
  type ConsultationAnalysis,
  type ConsultationResponse,
  createOpenAiProvider,
  type LineError,
  llmConfigFromEnv,
  parseResponsesFile,
  stanceLabels,
  type ThemeInput,
  themeListSchema,
  toAnalysisJson,
} from '@ekspedit/ai';
import { extractFileText, parseEml } from '@ekspedit/mail';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { type CliIo, CliUsageError, parseFormat, printRows } from '../output';

const usage = `Brug: ekspedit consult analyze <input> [--themes <temaer.json>] [--proposal <forslag.md>] [--engine auto|offline] [--skip-invalid] [--format json|table|csv]
      Analyserer høringssvar: temaer (med antal, en kampagne talt som ét svar), hvert svars temaer,
      holdning (support|oppose|mixed|neutral) og citater, og kampagner (enslydende svar) med deres størrelse.
      json: {"themes":[{"id","name","description","count"}],"responses":[{"id","themes","stance","quotes"}],
             "campaigns":[{"ids","size"}]}. csv: én linje pr. svar. table: temaer og kampagner.
  ekspedit consult memo <input> --output <notat.docx> [--themes <temaer.json>] [--proposal <forslag.md>] [--title "<titel>"] [--engine auto|offline] [--skip-invalid]
      Skriver et udkast til høringsnotat (DOCX): forslaget, afsendere, hvert tema med antal, holdninger,
      citater (med svar-id) og plads til administrationens bemærkninger, kampagner for sig, oversigter
      og et bilag med alle svar.
  <input> er en CSV-fil (kolonner id, text og evt. respondent_type; komma eller semikolon), en JSONL-fil
  med de samme felter, et Excel-ark (.xlsx, samme kolonner i første række) eller en mappe med ét svar
  pr. fil (PDF, DOCX, EML, TXT, MD; id = filnavnet uden endelse). respondent_type er citizen, association,
  business, local_council eller staff (eller borger, forening, virksomhed, lokalråd, medarbejder).
  --themes: en JSON-liste af {"id","name","description"}; svarene fordeles på dem i stedet for på fundne temaer.
  Med EKSPEDIT_LLM_BASE_URL/EKSPEDIT_LLM_MODEL bruges sprogmodellen (teksten sendes kun efter fjernelse af
  personoplysninger; --proposal gives modellen som baggrund); --engine offline eller ingen model: den offline metode.
  Ugyldige svar meldes på stderr, og intet analyseres (kode 1); med --skip-invalid analyseres de gyldige.`;

// Files in a folder that are read as one response each.
const folderExtensions = new Set(['.pdf', '.docx', '.eml', '.txt', '.md']);
const maxFileBytes = 20 * 1024 * 1024;

/** The text of one response file: a mail's subject, body and readable attachments, or a document's text. */
async function responseText(path: string): Promise<string | null> {
  const content = new Uint8Array(await readFile(path));
  const filename = basename(path);
  const options = { maxBytes: maxFileBytes, ocr: null };
  if (extname(path).toLowerCase() === '.eml') {
    const mail = await parseEml(content);
    const parts = [mail.subject, mail.text];
    // A response is often sent as an attachment with a one-line mail around it.
    for (const a of mail.attachments) {
      const extracted = await extractFileText(a, options);
      if (extracted.text) parts.push(extracted.text);
    }
    const text = parts.filter((p) => p.trim()).join('\n\n');
    return text.trim() || null;
  }
  const extracted = await extractFileText({ filename, contentType: '', content }, options);
  return extracted.text?.trim() || null;
}

/** Reads a folder of response files (one response per file, sorted by name). */
async function readFolder(path: string, io: CliIo): Promise<{ responses: ConsultationResponse[]; errors: LineError[] }> {
  const names = (await readdir(path)).sort((a, b) => a.localeCompare(b, 'da'));
  const responses: ConsultationResponse[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    const full = join(path, name);
    if (!(await stat(full)).isFile() || name.startsWith('.')) continue;
    if (!folderExtensions.has(extname(name).toLowerCase())) {
      io.stderr(`Springer over ${name}: ukendt filtype (læser PDF, DOCX, EML, TXT, MD)\n`);
      continue;
    }
    const id = name.slice(0, name.length - extname(name).length);
    if (seen.has(id)) {
      errors.push({ line: i + 1, message: `${name}: id "${id}" findes allerede (to filer med samme navn)` });
      continue;
    }
    try {
      const text = await responseText(full);
      if (!text) {
        errors.push({ line: i + 1, message: `${name}: ingen tekst fundet (en skannet PDF skal først gennem OCR)` });
        continue;
      }
      seen.add(id);
      responses.push({ id, text, respondentType: null });
    } catch (error) {
      errors.push({ line: i + 1, message: `${name}: kan ikke læses (${(error as Error).message})` });
    }
  }
  return { responses, errors };
}

/** Reads the responses of `input` (a file or a folder); null after printing why it cannot. */
async function readInput(input: string, io: CliIo, skipInvalid: boolean): Promise<ConsultationResponse[] | null> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(input);
  } catch {
    io.stderr(`Fejl: ${input} findes ikke\n`);
    return null;
  }
  let read: { responses: ConsultationResponse[]; errors: LineError[] } | null;
  if (info.isDirectory()) read = await readFolder(input, io);
  else {
    if (!/\.(csv|jsonl|ndjson|xlsx)$/i.test(input)) throw new CliUsageError(`${input}: ukendt filtype; brug .csv, .jsonl, .xlsx eller en mappe`);
    read = await parseResponsesFile({ filename: input, content: new Uint8Array(await readFile(input)) });
  }
  if (!read) return null;
  for (const e of read.errors.slice(0, 50)) io.stderr(`Fejl: ${e.message}\n`);
  if (read.errors.length > 50) io.stderr(`… og ${read.errors.length - 50} fejl mere\n`);
  if (read.errors.length > 0 && !skipInvalid) {
    io.stderr(`${read.errors.length} svar kunne ikke læses; intet er analyseret. Ret input, eller brug --skip-invalid.\n`);
    return null;
  }
  if (read.responses.length === 0) {
    io.stderr(`Fejl: ${input} indeholder ingen høringssvar\n`);
    return null;
  }
  return read.responses;
}

/** Reads and checks a themes file; null after printing why it cannot. */
async function readThemes(path: string, io: CliIo): Promise<ThemeInput[] | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.stderr(`Fejl: temafilen ${path} ${e.code === 'ENOENT' ? 'findes ikke' : 'er ikke gyldig JSON'}\n`);
    return null;
  }
  const parsed = themeListSchema.safeParse(value);
  if (!parsed.success) {
    io.stderr(`Fejl: temafilen ${path} skal være en JSON-liste af {"id","name","description"} (${parsed.error.issues[0]?.path.join('.') ?? ''})\n`);
    return null;
  }
  const ids = parsed.data.map((t) => t.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) {
    io.stderr(`Fejl: temaet "${twice}" står to gange i ${path}\n`);
    return null;
  }
  if (parsed.data.length === 0) {
    io.stderr(`Fejl: temafilen ${path} er tom\n`);
    return null;
  }
  return parsed.data;
}

/** Runs the analysis with the model when one is configured (and not refused), with progress on stderr. */
async function analyse(responses: ConsultationResponse[], themes: ThemeInput[] | null, engine: string | undefined, proposal: string | undefined, io: CliIo) {
  let config: ReturnType<typeof llmConfigFromEnv>;
  try {
    config = llmConfigFromEnv(process.env);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const useLlm = engine !== 'offline' && config !== null;
  // Long runs show a percentage; short offline runs finish before anyone would read it.
  const showProgress = useLlm || responses.length >= 200;
  let shown = -1;
  const analysis = await analyzeConsultation(responses, {
    themes,
    proposal,
    llm: useLlm && config ? createOpenAiProvider(config) : null,
    trust: config?.trust ?? 'external',
    onProgress: showProgress
      ? (p) => {
          const step = Math.floor(p.fraction * 10) * 10;
          if (step > shown) {
            shown = step;
            io.stderr(`Analyserer ${responses.length} høringssvar: ${step} %\n`);
          }
        }
      : undefined,
  });
  if (analysis.llm && (analysis.llm.offlineFallbacks > 0 || analysis.llm.discoveryFallback)) {
    io.stderr(
      `Bemærk: modellen svarede ikke for alt; ${analysis.llm.offlineFallbacks} svar er fordelt med den offline metode${analysis.llm.discoveryFallback ? ', og temaerne er fundet uden model' : ''}.\n`,
    );
  }
  return analysis;
}

function printTable(io: CliIo, analysis: ConsultationAnalysis): void {
  io.stdout(`Motor: ${analysis.engine === 'llm' ? `sprogmodel (${analysis.llm?.model ?? ''})` : 'offline'}   Svar: ${analysis.responses.length}\n\n`);
  printRows(
    io,
    'table',
    [...analysis.themes]
      .sort((a, b) => b.count - a.count)
      .map((t) => {
        const stances = analysis.responses.filter((r) => r.themes.includes(t.id));
        const split = (['support', 'oppose', 'mixed', 'neutral'] as const)
          .map((s) => `${stanceLabels[s]} ${stances.filter((r) => r.stance === s).length}`)
          .join(' ');
        return { id: t.id, tema: t.name, antal: t.count, svar: t.responseCount, holdning: split };
      }),
    ['id', 'tema', 'antal', 'svar', 'holdning'],
  );
  io.stdout('\n');
  if (analysis.campaigns.length === 0) io.stdout('Ingen kampagner (enslydende svar).\n');
  for (const c of analysis.campaigns) io.stdout(`Kampagne ${c.id}: ${c.size} enslydende svar (${c.ids.join(', ')})\n`);
}

export const consultCommand: Command = {
  name: 'consult',
  summary: 'Høringssvar: consult analyze <input>, consult memo <input> --output <notat.docx>',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      themes: { type: 'string' },
      engine: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      proposal: { type: 'string' },
      title: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
    });
    const [sub, input, ...extra] = positionals;
    if (sub !== 'analyze' && sub !== 'memo') throw new CliUsageError('Ukendt underkommando; brug "consult analyze <input>" eller "consult memo <input>"');
    if (!input) throw new CliUsageError('Angiv input: en CSV-, JSONL- eller XLSX-fil eller en mappe');
    if (extra.length > 0) throw new CliUsageError(`Ét input ad gangen (fik også ${extra.join(', ')})`);
    if (values.engine && values.engine !== 'auto' && values.engine !== 'offline') throw new CliUsageError('--engine skal være auto eller offline');
    const format = parseFormat(values.format);
    if (sub === 'memo' && !values.output) throw new CliUsageError('--output <notat.docx> mangler');
    if (sub === 'memo' && values.output && !values.output.toLowerCase().endsWith('.docx')) throw new CliUsageError('--output skal være en .docx-fil');

    const themes = values.themes ? await readThemes(values.themes, io) : null;
    if (values.themes && !themes) return 1;
    let proposal: string | undefined;
    if (values.proposal) {
      try {
        proposal = await readFile(values.proposal, 'utf8');
      } catch {
        io.stderr(`Fejl: forslaget ${values.proposal} kan ikke læses\n`);
        return 1;
      }
    }
    const responses = await readInput(input, io, values['skip-invalid'] ?? false);
    if (!responses) return 1;
    const analysis = await analyse(responses, themes, values.engine, proposal, io);

    if (sub === 'analyze') {
      if (format === 'json') io.stdout(`${JSON.stringify(toAnalysisJson(analysis))}\n`);
      else if (format === 'csv')
        printRows(
          io,
          'csv',
          analysis.responses.map((r) => ({
            id: r.id,
            themes: r.themes.join(';'),
            stance: r.stance,
            campaign: r.campaignId ?? '',
            quote: r.quotes[0]?.text ?? '',
          })),
          ['id', 'themes', 'stance', 'campaign', 'quote'],
        );
      else printTable(io, analysis);
      return 0;
    }
    const docx = await buildConsultationMemo(analysis, { responses, proposal, title: values.title, date: new Date().toISOString().slice(0, 10) });
    const output = values.output ?? '';
    try {
      await writeFile(output, docx);
    } catch (error) {
      io.stderr(`Fejl: ${output} kan ikke skrives (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
      return 1;
    }
    io.stdout(
      `Høringsnotat (udkast) skrevet til ${output}: ${responses.length} svar, ${analysis.themes.length} temaer, ${analysis.campaigns.length} ${analysis.campaigns.length === 1 ? 'kampagne' : 'kampagner'} (${analysis.engine === 'llm' ? 'med sprogmodel' : 'offline'}).\n`,
    );
    return 0;
  },
};
