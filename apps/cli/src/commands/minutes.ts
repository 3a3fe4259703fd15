import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  agendaExtensions,
  createOpenAiProvider,
  draftMinutes,
  llmConfigFromEnv,
  minutesToJson,
  readAgenda,
  readTranscript,
  renderMinutesDocx,
  transcriptExtensions,
} from '@ekspedit/ai';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliUsageError, printObject, printRows } from '../output';

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export const minutesCommand: Command = {
  name: 'minutes',
  summary: 'Udkast til referat ud fra dagsorden og udskrift eller noter',
  usage: `Brug: ekspedit minutes --agenda <fil> --transcript <fil> [--format json|docx|table] [--output <fil>] [--date ÅÅÅÅ-MM-DD] [--engine auto|offline]
  Dagsorden: DOCX, PDF, Markdown eller tekst. Udskrift eller noter: tekst, WebVTT, SRT eller DOCX.
  Finder deltagere og afbud, deler udskriften op efter dagsordenens punkter (også når de tages i en anden rækkefølge),
  og skriver pr. punkt et kort referat, beslutningen (eller at punktet blev udsat og hvorfor), afstemninger og opgaver
  (hvad, hvem, frist). Hvert udsagn henviser til de linjer i udskriften, det bygger på. Kræver ingen database.
  --date: mødedatoen, hvis dagsordenen ikke har den (bruges til frister som "senest fredag").
  --format docx skriver referatet i kommunens format (Beslutning:, opfølgningstabel) til --output (standard: referat-<dato>.docx).
  Bruger EKSPEDIT_LLM_BASE_URL/EKSPEDIT_LLM_MODEL(_MINUTES) når de er sat: modellen skriver referatet af hvert punkt, og hver
  sætning tjekkes mod udskriften; navne og CPR-numre skjules først. Uden model (eller hvis den fejler) bruges den offline motor.`,
  async run(argv, io) {
    const { values } = parseArgs(argv, {
      agenda: { type: 'string' },
      transcript: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      date: { type: 'string' },
      engine: { type: 'string' },
    });
    if (!values.agenda) throw new CliUsageError('--agenda mangler');
    if (!values.transcript) throw new CliUsageError('--transcript mangler');
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'docx' && format !== 'table') throw new CliUsageError(`Ukendt format "${format}" (brug json, docx eller table)`);
    if (values.engine && values.engine !== 'auto' && values.engine !== 'offline') throw new CliUsageError('--engine skal være auto eller offline');
    if (values.date && !isIsoDate(values.date)) throw new CliUsageError('--date skal være en dato som 2026-03-12');
    if (!(agendaExtensions as readonly string[]).includes(extname(values.agenda).toLowerCase()))
      throw new CliUsageError(`Dagsordenen skal være ${agendaExtensions.join(', ')}`);
    if (!(transcriptExtensions as readonly string[]).includes(extname(values.transcript).toLowerCase()))
      throw new CliUsageError(`Udskriften skal være ${transcriptExtensions.join(', ')}`);
    let llmConfig: ReturnType<typeof llmConfigFromEnv>;
    try {
      llmConfig = llmConfigFromEnv(process.env);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const agenda = await readAgenda({ filename: values.agenda, content: new Uint8Array(await readFile(values.agenda)) });
    const transcript = await readTranscript({ filename: values.transcript, content: new Uint8Array(await readFile(values.transcript)) });
    if (agenda.items.length === 0) throw new CliUsageError('Dagsordenen har ingen nummererede punkter (fx "1. Godkendelse af dagsorden")');
    if (!agenda.date && !values.date)
      io.stderr('Bemærk: mødedatoen står ikke i dagsordenen; giv --date for at regne frister som "senest fredag" om til datoer.\n');
    const llm = values.engine !== 'offline' && llmConfig ? createOpenAiProvider(llmConfig) : null;
    const { minutes } = await draftMinutes(
      { agenda, transcript, date: values.date ?? null },
      { llm, trust: llmConfig?.trust ?? 'external', tokenBudget: llmConfig?.caseTokenBudget },
    );
    if (minutes.fallbackReason) io.stderr(`Bemærk: referatet er (delvist) lavet uden model: ${minutes.fallbackReason}\n`);
    if (format === 'docx') {
      const output = values.output ?? `referat-${minutes.date ?? 'udkast'}.docx`;
      await writeFile(output, await renderMinutesDocx(minutes));
      io.stdout(`${output}\n`);
      return 0;
    }
    const json = minutesToJson(minutes);
    if (format === 'json') {
      if (values.output) {
        await writeFile(values.output, `${JSON.stringify(json, null, 2)}\n`);
        io.stdout(`${values.output}\n`);
      } else printObject(io, 'json', json);
      return 0;
    }
    io.stdout(`${json.meeting}${json.date ? `, ${json.date}` : ''}\nDeltagere: ${json.attendees.join(', ')}\nAfbud: ${json.absent.join(', ') || 'ingen'}\n\n`);
    printRows(
      io,
      'table',
      json.items.map((i) => ({ punkt: i.number, titel: i.title, beslutning: i.decision ?? '', opgaver: i.actions.length, linjer: i.citations.join(' ') })),
      ['punkt', 'titel', 'beslutning', 'opgaver', 'linjer'],
    );
    return 0;
  },
};
