import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../packages/ai/test/support/minimal-pdf';
import { runCli } from './support';

const dataset = join(import.meta.dirname, '../../../eval/datasets/consultation');
const responsesFile = join(dataset, 'responses.jsonl');
const themesFile = join(dataset, 'themes.json');
const dir = mkdtempSync(join(tmpdir(), 'ekspedit-consult-'));
const run = (...argv: string[]) => runCli(argv);

// These tests are of the offline engine: a model endpoint in the environment is set aside.
const llmVariables = Object.keys(process.env).filter((k) => k.startsWith('EKSPEDIT_LLM_'));
const saved = Object.fromEntries(llmVariables.map((k) => [k, process.env[k]]));

interface AnalysisJson {
  themes: { id: string; name: string; description: string; count: number }[];
  responses: { id: string; themes: string[]; stance: string; quotes: string[] }[];
  campaigns: { ids: string[]; size: number }[];
}

describe('ekspedit consult', () => {
  beforeAll(() => {
    for (const k of llmVariables) delete process.env[k];
  });
  afterAll(() => {
    Object.assign(process.env, saved);
  });

  it('analyzes a JSONL file against given themes, in the documented JSON shape', async () => {
    const res = await run('consult', 'analyze', responsesFile, '--themes', themesFile, '--format', 'json');
    expect(res.code, res.err).toBe(0);
    const json = JSON.parse(res.out) as AnalysisJson;
    expect(Object.keys(json)).toEqual(['themes', 'responses', 'campaigns']);
    const themes = JSON.parse(readFileSync(themesFile, 'utf8')) as { id: string }[];
    expect(json.themes.map((t) => t.id)).toEqual(themes.map((t) => t.id));
    for (const t of json.themes) expect(Object.keys(t)).toEqual(['id', 'name', 'description', 'count']);
    expect(json.responses).toHaveLength(105);
    for (const r of json.responses) {
      expect(Object.keys(r)).toEqual(['id', 'themes', 'stance', 'quotes']);
      expect(['support', 'oppose', 'mixed', 'neutral']).toContain(r.stance);
      for (const t of r.themes) expect(themes.map((x) => x.id)).toContain(t);
    }
    expect(json.campaigns.map((c) => c.size)).toEqual([14, 5]);
    for (const c of json.campaigns) expect(Object.keys(c)).toEqual(['ids', 'size']);
  });

  it('discovers themes from a CSV file when none are given, and prints a table', async () => {
    const csv = join(dir, 'svar.csv');
    const rows = (
      JSON.parse(`[${readFileSync(responsesFile, 'utf8').trim().split('\n').join(',')}]`) as { id: string; text: string; respondent_type: string }[]
    ).slice(0, 60);
    writeFileSync(csv, `id;text;respondent_type\n${rows.map((r) => `${r.id};"${r.text.replaceAll('"', '""')}";${r.respondent_type}`).join('\n')}\n`);
    const res = await run('consult', 'analyze', csv);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('Motor: offline   Svar: 60');
    expect(res.out).toMatch(/tema-1/);
    expect(res.out).toMatch(/Kampagne K1: \d+ enslydende svar/);
    const asCsv = await run('consult', 'analyze', csv, '--format', 'csv');
    expect(asCsv.out.split('\n')[0]).toBe('id,themes,stance,campaign,quote');
  });

  it('reads a folder of PDF, DOCX, EML and text files, one response per file', async () => {
    const folder = join(dir, 'mappe');
    mkdirSync(folder);
    writeFileSync(join(folder, 'svar-01.txt'), 'Vi er imod lukningen. Skolebussen kører alt for tidligt, og vejen har ingen cykelsti.');
    writeFileSync(join(folder, 'svar-02.pdf'), minimalPdf([['Jeg stotter forslaget. Besparelsen er fornuftig.']]));
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Landsbyen mister sit samlingssted, hvis skolen lukker. Vi er imod.')] }] }),
    );
    writeFileSync(join(folder, 'svar-03.docx'), docx);
    writeFileSync(
      join(folder, 'svar-04.eml'),
      'From: Anne <anne@example.dk>\r\nTo: hoering@fjordby.dk\r\nSubject: =?utf-8?Q?H=C3=B8ringssvar?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHvad koster skolebussen om året?\r\n',
    );
    writeFileSync(join(folder, 'noter.xyz'), 'ikke et svar');
    const res = await run('consult', 'analyze', folder, '--themes', themesFile, '--format', 'json');
    expect(res.code, res.err).toBe(0);
    expect(res.err).toContain('Springer over noter.xyz');
    const json = JSON.parse(res.out) as AnalysisJson;
    expect(json.responses.map((r) => r.id)).toEqual(['svar-01', 'svar-02', 'svar-03', 'svar-04']);
    const of = (id: string) => json.responses.find((r) => r.id === id);
    expect(of('svar-01')?.themes).toContain('skolevej');
    expect(of('svar-01')?.stance).toBe('oppose');
    expect(of('svar-03')?.themes).toContain('lokalsamfund');
    expect(of('svar-04')?.stance).toBe('neutral');
  });

  it('writes a draft memo as DOCX with counts, quotes and every response', async () => {
    const output = join(dir, 'notat.docx');
    const res = await run('consult', 'memo', responsesFile, '--themes', themesFile, '--proposal', join(dataset, 'proposal.md'), '--output', output);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('105 svar, 9 temaer, 2 kampagner');
    const mammoth = (await import('mammoth')).default;
    const { value: text } = await mammoth.extractRawText({ buffer: readFileSync(output) });
    expect(text).toContain('Høringsnotat (udkast)');
    expect(text).toContain('Forslag om lukning af Nørremark Skole');
    expect(text).toContain('Der er modtaget 105 høringssvar');
    expect(text).toMatch(/Skolevej og transport: \d+ svar/);
    expect(text).toMatch(/« \(svar H\d{3}\)/);
    expect(text).toContain('Administrationens bemærkninger: …');
    expect(text).toContain('Kampagne K1: 14 enslydende svar');
    expect(text).toContain('Svar H105');
  });

  it('refuses bad input with a Danish message and exit code 1, and wrong use with 2', async () => {
    const missing = await run('consult', 'analyze', join(dir, 'findes-ikke.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('findes ikke');

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"1","text":"Vi er imod."}\nikke json\n{"id":"3","text":""}\n');
    const invalid = await run('consult', 'analyze', bad, '--format', 'json');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('Linje 2: ugyldig JSON');
    expect(invalid.err).toContain('Linje 3: svar 3 har ingen tekst');
    expect(invalid.out).toBe('');
    const skipped = await run('consult', 'analyze', bad, '--format', 'json', '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect((JSON.parse(skipped.out) as AnalysisJson).responses).toHaveLength(1);

    const badThemes = join(dir, 'temaer.json');
    writeFileSync(badThemes, '[{"id":"a"}]');
    const themes = await run('consult', 'analyze', responsesFile, '--themes', badThemes);
    expect(themes.code).toBe(1);
    expect(themes.err).toContain('skal være en JSON-liste af {"id","name","description"}');

    expect((await run('consult', 'memo', responsesFile)).code).toBe(2);
    expect((await run('consult', 'summarise', responsesFile)).code).toBe(2);
    const wrongType = await run('consult', 'analyze', join(dataset, 'proposal.md'));
    expect(wrongType.code).toBe(2);
    expect(wrongType.err).toContain('ukendt filtype');
  });
});
