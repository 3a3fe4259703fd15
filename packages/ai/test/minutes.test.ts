import { describe, expect, it } from 'vitest';
import {
  type Agenda,
  composeOfflineMinutes,
  findActions,
  findOutcome,
  findVotes,
  lineRanges,
  MeetingPeople,
  minutesToJson,
  parseAgenda,
  parsePlainTranscript,
  parseSrt,
  parseWebVtt,
  readAgenda,
  readTranscript,
  renderMinutesDocx,
  resolveDueDate,
  segmentTranscript,
  type TranscriptLine,
} from '../src';
import { minimalPdf } from './support/minimal-pdf';

/** Transcript lines from "Name: text" strings, numbered 1, 2, 3 … */
const lines = (...texts: string[]): TranscriptLine[] => parsePlainTranscript(texts.join('\n'));

describe('transcript formats', () => {
  it('reads WebVTT: voice tags, a cue of two lines keeps its speaker, NOTE blocks skipped, numbers are file lines', () => {
    const vtt = [
      'WEBVTT',
      '',
      'NOTE optaget i mødelokale 2',
      '',
      '1',
      '00:00:01.000 --> 00:00:05.000',
      '<v Lise Berg>Velkommen til mødet.</v>',
      '',
      '00:00:06.000 --> 00:00:09.000',
      '<v.formand Jens Holm>Tak. Punkt 2 handler om budgettet.',
      'Det er <i>vigtigt</i>.',
      '',
    ].join('\n');
    expect(parseWebVtt(vtt)).toEqual([
      { line: 7, speaker: 'Lise Berg', text: 'Velkommen til mødet.', time: '00:00:01.000' },
      { line: 10, speaker: 'Jens Holm', text: 'Tak. Punkt 2 handler om budgettet.', time: '00:00:06.000' },
      { line: 11, speaker: 'Jens Holm', text: 'Det er vigtigt.', time: '00:00:06.000' },
    ]);
  });

  it('reads SRT with "Name:" and "[Name]" speakers and continuation lines', () => {
    const srt = [
      '1',
      '00:00:01,000 --> 00:00:04,000',
      'Anders Møller: Så stemmer vi.',
      'Hvem stemmer for?',
      '',
      '2',
      '00:00:05,000 --> 00:00:06,000',
      '[Freja Bech] Tre.',
      '',
    ].join('\n');
    expect(parseSrt(srt).map((l) => [l.line, l.speaker, l.text])).toEqual([
      [3, 'Anders Møller', 'Så stemmer vi.'],
      [4, 'Anders Møller', 'Hvem stemmer for?'],
      [8, 'Freja Bech', 'Tre.'],
    ]);
  });

  it('reads timestamped and Teams-style text transcripts, and notes whose labels are not speakers', () => {
    const text = ['[00:01:02] Jytte Olsen (formand): Velkommen.', '', 'Susanne Berg   0:45', '', 'Vi har 11 ledige stillinger.', 'Beslutning: Godkendt.'].join(
      '\n',
    );
    expect(parsePlainTranscript(text).map((l) => [l.line, l.speaker, l.text])).toEqual([
      [1, 'Jytte Olsen', 'Velkommen.'],
      [5, 'Susanne Berg', 'Vi har 11 ledige stillinger.'],
      [6, 'Susanne Berg', 'Beslutning: Godkendt.'],
    ]);
  });
});

describe('agenda', () => {
  it('reads the meeting, date, members, apologies and numbered points with the text under them', () => {
    const agenda = parseAgenda(
      [
        '# Dagsorden for Børne- og Skoleudvalget',
        'Møde onsdag den 15. april 2026 kl. 15.30',
        'Medlemmer: Anders Møller (formand), Birgitte Holm og Carsten Lind',
        'Afbud: Gustav Thorsen',
        '## 1. Godkendelse af dagsorden',
        '## 2. Ny skolegrænse',
        'Forvaltningen indstiller, at grænsen flyttes.',
        '1) Grænsen gælder fra 2027.',
        '3. Eventuelt',
      ].join('\n'),
    );
    expect(agenda).toMatchObject({
      meeting: 'Børne- og Skoleudvalget',
      date: '2026-04-15',
      invited: ['Anders Møller', 'Birgitte Holm', 'Carsten Lind'],
      absent: ['Gustav Thorsen'],
    });
    expect(agenda.items.map((i) => [i.number, i.title])).toEqual([
      [1, 'Godkendelse af dagsorden'],
      [2, 'Ny skolegrænse'],
      [3, 'Eventuelt'],
    ]);
    // A numbered line inside a point is part of its text, not a new point.
    expect(agenda.items[1]?.description).toContain('1) Grænsen gælder fra 2027.');
  });

  it('reads an agenda from DOCX (Word list numbering) and from PDF', async () => {
    const { Document, Packer, Paragraph, HeadingLevel } = await import('docx');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Dagsorden: Teknik- og Miljøudvalget' }),
            new Paragraph('Torsdag den 12. marts 2026'),
            new Paragraph('1. Godkendelse af dagsorden'),
            new Paragraph('2. Trafiksikkerhedsplan'),
            new Paragraph('Indstilling: at planen godkendes.'),
          ],
        },
      ],
    });
    const fromDocx = await readAgenda({ filename: 'dagsorden.docx', content: new Uint8Array(await Packer.toBuffer(doc)) });
    expect(fromDocx).toMatchObject({ meeting: 'Teknik- og Miljøudvalget', date: '2026-03-12' });
    expect(fromDocx.items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Trafiksikkerhedsplan']);
    const pdf = minimalPdf([['Dagsorden: Teknisk Udvalg', 'Mode 2026-03-12', '1. Godkendelse af dagsorden', '2. Budget', '3. Eventuelt']]);
    const fromPdf = await readAgenda({ filename: 'dagsorden.pdf', content: pdf });
    expect(fromPdf.date).toBe('2026-03-12');
    expect(fromPdf.items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Budget', 'Eventuelt']);
  });

  it('reads a DOCX transcript paragraph by paragraph', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const doc = new Document({
      sections: [{ children: [new Paragraph('Lise Berg: Punkt 2, budgettet.'), new Paragraph('Henrik Bach: Vi har brugt 19 procent.')] }],
    });
    const transcript = await readTranscript({ filename: 'udskrift.docx', content: new Uint8Array(await Packer.toBuffer(doc)) });
    expect(transcript.map((l) => [l.line, l.speaker])).toEqual([
      [1, 'Lise Berg'],
      [2, 'Henrik Bach'],
    ]);
  });
});

const items = [
  { number: 1, title: 'Godkendelse af dagsorden', description: '' },
  { number: 2, title: 'Kvalitetsstandard for praktisk hjælp', description: '' },
  { number: 3, title: 'Madordning på plejecentrene', description: '' },
  { number: 4, title: 'Rekruttering i hjemmeplejen', description: '' },
];

describe('segmenting the transcript by agenda point', () => {
  it('follows points taken out of order, ignores back-references, and recognises a point by its title', () => {
    const transcript = lines(
      'Jytte Olsen: Velkommen. Vi tager punkt 4 før punkt 2, fordi Susanne skal gå tidligt. Er det i orden?',
      'Morten Dahl: Helt fint.',
      'Jytte Olsen: Så er dagsordenen godkendt.',
      'Jytte Olsen: Punkt 4, rekruttering. Susanne?',
      'Susanne Berg: Vi har 11 ledige stillinger.',
      'Jytte Olsen: Så går vi tilbage til punkt 2.',
      'Pia Kristensen: Som Susanne sagde under punkt 4, mangler vi hjælpere.',
      'Ulla Jepsen: Tøjvask leveres af et vaskeri.',
      'Jytte Olsen: Lad os tage madordningen nu.',
      'Ulla Jepsen: Køkkenet Nord koster 62 kr. pr. hovedret.',
    );
    const { byItem, preamble } = segmentTranscript(items, transcript);
    const numbers = (n: number) => byItem.get(n)?.map((l) => l.line);
    expect(preamble.map((l) => l.line)).toEqual([1, 2]);
    expect(numbers(1)).toEqual([3]);
    expect(numbers(4)).toEqual([4, 5]);
    expect(numbers(2)).toEqual([6, 7, 8]);
    expect(numbers(3)).toEqual([9, 10]);
  });

  it('takes "næste punkt" to the next point not yet discussed, and spoken numbers ("punkt tre")', () => {
    const transcript = lines('A: Punkt tre først.', 'B: Køkkenet er godt.', 'A: Næste punkt.', 'B: Vi har 11 ledige stillinger.');
    const { byItem } = segmentTranscript(items, transcript);
    expect(byItem.get(3)?.map((l) => l.line)).toEqual([1, 2]);
    expect(byItem.get(4)?.map((l) => l.line)).toEqual([3, 4]);
  });
});

describe('decisions and votes', () => {
  it('parses vote counts in digits, words and the chair’s tally', () => {
    expect(findVotes(lines('A: 3 stemte for, 2 imod.'))?.votes).toEqual({ for: 3, against: 2, abstained: 0 });
    expect(findVotes(lines('A: For stemte 7, imod stemte 2, og 1 undlod at stemme.'))?.votes).toEqual({ for: 7, against: 2, abstained: 1 });
    expect(findVotes(lines('A: Forslaget blev vedtaget med 6 mod 3 stemmer.'))?.votes).toEqual({ for: 6, against: 3, abstained: 0 });
    const tally = findVotes(lines('A: Hvem stemmer for?', 'B: Fire.', 'A: Hvem stemmer imod?', 'B: Tre.', 'A: Og en undlod.'));
    expect(tally?.votes).toEqual({ for: 4, against: 3, abstained: 1 });
    expect(tally?.lines.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(findVotes(lines('A: Vi har brugt 3 for mange timer på det.', 'B: Tak for det.'))).toBeNull();
  });

  it('finds decisions, rejections and postponements with their reason, and not proposals or reports', () => {
    expect(findOutcome(lines('A: Så er dagsordenen godkendt.'), null)).toMatchObject({ kind: 'decided', text: 'Dagsordenen blev godkendt.', lines: [1] });
    expect(findOutcome(lines('A: Vi stemmer.', 'A: Så er forslaget faldet.'), null)).toMatchObject({ kind: 'rejected', lines: [2] });
    const postponed = findOutcome(lines('B: Vi har ikke fået tallene fra forsyningen.', 'A: Så udsætter vi punktet til næste møde.'), null);
    expect(postponed).toMatchObject({ kind: 'postponed', text: 'Udsat til næste møde, fordi vi har ikke fået tallene fra forsyningen.', lines: [2, 1] });
    expect(findOutcome(lines('A: Direktionen har godkendt en ekstra stilling.'), null).kind).toBe('none');
    expect(findOutcome(lines('A: Jeg foreslår, at vi godkender planen.'), null).kind).toBe('none');
    expect(findOutcome(lines('A: Karin laver en handlingsplan, som godkendes på næste møde.'), null).kind).toBe('none');
    expect(findOutcome(lines('A: Tak, det tager vi til efterretning.'), null)).toMatchObject({ kind: 'noted', text: 'Taget til efterretning.' });
  });
});

describe('deadlines on the Danish calendar', () => {
  it('resolves relative deadlines against the meeting date', () => {
    // Thursday 12 March 2026.
    expect(resolveDueDate('sender planen senest fredag', '2026-03-12')).toMatchObject({ date: '2026-03-13', text: 'senest fredag' });
    expect(resolveDueDate('inden udgangen af måneden', '2026-03-12')?.date).toBe('2026-03-31');
    expect(resolveDueDate('om to uger', '2026-03-12')?.date).toBe('2026-03-26');
    expect(resolveDueDate('inden den 15. april', '2026-03-12')?.date).toBe('2026-04-15');
    expect(resolveDueDate('i morgen', '2026-03-12')?.date).toBe('2026-03-13');
    expect(resolveDueDate('inden næste møde', '2026-03-12', { nextMeeting: '2026-04-16' })?.date).toBe('2026-04-16');
    expect(resolveDueDate('når vi får tid', '2026-03-12')).toBeNull();
  });

  it('moves a deadline that lands on a public holiday back to the working day before', () => {
    // Tuesday 24 March 2026: Friday of next week is Good Friday (3 April), Thursday is Maundy Thursday.
    expect(resolveDueDate('inden fredag i næste uge', '2026-03-24')?.date).toBe('2026-04-01');
    // Five working days from Tuesday 31 March skip Maundy Thursday, Good Friday, the weekend and Easter Monday.
    expect(resolveDueDate('om 5 arbejdsdage', '2026-03-31')?.date).toBe('2026-04-10');
  });
});

describe('action points', () => {
  const people = new MeetingPeople(['Mette Kjær', 'Jens Holm', 'Sara Nielsen', 'Jakob Lund']);
  const ctx = { people, meetingDate: '2026-03-12' };

  it('finds who does what by when, from statements, "jeg", pairs of people and an accepted request', () => {
    const found = findActions(
      lines(
        'Lise Berg: Mette sender referatet til udvalget senest fredag.',
        'Jens Holm: Jeg sørger for at booke lokalet inden udgangen af måneden.',
        'Lise Berg: Kan du undersøge prisen på nye skraldespande, Jens?',
        'Jens Holm: Ja, det gør jeg i morgen.',
        'Lise Berg: Sara og Jakob afholder et dialogmøde med teamet inden den 1. april.',
      ),
      ctx,
    );
    expect(found.map((a) => [a.who, a.what, a.due, a.lines])).toEqual([
      ['Mette Kjær', 'Sende referatet til udvalget', '2026-03-13', [1]],
      ['Jens Holm', 'Booke lokalet', '2026-03-31', [2]],
      ['Jens Holm', 'Undersøge prisen på nye skraldespande', '2026-03-13', [3, 4]],
      ['Sara Nielsen og Jakob Lund', 'Afholde et dialogmøde med teamet', '2026-04-01', [5]],
    ]);
  });

  it('ignores negated, habitual and unowned statements', () => {
    expect(findActions(lines('A: Mette sender ikke referatet.', 'A: Jens sender altid referatet hver uge.', 'A: Vi sender en påmindelse.'), ctx)).toEqual([]);
  });
});

const agenda: Agenda = {
  meeting: 'Teknik- og Miljøudvalget',
  date: '2026-03-12',
  invited: ['Lise Berg', 'Camilla Friis', 'Peter Nørgaard'],
  absent: [],
  items: [
    { number: 1, title: 'Trafiksikkerhedsplan', description: '' },
    { number: 2, title: 'Pulje til grønne tage', description: '' },
  ],
};
const transcript = lines(
  'Lise Berg: Velkommen. Vi har afbud fra Peter Nørgaard.',
  'Lise Berg: Punkt 1, trafiksikkerhedsplanen.',
  'Camilla Friis: Planen har 14 indsatser, bl.a. 40 km/t-zoner ved alle skoler.',
  'Lise Berg: Planen er godkendt med en ny indsats om ældre trafikanter.',
  'Lise Berg: Camilla, du sender den reviderede plan til udvalget senest fredag.',
  'Lise Berg: Punkt 2, grønne tage.',
  'Henrik Bach: Vi har ikke fået tallene fra forsyningen om regnvand.',
  'Lise Berg: Så udsætter vi punktet til næste møde.',
);

describe('offline minutes', () => {
  it('puts attendance, decisions, postponements and actions together, each statement citing its lines', () => {
    const minutes = composeOfflineMinutes({ agenda, transcript });
    expect(minutes.attendees).toEqual(['Lise Berg', 'Camilla Friis', 'Henrik Bach']);
    expect(minutes.absent).toEqual(['Peter Nørgaard']);
    const [plan, roofs] = minutes.items;
    expect(plan).toMatchObject({ decided: true, postponed: false, decision: 'Planen er godkendt med en ny indsats om ældre trafikanter.' });
    expect(plan?.actions).toEqual([{ what: 'Sende den reviderede plan til udvalget', who: 'Camilla Friis', due: '2026-03-13', dueText: 'senest fredag' }]);
    expect(roofs).toMatchObject({ decided: false, postponed: true });
    expect(roofs?.decision).toMatch(/^Udsat til næste møde, fordi vi har ikke fået tallene fra forsyningen/);
    const json = minutesToJson(minutes);
    expect(json.items[0]?.citations).toEqual(['3-5']);
    expect(json.items[0]?.statements.find((s) => s.kind === 'decision')?.citations).toEqual(['4']);
  });

  it('writes citations as line ranges', () => {
    expect(lineRanges([9, 3, 4, 5, 12, 11])).toEqual(['3-5', '9', '11-12']);
  });

  it('exports DOCX in the municipal format that reads back with the decision, votes and the actions table', async () => {
    const minutes = composeOfflineMinutes({ agenda, transcript });
    const first = minutes.items[0];
    if (first) first.votes = { for: 5, against: 2, abstained: 0 };
    const bytes = await renderMinutesDocx(minutes);
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Referat: Teknik- og Miljøudvalget');
    expect(value).toContain('12. marts 2026');
    expect(value).toContain('Afbud: Peter Nørgaard');
    expect(value).toContain('1. Trafiksikkerhedsplan');
    expect(value).toContain('Beslutning: Planen er godkendt med en ny indsats om ældre trafikanter.');
    expect(value).toContain('Afstemning: For: 5, imod: 2, undlod: 0.');
    expect(value).toMatch(/Beslutning: Udsat til næste møde/);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toMatch(/<table>.*Hvem.*Camilla Friis.*13\. marts 2026.*<\/table>/s);
  });
});
