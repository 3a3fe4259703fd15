import { describe, expect, it } from 'vitest';
import {
  analyzeConsultation,
  analyzeConsultationOffline,
  buildConsultationMemo,
  type ConsultationResponse,
  detectCampaigns,
  discoveryQuality,
  liveQuality,
  parseResponsesCsv,
  parseResponsesJsonl,
  parseResponsesXlsx,
  readStance,
  setF1,
  type ThemeInput,
  themeBreakdowns,
  toAnalysisJson,
} from '../src';

const themes: ThemeInput[] = [
  { id: 'skolevej', name: 'Skolevej og transport', description: 'Skolebus, køretid, trafiksikkerhed og cykelsti på vejen til skolen.' },
  { id: 'lokalsamfund', name: 'Lokalsamfundet', description: 'Skolens betydning for landsbyen, børnefamilier der flytter, foreningsliv og handel.' },
  { id: 'oekonomi', name: 'Økonomi', description: 'Besparelsen, udgifter til kørsel og renovering, og om beregningerne holder.' },
];

const template = `Jeg er imod forslaget om at lukke Nørremark Skole. Skolen er hjertet i vores landsby, og uden den vil børnefamilierne flytte.

Vores børn vil få over en halv times bustransport hver vej ad en landevej uden cykelsti. Det er hverken trygt eller rimeligt for små børn.

Jeg opfordrer byrådet til at stemme nej og bevare Nørremark Skole.`;

const names = [
  'Mette Kjær',
  'Lars Bech',
  'Sofie Andersen',
  'Jens Mikkelsen',
  'Anne Lund',
  'Thomas Nielsen',
  'Inger Madsen',
  'Rasmus Kristensen',
  'Katrine Brandt',
  'Mikkel Sørensen',
  'Louise Thomsen',
  'Peter Dahl',
];

/** A copy of the campaign letter with the small edits people make: a name, "vi", a dropped or added sentence, a typo. */
function campaignCopy(i: number): string {
  let text = template;
  if (i % 3 === 1) text = text.replace('Jeg er imod', 'Vi er imod').replace('Jeg opfordrer', 'Vi opfordrer');
  if (i % 4 === 2) text = text.replace(' Det er hverken trygt eller rimeligt for små børn.', '');
  if (i % 5 === 3) text = `${text}\n\nVores datter på 6 år glæder sig til at starte på skolen.`;
  if (i === 7) text = text.replace('uden cykelsti', 'udne cykelsti');
  return `${text}\n\nMed venlig hilsen\n${names[i]}`;
}

/** Factory: a consultation with a 12-copy campaign and distinct responses on three themes. */
function buildConsultation(): ConsultationResponse[] {
  const distinct: [string, ConsultationResponse['respondentType']][] = [
    ['Bussen kører kl. 6.50, så børnene skal op klokken 6. Det er uacceptabelt for små børn, og landevejen har ingen cykelsti.', 'citizen'],
    ['Skolebussen vil tage over en halv time hver vej. Vi er imod, fordi køretiden er alt for lang for børn i indskolingen.', 'citizen'],
    ['Hvornår får vi at vide, hvor skolebussen kører fra? Og er der en voksen med i bussen?', 'citizen'],
    ['Besparelsen er regnet forkert, for udgifterne til kørsel og skolebus er ikke medregnet. Beregningerne holder ikke.', 'citizen'],
    ['Jeg støtter forslaget. Det er ikke rimeligt at bruge så mange penge på en lille skole, og besparelsen kan bruges bedre.', 'citizen'],
    ['Renoveringen koster 22 mio. kr., og de penge er bedre brugt andre steder. Støt forslaget, økonomien taler for sig selv.', 'business'],
    ['Uden skolen flytter børnefamilierne, og så lukker købmanden også. Landsbyen dør, hvis skolen lukker.', 'business'],
    ['Nørremark Idrætsforening mister både lokaler og børn, hvis skolen lukker. Foreningslivet i landsbyen hænger sammen med skolen.', 'association'],
    ['Lokalrådet er imod forslaget. Skolen er det sidste samlingssted i landsbyen, og tilflytningen af børnefamilier vil stoppe.', 'local_council'],
    ['Jeg er imod.', 'citizen'],
  ];
  const responses: ConsultationResponse[] = distinct.map(([text, respondentType], i) => ({ id: `R${String(i + 1).padStart(2, '0')}`, text, respondentType }));
  for (let i = 0; i < 12; i++) responses.push({ id: `K${String(i + 1).padStart(2, '0')}`, text: campaignCopy(i), respondentType: 'citizen' });
  // Two people who quote one sentence of the letter in their own words are not part of the campaign.
  responses.push({
    id: 'R11',
    text: 'Jeg har læst brevet fra forældregruppen. Skolen er hjertet i vores landsby, men jeg vil især pege på økonomien: besparelsen er for lille til at gøre en forskel.',
    respondentType: 'citizen',
  });
  responses.push({ id: 'R12', text: 'Jeg er imod.', respondentType: 'citizen' });
  return responses;
}

describe('campaign detection', () => {
  it('finds the copies of one letter with small edits, and nothing else', () => {
    const responses = buildConsultation();
    const campaigns = detectCampaigns(responses);
    expect(campaigns).toHaveLength(1);
    const [campaign] = campaigns;
    expect(campaign?.size).toBe(12);
    expect([...(campaign?.ids ?? [])].sort()).toEqual(responses.filter((r) => r.id.startsWith('K')).map((r) => r.id));
    expect(campaign?.ids[0]).toBe(campaign?.representativeId);
    expect(campaign?.similarity).toBeGreaterThan(0.6);
    // Two identical one-liners are a duplicate, not a campaign (fewer than three copies).
    expect(detectCampaigns(responses, { minSize: 2 }).some((c) => c.ids.includes('R10') && c.ids.includes('R12'))).toBe(true);
  });

  it('counts a campaign once under its themes, and every copy in the response count', () => {
    const analysis = analyzeConsultationOffline(buildConsultation(), { themes });
    const json = toAnalysisJson(analysis);
    expect(json.campaigns).toEqual([{ ids: expect.any(Array), size: 12 }]);
    const lokalsamfund = analysis.themes.find((t) => t.id === 'lokalsamfund');
    const copies = analysis.responses.filter((r) => r.campaignId && r.themes.includes('lokalsamfund')).length;
    expect(copies).toBeGreaterThan(6);
    expect(lokalsamfund?.responseCount).toBe((lokalsamfund?.count ?? 0) + copies - 1);
    expect(Object.keys(json.responses[0] ?? {}).sort()).toEqual(['id', 'quotes', 'stance', 'themes']);
    expect(Object.keys(json.themes[0] ?? {}).sort()).toEqual(['count', 'description', 'id', 'name']);
  });
});

describe('offline analysis', () => {
  it('maps responses to the given themes with verbatim quotes and per-theme scores', () => {
    const responses = buildConsultation();
    const analysis = analyzeConsultationOffline(responses, { themes });
    const of = (id: string) => analysis.responses.find((r) => r.id === id);
    expect(of('R01')?.themes[0]).toBe('skolevej');
    expect(of('R04')?.themes).toContain('oekonomi');
    expect(of('R07')?.themes).toContain('lokalsamfund');
    expect(of('R10')?.themes).toEqual([]);
    for (const r of analysis.responses) {
      const text = responses.find((x) => x.id === r.id)?.text ?? '';
      for (const q of r.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(Object.keys(r.themeScores).sort()).toEqual(['lokalsamfund', 'oekonomi', 'skolevej']);
    }
    expect(analysis.themes.every((t) => t.origin === 'given')).toBe(true);
    expect(analysis.engine).toBe('offline');
  });

  it('reads stance from Danish cues, negation and hedges', () => {
    expect(readStance('Jeg støtter forslaget.').stance).toBe('support');
    expect(readStance('Vi er imod lukningen.').stance).toBe('oppose');
    expect(readStance('Ellers kan jeg ikke støtte forslaget.').stance).toBe('oppose');
    expect(readStance('Hvornår kører bussen?').stance).toBe('neutral');
    expect(readStance('På den ene side får børnene flere kammerater. På den anden side mister de nærheden.').stance).toBe('mixed');
    expect(readStance('Vi ser positivt på forslaget. Men trafikken er allerede kaotisk.').stance).toBe('mixed');
    // "tage imod" is to receive, not to oppose.
    expect(readStance('Skolen er klar til at tage imod eleverne, og jeg støtter forslaget.').stance).toBe('support');
    // The noun "støtte" is no position.
    expect(readStance('Elleve elever modtager støtte i dag.').stance).toBe('neutral');
  });

  it('proposes themes without a model and reports progress', async () => {
    const seen: number[] = [];
    const analysis = await analyzeConsultation(buildConsultation(), { onProgress: (p) => seen.push(p.fraction) });
    expect(analysis.themes.length).toBeGreaterThanOrEqual(2);
    expect(analysis.themes.every((t) => t.origin === 'discovered' && t.name.length > 0 && t.count > 0)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('is deterministic', () => {
    const a = analyzeConsultationOffline(buildConsultation());
    const b = analyzeConsultationOffline(buildConsultation());
    expect(toAnalysisJson(a)).toEqual(toAnalysisJson(b));
  });

  it('breaks themes down by respondent type and stance', () => {
    const responses = buildConsultation();
    const analysis = analyzeConsultationOffline(responses, { themes });
    const { all, byTheme } = themeBreakdowns(analysis, responses);
    expect(all.total).toBe(responses.length);
    expect(all.byRespondentType.local_council).toBe(1);
    expect(Object.values(all.byStance).reduce((s, x) => s + x, 0)).toBe(responses.length);
    const lokal = byTheme.get('lokalsamfund');
    expect(lokal?.total).toBe(analysis.themes.find((t) => t.id === 'lokalsamfund')?.responseCount);
  });
});

describe('reading responses', () => {
  it('reads CSV with semicolons, quoted line breaks and Danish respondent types', () => {
    const csv = '\ufeffid;text;respondent_type\n1;"Første linje;\nanden linje med ""citat""";borger\n2;Kort svar;Lokalråd\n3;Uden type;\n';
    const { responses, errors } = parseResponsesCsv(csv);
    expect(errors).toEqual([]);
    expect(responses).toEqual([
      { id: '1', text: 'Første linje;\nanden linje med "citat"', respondentType: 'citizen' },
      { id: '2', text: 'Kort svar', respondentType: 'local_council' },
      { id: '3', text: 'Uden type', respondentType: null },
    ]);
  });

  it('reports bad rows by line in Danish', () => {
    const { responses, errors } = parseResponsesJsonl(
      '{"id":"a","text":"ok"}\nikke json\n{"id":"a","text":"igen"}\n{"id":"b","text":""}\n{"id":"c","text":"x","respondent_type":"alien"}\n',
    );
    expect(responses.map((r) => r.id)).toEqual(['a']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(errors[0]?.message).toMatch(/Linje 2: ugyldig JSON/);
    expect(errors[1]?.message).toMatch(/findes allerede/);
    expect(errors[3]?.message).toMatch(/ukendt afsendertype "alien"/);
    expect(parseResponsesCsv('nr,body\n1,x\n').errors[0]?.message).toBeUndefined();
    expect(parseResponsesCsv('navn,tekst\nx,y\n').errors[0]?.message).toMatch(/"id"/);
  });

  it('reads the first sheet of an XLSX file', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Svar');
    sheet.addRow(['id', 'text', 'respondent_type']);
    sheet.addRow([101, 'Jeg er imod lukningen.', 'citizen']);
    sheet.addRow(['102', { richText: [{ text: 'Vi støtter ' }, { text: 'forslaget.' }] }, 'forening']);
    const buffer = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { responses, errors } = await parseResponsesXlsx(buffer);
    expect(errors).toEqual([]);
    expect(responses).toEqual([
      { id: '101', text: 'Jeg er imod lukningen.', respondentType: 'citizen' },
      { id: '102', text: 'Vi støtter forslaget.', respondentType: 'association' },
    ]);
    expect((await parseResponsesXlsx(new Uint8Array([1, 2, 3]))).errors[0]?.message).toMatch(/Excel/);
  });
});

describe('live quality', () => {
  it('is sample-averaged F1 with a bootstrap interval, trusted from F1 0.75 on 30 reviewed', () => {
    expect(setF1(['a', 'b'], ['a'])).toBeCloseTo(2 / 3);
    expect(setF1([], [])).toBe(1);
    const ai = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, themes: i % 4 === 0 ? ['a', 'b'] : ['a'], stance: 'oppose' as const }));
    const human = ai.map((a) => ({ id: a.id, themes: ['a'], stance: a.id === 'r1' ? ('support' as const) : ('oppose' as const) }));
    const q = liveQuality(ai, human);
    expect(q.reviewed).toBe(40);
    expect(q.f1).toBeCloseTo((30 + 10 * (2 / 3)) / 40);
    expect(q.interval[0]).toBeLessThanOrEqual(q.f1);
    expect(q.interval[1]).toBeGreaterThanOrEqual(q.f1);
    expect(q.interval[1]).toBeLessThanOrEqual(1);
    expect(q.stanceAgreement).toBeCloseTo(39 / 40);
    expect(q.isTrustworthy).toBe(true);
    // Too few reviewed: not trusted, however good.
    expect(liveQuality(ai.slice(0, 29), human).isTrustworthy).toBe(false);
    // Responses only the AI assigned are not reviewed.
    expect(liveQuality(ai, human.slice(0, 5)).reviewed).toBe(5);
    expect(liveQuality(ai, human)).toEqual(q);
  });

  it('measures discovered themes against known ones', () => {
    const known = [
      { id: '1', themes: ['bus'] },
      { id: '2', themes: ['bus', 'penge'] },
      { id: '3', themes: ['penge'] },
      { id: '4', themes: ['penge'] },
    ];
    const perfect = discoveryQuality(
      known.map((k) => ({ id: k.id, themes: k.themes.map((t) => `x-${t}`) })),
      known,
    );
    expect(perfect.knownBestMatch).toBe(1);
    expect(perfect.relabelledF1).toBe(1);
    expect(perfect.purity).toBe(1);
    expect(perfect.nmi).toBeCloseTo(1);
  });
});

describe('consultation memo (DOCX)', () => {
  it('holds the counts, quotes with response ids, the comment placeholder, campaigns and every response', async () => {
    const responses = buildConsultation();
    const analysis = analyzeConsultationOffline(responses, { themes });
    const docx = await buildConsultationMemo(analysis, {
      responses,
      proposal: '# Lukning af Nørremark Skole\n\nForslaget er at lukke skolen fra august 2027.',
      date: '2026-10-02',
    });
    expect(docx.byteLength).toBeGreaterThan(5000);
    const mammoth = (await import('mammoth')).default;
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
    expect(text).toContain('Høringsnotat (udkast)');
    expect(text).toContain('Lukning af Nørremark Skole');
    expect(text).toContain('Forslaget er at lukke skolen fra august 2027.');
    expect(text).toContain(`Der er modtaget ${responses.length} høringssvar`);
    for (const t of analysis.themes.filter((x) => x.count > 0)) {
      expect(text).toContain(`${t.name}: ${t.count} svar`);
      for (const q of t.examples) expect(text).toContain(`»${q.text}« (svar ${q.responseId})`);
    }
    expect(analysis.themes.some((t) => t.examples.length > 0)).toBe(true);
    expect(text.match(/Administrationens bemærkninger: …/g)?.length).toBe(analysis.themes.length + analysis.campaigns.length);
    expect(text).toContain('Kampagne K1: 12 enslydende svar');
    expect(text).toContain('Temaer fordelt på afsendertype');
    expect(text).toContain('Temaer fordelt på holdning');
    expect(text).toContain('Bilag: Alle høringssvar');
    for (const r of responses) expect(text).toContain(`Svar ${r.id}`);
  });
});
