import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main';

// The CLI end to end on a fresh embedded data directory: kle import, classify (zero-shot), train,
// classify again (trained), and the errors people meet. Always PGlite: the CLI test is about the command.

function capture() {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

const os2kle = [
  "KLENummer='05.01.08':KLETitel='Vejvedligeholdelse og vejrenovering':Keywords[Weight]=asfalt[5];vejreparation[5];slaghul[5];",
  "KLENummer='05.09.04':KLETitel='Parkeringskontrol':Keywords[Weight]=parkeringsafgift[5];p-vagt[5];",
  "KLENummer='07.18.00':KLETitel='Affald fra husholdninger, indsamlingsordninger i almindelighed':Keywords[Weight]=skraldespand[5];tømning[5];affald[5];",
  "KLENummer='07.18.10':KLETitel='Storskrald, indsamlingsordning':Keywords[Weight]=storskrald[5];køleskab[5];",
  "KLENummer='28.09.40':KLETitel='Optagelse i dagtilbud / plads i anden kommune / opsigelse':Keywords[Weight]=vuggestue[5];børnehave[5];",
].join('\n');

describe('ekspedit kle and classify on a fresh data directory', () => {
  let dir: string;
  const saved = { dataDir: process.env.EKSPEDIT_DATA_DIR, databaseUrl: process.env.DATABASE_URL, seed: process.env.EKSPEDIT_SEED_DEMO };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ekspedit-classify-'));
    process.env.EKSPEDIT_DATA_DIR = join(dir, 'data');
    process.env.EKSPEDIT_SEED_DEMO = 'false';
    delete process.env.DATABASE_URL;
    writeFileSync(join(dir, 'kle.txt'), os2kle);
    writeFileSync(
      join(dir, 'items.jsonl'),
      [
        JSON.stringify({ id: 'a1', subject: 'Skrald', body: 'Skraldespanden er ikke tømt' }),
        JSON.stringify({ id: 'a2', subject: 'Hul', body: 'Der er et hul i asfalten på vejen' }),
        JSON.stringify({ id: 'a3', subject: 'Tillykke', body: 'Du har vundet! Klik her' }),
      ].join('\n'),
    );
  });
  afterAll(() => {
    for (const [key, value] of [
      ['EKSPEDIT_DATA_DIR', saved.dataDir],
      ['DATABASE_URL', saved.databaseUrl],
      ['EKSPEDIT_SEED_DEMO', saved.seed],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to classify before KLE is imported, naming the command to run', async () => {
    const io = capture();
    expect(await main(['classify', '--input', join(dir, 'items.jsonl'), '--format', 'json'], io)).toBe(1);
    expect(io.err).toContain('kle import');
  });

  it('imports KLE (format from content) and lists it', async () => {
    const io = capture();
    expect(await main(['kle', 'import', join(dir, 'kle.txt'), '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ format: 'os2kle', mainGroups: 3, groups: 4, subjects: 5, inserted: 12, updated: 0 });
    const again = capture();
    await main(['kle', 'import', join(dir, 'kle.txt'), '--format', 'json'], again);
    expect(JSON.parse(again.out)).toMatchObject({ inserted: 0, updated: 12 });
    const list = capture();
    expect(await main(['kle', 'list', '--level', '3', '--format', 'csv'], list)).toBe(0);
    expect(list.out.split('\n')[0]).toBe('code,level,title,parent,keywords');
    expect(list.out).toContain('07.18.10,3,"Storskrald, indsamlingsordning",07.18,storskrald; køleskab');
  });

  it('classifies zero-shot: one JSON line per item in the specified shape', async () => {
    const io = capture();
    expect(await main(['classify', '--input', join(dir, 'items.jsonl'), '--format', 'json'], io)).toBe(0);
    const lines = io.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      for (const key of ['id', 'kle', 'kleGroup', 'kind', 'unit', 'language', 'confidence', 'alternatives', 'explanation']) expect(l).toHaveProperty(key);
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    expect(lines[0]).toMatchObject({ id: 'a1', kleGroup: '07.18', language: 'da', unit: null });
    expect(lines[1]).toMatchObject({ id: 'a2', kle: '05.01.08' });
    expect(lines[2]).toMatchObject({ id: 'a3', kind: 'not_a_case', subtype: 'spam' });
  });

  it('trains a model version from labelled lines, prints held-out metrics, and serves it', async () => {
    const labelled = [
      { subject: 'Bøde', body: 'Jeg fik en bøde selvom p-skiven lå i ruden', kle: '05.09.04', kind: 'complaint' },
      { subject: 'P-bøde', body: 'Uretfærdig bøde, min p-skive var stillet', kle: '05.09.04', kind: 'complaint' },
      { subject: 'Bøde', body: 'Hvordan betaler jeg min bøde for parkering?', kle: '05.09.04', kind: 'question' },
      { subject: 'Skrald', body: 'Skraldebilen kom ikke i dag', kle: '07.18.00', kind: 'problem_report' },
      { subject: 'Tønde', body: 'Vores tønde er ikke tømt', kle: '07.18.00', kind: 'problem_report' },
      { subject: 'Sofa', body: 'Hvornår henter I min gamle sofa?', kle: '07.18.10', kind: 'question' },
      { subject: 'Vuggestue', body: 'Vi søger plads i vuggestue', kle: '28.09.40', kind: 'application' },
      { subject: 'Hul', body: 'Stort hul i vejen ved skolen', kle: '05.01.08', kind: 'problem_report' },
      { subject: 'Nyhedsbrev', body: 'Læs vores nyhedsbrev. Afmeld her', kle: null, kind: 'not_a_case', subtype: 'newsletter' },
    ].map((l, i) => JSON.stringify({ id: `t${i}`, ...l }));
    writeFileSync(join(dir, 'train.jsonl'), labelled.join('\n'));
    const io = capture();
    expect(await main(['classify', 'train', '--input', join(dir, 'train.jsonl'), '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report).toMatchObject({ added: 9, trainedOn: 9 });
    expect(report.subjectTop1Pct).toBeGreaterThanOrEqual(0);
    // The same file again adds nothing twice.
    const again = capture();
    await main(['classify', 'train', '--input', join(dir, 'train.jsonl'), '--format', 'json'], again);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, alreadyStored: 9, trainedOn: 9 });

    writeFileSync(join(dir, 'fine.jsonl'), JSON.stringify({ id: 'b1', subject: 'Bøde', body: 'Jeg har fået en bøde, p-skiven lå der' }));
    const out = capture();
    expect(await main(['classify', '--input', join(dir, 'fine.jsonl'), '--format', 'json'], out)).toBe(0);
    const line = JSON.parse(out.out.trim());
    expect(line.kle).toBe('05.09.04');
    expect(line.explanation.some((e: { type: string }) => e.type === 'case')).toBe(true);
    const models = capture();
    await main(['classify', 'models', '--format', 'json'], models);
    expect(JSON.parse(models.out)).toHaveLength(2);
  });

  it('names the bad lines in Danish, classifies the good ones and exits 1', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), ['{"id":"g1","subject":"Skrald","body":"ikke tømt"}', '{"id":"x",', '{"id":"g2","subject":"Hul"}'].join('\n'));
    const io = capture();
    expect(await main(['classify', '--input', join(dir, 'bad.jsonl'), '--format', 'json'], io)).toBe(1);
    expect(io.err).toContain('Linje 2: ugyldig JSON');
    expect(io.err).toContain('Linje 3: mangler felt "body"');
    expect(
      io.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['g1']);
  });

  it('stores nothing from a training file with a bad line unless told to skip it', async () => {
    writeFileSync(
      join(dir, 'badtrain.jsonl'),
      [
        '{"id":"n1","subject":"Vej","body":"Revner i asfalten","kle":"05.01.08","kind":"problem_report"}',
        '{"id":"n2","subject":"x","body":"y","kle":"05.01.08","kind":"pizza"}',
      ].join('\n'),
    );
    const io = capture();
    expect(await main(['classify', 'train', '--input', join(dir, 'badtrain.jsonl')], io)).toBe(1);
    expect(io.err).toContain('Linje 2: ukendt "kind" »pizza«');
    expect(io.err).toContain('Intet er gemt');
    const skip = capture();
    expect(await main(['classify', 'train', '--input', join(dir, 'badtrain.jsonl'), '--skip-invalid', '--format', 'json'], skip)).toBe(1);
    expect(JSON.parse(skip.out)).toMatchObject({ added: 1, skippedInvalid: 1, trainedOn: 10 });
  });

  it('reports a missing file clearly', async () => {
    const io = capture();
    expect(await main(['classify', '--input', join(dir, 'nope.jsonl')], io)).toBe(1);
    expect(io.err).toContain('findes ikke');
    const kle = capture();
    expect(await main(['kle', 'import', join(dir, 'nope.xml')], kle)).toBe(1);
    expect(kle.err).toContain('findes ikke');
  });
});
