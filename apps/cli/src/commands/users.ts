import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { parseFormat, printRows } from '../output';

export const usersCommand: Command = {
  name: 'users',
  summary: 'List brugere',
  usage: 'Brug: ekspedit users [--format json|table|csv]\n  Lister aktive brugere med roller og enhed.',
  async run(argv, io) {
    const { values } = parseArgs(argv, { format: { type: 'string' } });
    const format = parseFormat(values.format);
    return withDatabase('users', async (handle) => {
      const users = await createRepositories(handle.db).directory.listUsers();
      printRows(
        io,
        format,
        users.map((u) => ({ username: u.username, name: u.displayName, roles: u.roles.join(' '), unit: u.unitId })),
        ['username', 'name', 'roles', 'unit'],
      );
      return 0;
    });
  },
};
