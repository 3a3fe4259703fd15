import { demoPassword, demoUsers, isDatabaseEmpty, seedDemo } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError } from '../output';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Indlæs demodata: seed demo',
  usage: 'Brug: ekspedit seed demo [--cases <antal>]\n  Indlæser demokommunen (enheder, brugere, henvendelser) i en tom database.',
  async run(argv, io) {
    const { positionals, values } = parseArgs(argv, { cases: { type: 'string' } });
    if (positionals[0] !== 'demo') throw new CliUsageError('Ukendt underkommando; brug "seed demo"');
    const cases = values.cases === undefined ? 300 : Number(values.cases);
    if (!Number.isInteger(cases) || cases < 0 || cases > 100_000) throw new CliUsageError('--cases skal være et heltal mellem 0 og 100000');
    return withDatabase('seed demo', async (handle) => {
      if (!(await isDatabaseEmpty(handle))) {
        io.stderr('Databasen er ikke tom; demodata indlæses kun i en tom database.\n');
        return 1;
      }
      const result = await seedDemo(handle, {
        cases,
        onProgress: (done, total) => {
          if (done % 50 === 0 || done === total) io.stderr(`\r${done}/${total} henvendelser`);
        },
      });
      io.stderr('\n');
      io.stdout(`Demokommune indlæst: ${result.units} enheder, ${result.users} brugere, ${result.cases} sager.\n`);
      io.stdout(`Log ind som fx "${demoUsers[0]?.username}" med adgangskoden "${demoPassword}".\n`);
      return 0;
    });
  },
};
