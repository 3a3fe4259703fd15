import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { findPersonalData } from '@ekspedit/ai';
import { WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { createTesseractOcr, importEml, importFile } from '@ekspedit/mail';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';

export const importCommand: Command = {
  name: 'import',
  summary: 'Importér post og filer: import eml|file <filer…>',
  usage: `Brug: ekspedit import eml <fil.eml…> [--format json|table|csv]
       ekspedit import file <fil.msg|.pdf|.docx|.txt|.eml|billede…> [--format json|table|csv]
  Opretter en sag pr. fil. "file" læser også Outlook-MSG, PDF (skannede sider med Tesseract, når
  det er installeret), DOCX og tekst, og finder personoplysninger. En fil, der ikke kan læses,
  gemmes uændret på en markeret sag (intet tabes), og kommandoen slutter med kode 3.`,
  async run(argv, io) {
    const { positionals, values } = parseArgs(argv, { format: { type: 'string' } });
    const [what, ...files] = positionals;
    if (what !== 'eml' && what !== 'file') throw new CliUsageError('Ukendt underkommando; brug "import eml <filer…>" eller "import file <filer…>"');
    if (files.length === 0) throw new CliUsageError('Angiv mindst én .eml-fil');
    const format = parseFormat(values.format);
    return withDatabase(`import ${what}`, async (handle, config) => {
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
          if (what === 'file') {
            const extract = { maxBytes: config.maxUploadBytes, ocr: createTesseractOcr() };
            const imported = await importFile(
              { raw, filename: basename(file), actor: { kind: 'system', id: 'cli-import' } },
              { ...deps, findPersonalData, maxBytes: config.maxUploadBytes, extract },
            );
            const parsed = !imported.flags.includes('unparsed_source');
            if (!parsed) failures++;
            rows.push({ file, case: imported.case.number, parsed, status: `${imported.kind}: ${imported.outcome}`, deadline: imported.case.deadline });
            continue;
          }
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
