import { caseKinds, computeDeadline, isCaseKind, loadConfig, WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliUsageError, parseFormat, printObject } from '../output';

export const deadlineCommand: Command = {
  name: 'deadline',
  summary: 'Beregn en frist i arbejdsdage',
  usage: `Brug: ekspedit deadline --kind <type> --received <ÅÅÅÅ-MM-DD> [--format json|table]
  Beregner fristen for en sagstype ud fra modtagelsesdatoen, med danske helligdage og lukkedage
  (EKSPEDIT_CLOSED_DAYS). Typer: ${caseKinds.join(', ')}`,
  async run(argv, io) {
    const { values } = parseArgs(argv, { kind: { type: 'string' }, received: { type: 'string' }, format: { type: 'string' } });
    if (!values.kind || !isCaseKind(values.kind)) throw new CliUsageError(`--kind skal være en af: ${caseKinds.join(', ')}`);
    if (!values.received || !/^\d{4}-\d{2}-\d{2}$/.test(values.received) || Number.isNaN(Date.parse(values.received))) {
      throw new CliUsageError('--received skal være en dato som 2026-04-01');
    }
    const config = loadConfig(process.env);
    const rule = new WorkflowRegistry().current(values.kind).deadline;
    const result = computeDeadline(rule, values.received, new WorkingCalendar(config.calendar));
    printObject(io, parseFormat(values.format), { deadline: result?.deadline ?? null, workingDays: result?.workingDays ?? null });
    return 0;
  },
};
