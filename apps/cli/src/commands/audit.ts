import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printObject } from '../output';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Revisionsloggen: audit verify, audit head',
  usage: `Brug: ekspedit audit <verify|head> [--format json|table]
  verify  gennemgår hele kæden af hashes: {"ok","entries","firstBadEntry"}; kode 1 hvis kæden er brudt
  head    kædens seneste led (id, hash, tid) til opbevaring et andet sted`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, { format: { type: 'string' } });
    const format = parseFormat(values.format);
    const sub = positionals[0];
    if (sub !== 'verify' && sub !== 'head') throw new CliUsageError('Ukendt underkommando; brug verify eller head');
    return withDatabase(`audit ${sub}`, async (handle) => {
      const audit = createRepositories(handle.db).audit;
      if (sub === 'head') {
        printObject(io, format, (await audit.head()) ?? { id: null, hash: null, at: null });
        return 0;
      }
      const result = await audit.verify();
      printObject(io, format, result);
      return result.ok ? 0 : 1;
    });
  },
};
