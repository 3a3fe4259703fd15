import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { importEml } from '@ekspedit/mail';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';

export const importCommand: Command = {
  name: 'import',
  summary: 'Importér post: import eml <filer…>',
  usage: `Brug: ekspedit import eml <fil.eml…> [--format json|table|csv]
  Opretter en sag pr. e-mail. En fil, der ikke kan læses som e-mail, gemmes uændret på en
  markeret sag (intet tabes), og kommandoen slutter med kode 3.`,
  async run(argv, io) {
    const { positionals, values } = parseArgs(argv, { format: { type: 'string' } });
    const [what, ...files] = positionals;
    if (what !== 'eml') throw new CliUsageError('Ukendt underkommando; brug "import eml <filer…>"');
    if (files.length === 0) throw new CliUsageError('Angiv mindst én .eml-fil');
    const format = parseFormat(values.format);
    return withDatabase('import eml', async (handle, config) => {
      const repos = createRepositories(handle.db);
      const deps = {
        cases: repos.cases,
        directory: repos.directory,
        workflows: new WorkflowRegistry(),
        calendar: new WorkingCalendar(config.calendar),
        clock: { now: () => new Date() },
      };
      const rows: Record<string, unknown>[] = [];
      let failures = 0;
      for (const file of files) {
        try {
          const info = await stat(file);
          if (info.size > config.maxUploadBytes) throw new Error(`filen er større end ${config.maxUploadBytes} bytes`);
          const raw = new Uint8Array(await readFile(file));
          const result = await importEml({ raw, filename: basename(file), actor: { kind: 'system', id: 'cli-import' } }, deps);
          if (!result.parsed) failures++;
          rows.push({
            file,
            case: result.case.number,
            parsed: result.parsed,
            status: result.parsed ? 'oprettet' : 'ulæselig, gemt og markeret',
            deadline: result.case.deadline,
          });
        } catch (error) {
          failures++;
          rows.push({ file, case: null, parsed: false, status: `fejl: ${(error as Error).message}`, deadline: null });
        }
      }
      printRows(io, format, rows, ['file', 'case', 'parsed', 'status', 'deadline']);
      return failures > 0 ? 3 : 0;
    });
  },
};
