import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { findPersonalData } from '@ekspedit/ai';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliUsageError, parseFormat } from '../output';

export const redactCommand: Command = {
  name: 'redact',
  summary: 'Find personoplysninger: redact --input <fil.jsonl>',
  usage: `Brug: ekspedit redact --input <fil.jsonl> [--format json]
  Hver linje i input er {"id","text"}; hver linje ud er {"id","spans":[{"start","end","type"}]} med typerne
  CPR, PHONE, EMAIL, ADDRESS, NAME, ACCOUNT, CVR (tegnpositioner i text). Teksten skrives aldrig ud.`,
  async run(argv, io) {
    const { values } = parseArgs(argv, { input: { type: 'string' }, format: { type: 'string' } });
    if (!values.input) throw new CliUsageError('--input mangler');
    if (parseFormat(values.format, 'json') !== 'json') throw new CliUsageError('redact skriver kun JSON-linjer (--format json)');
    const lines = createInterface({ input: createReadStream(values.input, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    let failed = 0;
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let item: { id?: unknown; text?: unknown };
      try {
        item = JSON.parse(line) as { id?: unknown; text?: unknown };
      } catch {
        // The line number only: the line itself may hold personal data.
        io.stderr(`Linje ${lineNo}: ikke gyldig JSON\n`);
        failed++;
        continue;
      }
      if (typeof item.text !== 'string') {
        io.stderr(`Linje ${lineNo}: "text" mangler\n`);
        failed++;
        continue;
      }
      const spans = findPersonalData(item.text).map((s) => ({ start: s.start, end: s.end, type: s.type }));
      io.stdout(`${JSON.stringify({ id: item.id ?? null, spans })}\n`);
    }
    return failed ? 1 : 0;
  },
};
