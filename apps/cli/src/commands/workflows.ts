import { WorkflowRegistry } from '@ekspedit/core';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { parseFormat, printRows } from '../output';

export const workflowsCommand: Command = {
  name: 'workflows',
  summary: 'List arbejdsgange og deres tilstande',
  usage: 'Brug: ekspedit workflows [--format json|table|csv]\n  Lister arbejdsgangen for hver sagstype: version, tilstande, overgange og frist.',
  async run(argv, io) {
    const { values } = parseArgs(argv, { format: { type: 'string' } });
    const format = parseFormat(values.format);
    const all = new WorkflowRegistry().all();
    if (format === 'json') {
      io.stdout(`${JSON.stringify(all, null, 2)}\n`);
      return 0;
    }
    printRows(
      io,
      format,
      all.map((w) => ({
        kind: w.kind,
        version: w.version,
        states: w.states.map((s) => s.id).join(' '),
        transitions: w.transitions.map((t) => `${t.id}→${t.to}`).join(' '),
        deadline: w.deadline.type === 'none' ? '' : `${w.deadline.days} ${w.deadline.type === 'working_days' ? 'arbejdsdage' : 'kalenderdage'}`,
      })),
      ['kind', 'version', 'deadline', 'states', 'transitions'],
    );
    return 0;
  },
};
