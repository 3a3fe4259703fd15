import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { parseFormat, printRows } from '../output';

export const unitsCommand: Command = {
  name: 'units',
  summary: 'List enheder',
  usage: 'Brug: ekspedit units [--format json|table|csv]\n  Lister enheder med overordnet enhed og de KLE-numre, de behandler.',
  async run(argv, io) {
    const { values } = parseArgs(argv, { format: { type: 'string' } });
    const format = parseFormat(values.format);
    return withDatabase('units', async (handle) => {
      const units = await createRepositories(handle.db).directory.listUnits();
      printRows(
        io,
        format,
        units.map((u) => ({ id: u.id, name: u.name, parent: u.parentId, kle: u.kleCodes.join(' ') })),
        ['id', 'name', 'parent', 'kle'],
      );
      return 0;
    });
  },
};
