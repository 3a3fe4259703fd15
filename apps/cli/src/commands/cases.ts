import { type CaseKind, caseKinds, isCaseKind } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { CliUsageError, parseFormat, printRows } from '../output';

export const casesCommand: Command = {
  name: 'cases',
  summary: 'List sager',
  usage: `Brug: ekspedit cases [list] [--unit <id>] [--state <tilstand>] [--kind <type>] [--search <tekst>] [--all] [--limit n] [--format json|table|csv]
  Lister sager (som administrator: alle enheder). --all medtager afsluttede sager. Typer: ${caseKinds.join(', ')}`,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      unit: { type: 'string' },
      state: { type: 'string' },
      kind: { type: 'string' },
      search: { type: 'string' },
      all: { type: 'boolean' },
      limit: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals[0] !== undefined && positionals[0] !== 'list') throw new CliUsageError(`Ukendt underkommando "${positionals[0]}"`);
    if (values.kind && !isCaseKind(values.kind)) throw new CliUsageError(`--kind skal være en af: ${caseKinds.join(', ')}`);
    const limit = values.limit ? Number(values.limit) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliUsageError('--limit skal være mellem 1 og 10000');
    const format = parseFormat(values.format);
    return withDatabase('cases', async (handle) => {
      const { items, total } = await createRepositories(handle.db).cases.listCases({
        scope: { all: true },
        unitId: values.unit,
        states: values.state ? [values.state] : undefined,
        kinds: values.kind ? [values.kind as CaseKind] : undefined,
        text: values.search,
        includeClosed: values.all ?? false,
        limit,
        offset: 0,
      });
      printRows(
        io,
        format,
        items.map((c) => ({ number: c.number, kind: c.kind, state: c.state, unit: c.unitId, deadline: c.deadline, assignee: c.assigneeName, title: c.title })),
        ['number', 'kind', 'state', 'unit', 'deadline', 'assignee', 'title'],
      );
      if (format === 'table') io.stderr(`${items.length} af ${total} sager\n`);
      return 0;
    });
  },
};
