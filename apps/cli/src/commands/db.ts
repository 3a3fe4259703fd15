import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError } from '../output';

export const dbCommand: Command = {
  name: 'db',
  summary: 'Databasen: migrate',
  usage: 'Brug: ekspedit db migrate\n  Kører databasens migreringer (PGlite i EKSPEDIT_DATA_DIR, eller PostgreSQL i DATABASE_URL).',
  async run(argv, io) {
    if (argv[0] !== 'migrate') throw new CliUsageError('Ukendt underkommando; brug "db migrate"');
    await withDatabase('db migrate', async (handle) => {
      io.stdout(`Migreringer kørt (${handle.kind}).\n`);
    });
    return 0;
  },
};
