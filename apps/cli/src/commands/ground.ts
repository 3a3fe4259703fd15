import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkGrounding, type GroundingPassage, mediaTypeFor, prepareSource } from '@ekspedit/ai';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliUsageError, parseFormat, printObject, printRows } from '../output';

export const groundCommand: Command = {
  name: 'ground',
  summary: 'Tjek et svar mod kilder: ground --answer <fil> --sources <filer…>',
  usage: `Brug: ekspedit ground --answer <fil> --sources <filer…> [--trusted <værdi>]… [--format json|table|csv]
  Deler svaret i sætninger og tjekker hver mod kilderne (PDF, DOCX, HTML, Markdown, tekst): støtte i kilderne,
  tal, datoer, paragraffer, links, telefonnumre og personoplysninger. Kræver ingen database.
  --trusted: værdier sagen selv står inde for (borgerens navn, sagsnummer), må gentages.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      answer: { type: 'string' },
      sources: { type: 'string', multiple: true },
      trusted: { type: 'string', multiple: true },
      format: { type: 'string' },
    });
    if (!values.answer) throw new CliUsageError('--answer mangler');
    // "--sources a.md b.md c.md": the files after the first arrive as positionals.
    const files = [...(values.sources ?? []), ...positionals];
    if (!files.length) throw new CliUsageError('--sources mangler');
    for (const file of files) if (!mediaTypeFor(file)) throw new CliUsageError(`Filtypen kendes ikke: ${basename(file)}`);
    const format = parseFormat(values.format, 'table');
    const answerFile = values.answer;
    const answer =
      mediaTypeFor(answerFile) === 'text/plain' || mediaTypeFor(answerFile) === 'text/markdown' || !mediaTypeFor(answerFile)
        ? await readFile(answerFile, 'utf8')
        : (await prepareSource({ filename: answerFile, content: new Uint8Array(await readFile(answerFile)) })).chunks.map((c) => c.text).join('\n\n');
    const passages: GroundingPassage[] = [];
    for (const file of files) {
      const prepared = await prepareSource({ filename: file, content: new Uint8Array(await readFile(file)) });
      for (const c of prepared.chunks)
        passages.push({
          sourceId: basename(file),
          chunkId: `${basename(file)}#${c.ordinal}`,
          title: prepared.title,
          headingPath: c.headingPath,
          text: c.text,
          page: c.page,
        });
    }
    const report = checkGrounding({ text: answer, sources: passages, trusted: values.trusted ?? [] });
    const out = {
      sentences: report.sentences.map((s) => ({
        text: s.text,
        citations: s.citations,
        supported: s.supported,
        flags: s.flags,
        kind: s.kind,
        score: s.score,
        start: s.start,
        end: s.end,
      })),
      supportedShare: Math.round(report.supportedShare * 1000) / 1000,
      flagCounts: report.flagCounts,
    };
    if (format === 'json') printObject(io, 'json', out);
    else
      printRows(
        io,
        format,
        out.sentences.map((s) => ({ supported: s.supported, flags: s.flags.join(' '), source: s.citations[0]?.chunkId ?? '', text: s.text })),
        ['supported', 'flags', 'source', 'text'],
      );
    return 0;
  },
};
