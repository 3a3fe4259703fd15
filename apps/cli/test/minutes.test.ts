import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support';

const meetings = join(import.meta.dirname, '../../../eval/datasets/meetings');
const dir = mkdtempSync(join(tmpdir(), 'ekspedit-minutes-'));

interface MinutesJson {
  attendees: string[];
  absent: string[];
  items: {
    number: number;
    title: string;
    summary: string;
    decision: string | null;
    decided: boolean;
    votes: { for: number; against: number; abstained: number } | null;
    actions: { what: string; who: string | null; due: string | null }[];
    citations: string[];
  }[];
}

describe('ekspedit minutes', () => {
  it('prints the minutes as JSON: attendance, points taken out of order, decisions, actions and citations', async () => {
    const m = join(meetings, 'sundhedsudvalg-ude-af-orden');
    const res = await runCli([
      'minutes',
      '--agenda',
      join(m, 'agenda.txt'),
      '--transcript',
      join(m, 'transcript.txt'),
      '--format',
      'json',
      '--engine',
      'offline',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.out) as MinutesJson;
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['attendees', 'absent', 'items']));
    expect(out.attendees).toContain('Susanne Berg');
    expect(Object.keys(out.items[0] ?? {})).toEqual(
      expect.arrayContaining(['number', 'title', 'summary', 'decision', 'decided', 'votes', 'actions', 'citations']),
    );
    // Point 4 was taken first (lines 5–10), point 2 after it (lines 11–18).
    const recruitment = out.items.find((i) => i.number === 4);
    expect(recruitment?.citations.every((c) => Number(c.split('-')[0]) >= 5 && Number(c.split('-').at(-1)) <= 10)).toBe(true);
    expect(recruitment?.actions).toEqual([{ what: 'Sende tal for sygefravær og vikarforbrug til udvalget', who: 'Susanne Berg', due: '2026-06-08' }]);
    expect(out.items.find((i) => i.number === 2)?.decision).toContain('godkendt');
  });

  it('reads SRT and reports votes', async () => {
    const m = join(meetings, 'skoleudvalg-afstemning');
    const res = await runCli(['minutes', '--agenda', join(m, 'agenda.md'), '--transcript', join(m, 'transcript.srt'), '--engine', 'offline']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.out) as MinutesJson;
    expect(out.absent).toEqual(['Gustav Thorsen']);
    expect(out.items[1]?.votes).toEqual({ for: 5, against: 3, abstained: 0 });
    expect(out.items[2]).toMatchObject({ decided: true, votes: { for: 3, against: 4, abstained: 1 } });
  });

  it('writes DOCX in the municipal format', async () => {
    const m = join(meetings, 'team-ydelser');
    const output = join(dir, 'referat.docx');
    const res = await runCli([
      'minutes',
      '--agenda',
      join(m, 'agenda.txt'),
      '--transcript',
      join(m, 'transcript.vtt'),
      '--format',
      'docx',
      '--output',
      output,
      '--engine',
      'offline',
    ]);
    expect(res.code).toBe(0);
    expect(res.out.trim()).toBe(output);
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(output) });
    expect(value).toContain('Referat: Teammøde i Team Ydelser, Borgerservice');
    expect(value).toContain('Beslutning: Åbent 9 til 12 mandag til onsdag, og mindst tre på telefonen.');
    expect(value).toContain('Opfølgning');
    expect(value).toContain('1. april 2026');
  });

  it('takes the meeting date from --date when the agenda has none', async () => {
    const agenda = join(dir, 'dagsorden.md');
    const transcript = join(dir, 'noter.txt');
    writeFileSync(agenda, '# Teammøde\n\n1. Skabelon\n2. Eventuelt\n');
    writeFileSync(transcript, 'Hanne: Punkt 1, skabelonen.\nBo: Jeg sender skabelonen til kommunikation senest fredag.\n');
    const res = await runCli(['minutes', '--agenda', agenda, '--transcript', transcript, '--date', '2026-03-24', '--engine', 'offline']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.out) as MinutesJson).items[0]?.actions[0]).toMatchObject({ who: 'Bo', due: '2026-03-27' });
    const undated = await runCli(['minutes', '--agenda', agenda, '--transcript', transcript, '--engine', 'offline']);
    expect(undated.err).toMatch(/--date/);
    expect((JSON.parse(undated.out) as MinutesJson).items[0]?.actions[0]?.due).toBeNull();
  });

  it('refuses missing files, unknown formats and bad dates with usage errors', async () => {
    const m = join(meetings, 'team-ydelser');
    expect((await runCli(['minutes', '--transcript', join(m, 'transcript.vtt')])).code).toBe(2);
    expect((await runCli(['minutes', '--agenda', join(m, 'agenda.txt'), '--transcript', join(m, 'transcript.vtt'), '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['minutes', '--agenda', join(m, 'agenda.txt'), '--transcript', join(m, 'transcript.vtt'), '--date', '24-03-2026'])).code).toBe(2);
    expect((await runCli(['minutes', '--agenda', join(m, 'agenda.txt'), '--transcript', join(dir, 'x.exe')])).code).toBe(2);
    expect(existsSync(join(dir, 'referat-udkast.docx'))).toBe(false);
  });
});
