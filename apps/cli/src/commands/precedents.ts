import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPrecedentIndex, type PrecedentRecord, parsePrecedentJsonl } from '@ekspedit/ai';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliUsageError, parseFormat, printRows } from '../output';

// Until the server keeps a register of answered questions, the bundled demo register is the default.
const demoRegister = fileURLToPath(new URL('../../../../eval/datasets/politician-questions/answered.jsonl', import.meta.url));

/** Records from one JSONL file, or from every .jsonl file in a folder. */
async function loadCorpus(path: string): Promise<PrecedentRecord[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new CliUsageError(`Findes ikke: ${path}`);
  const files = info.isDirectory()
    ? (await readdir(path))
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const records: PrecedentRecord[] = [];
  for (const file of files) records.push(...parsePrecedentJsonl(await readFile(file, 'utf8'), file));
  return records;
}

export const precedentsCommand: Command = {
  name: 'precedents',
  summary: 'Er spørgsmålet stillet før, og hvad svarede vi?',
  usage: `Brug: ekspedit precedents "<spørgsmål>" [--corpus <fil.jsonl|mappe>] [--limit 5] [--mode hybrid|lexical] [--format json|table|csv]
  Finder tidligere politikerspørgsmål og svar, der ligner det nye spørgsmål, rangeret (dansk fuldtekst med
  orddannelse og sammensatte ord, samt vektorer). match: strong (næsten sikkert stillet før), possible (beslægtet), weak.
  --corpus: JSONL med {id, date, asker, committee, question, answer} pr. linje, eller en mappe med sådanne filer
  (standard: demoregistret eval/datasets/politician-questions/answered.jsonl). Kræver ingen database.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      corpus: { type: 'string' },
      limit: { type: 'string' },
      mode: { type: 'string' },
      format: { type: 'string' },
    });
    const question = positionals.join(' ').trim();
    if (!question) throw new CliUsageError('Spørgsmålet mangler');
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliUsageError('--limit skal være et helt tal fra 1 til 100');
    if (values.mode && values.mode !== 'hybrid' && values.mode !== 'lexical') throw new CliUsageError('--mode skal være hybrid eller lexical');
    const format = parseFormat(values.format, 'table');
    let records: PrecedentRecord[];
    try {
      records = await loadCorpus(values.corpus ?? demoRegister);
    } catch (error) {
      if (error instanceof CliUsageError) throw error;
      throw new CliUsageError((error as Error).message);
    }
    const index = await buildPrecedentIndex(records);
    const hits = await index.search(question, { limit, mode: (values.mode ?? 'hybrid') as 'hybrid' | 'lexical' });
    if (format === 'json') {
      io.stdout(`${JSON.stringify(hits, null, 2)}\n`);
      return 0;
    }
    printRows(
      io,
      format,
      hits.map((h) => ({
        id: h.id,
        dato: h.date,
        match: h.match,
        lighed: h.similarity,
        spørger: h.asker,
        spørgsmål: h.question,
        svar: format === 'csv' ? h.answer : `${h.answer.slice(0, 80)}…`,
      })),
      ['id', 'dato', 'match', 'lighed', 'spørger', 'spørgsmål', 'svar'],
    );
    return 0;
  },
};
