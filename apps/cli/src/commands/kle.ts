import { countKleLevels, readKleFile } from '@ekspedit/ai';
import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printObject, printRows } from '../output';

const usage = `Brug: ekspedit kle <handling>
  kle import <fil> [--format json|table|csv]
      Indlæser KLE (KL's Emnesystematik) fra KLE-Online XML, OS2KLE (KLENummer=…) eller OS2agora JSON.
      Formatet genkendes på indholdet. Nøgleord fra en tidligere import bevares, når en kilde ikke har nogen.
  kle list [--level 1|2|3] [--format json|table|csv]
      Lister de indlæste KLE-numre.`;

export const kleCommand: Command = {
  name: 'kle',
  summary: 'KLE-emner: kle import <fil>, kle list',
  usage,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action === 'import') {
      const { values, positionals } = parseArgs(rest, { format: { type: 'string' } });
      const format = parseFormat(values.format);
      const [file] = positionals;
      if (!file) throw new CliUsageError('Angiv filen der skal importeres');
      let parsed: Awaited<ReturnType<typeof readKleFile>>;
      try {
        parsed = await readKleFile(file);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        io.stderr(`Fejl: ${e.code === 'ENOENT' ? `filen ${file} findes ikke` : e.code ? `filen ${file} kan ikke læses (${e.code})` : e.message}\n`);
        return 1;
      }
      const counts = countKleLevels(parsed.entries);
      return withDatabase('kle import', async (handle) => {
        const { inserted, updated } = await createRepositories(handle.db).kle.upsertSubjects(parsed.entries, parsed.format);
        printObject(io, format, { format: parsed.format, ...counts, total: parsed.entries.length, inserted, updated });
        return 0;
      });
    }
    if (action === 'list') {
      const { values } = parseArgs(rest, { format: { type: 'string' }, level: { type: 'string' } });
      const format = parseFormat(values.format);
      const level = values.level === undefined ? null : Number(values.level);
      if (level !== null && ![1, 2, 3].includes(level)) throw new CliUsageError('--level skal være 1, 2 eller 3');
      return withDatabase('kle list', async (handle) => {
        const rows = (await createRepositories(handle.db).kle.listSubjects()).filter((r) => level === null || r.level === level);
        printRows(
          io,
          format,
          rows.map((r) => ({
            code: r.code,
            level: r.level,
            title: r.title,
            parent: r.parentCode,
            keywords: format === 'table' ? r.keywords.length : r.keywords.join('; '),
          })),
          ['code', 'level', 'title', 'parent', 'keywords'],
        );
        return 0;
      });
    }
    throw new CliUsageError(action ? `Ukendt handling "${action}"` : 'Angiv en handling: import eller list');
  },
};
