import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  autoRouteAtPrecision,
  buildZeroShotModel,
  Classifier,
  type ClassifierModelData,
  evaluateClassifier,
  expectedCalibrationError,
  fitTemperature,
  macroF1,
  parseJsonlItems,
  readKleFile,
  toCoreClassification,
  topKAccuracy,
  trainClassifier,
} from '../src';
import { buildExample, hasSharedKle, sharedKleDir, sharedKleReason, toyKle } from './support/classify-fixtures';

if (!hasSharedKle) console.warn(sharedKleReason);

const datasets = fileURLToPath(new URL('../../../eval/datasets/', import.meta.url));

describe('classifier on a toy KLE', () => {
  it('learns from labelled history what KLE words alone miss', () => {
    const kle = toyKle();
    const zero = Classifier.fromData(buildZeroShotModel(kle));
    // "P-skive" and "bøde" are not in this toy KLE; a few labelled cases teach them.
    const query = { subject: 'Bøde', body: 'Jeg fik en bøde selvom min p-skive lå i ruden' };
    const examples = [
      buildExample({ body: 'Klage over bøde, p-skiven var stillet rigtigt', kle: '05.09.04', kind: 'complaint' }),
      buildExample({ body: 'Uretfærdig bøde for parkering, p-skive i forruden', kle: '05.09.04', kind: 'complaint' }),
      buildExample({ body: 'Hvordan betaler jeg en bøde for at holde uden p-skive?', kle: '05.09.04', kind: 'question' }),
      buildExample({ body: 'Skraldespanden blev ikke tømt i dag', kle: '07.18.06', kind: 'problem_report' }),
      buildExample({ body: 'Hvornår bliver mine gamle møbler hentet?', kle: '07.18.10', kind: 'question' }),
      buildExample({ body: 'Vi søger vuggestueplads til vores søn', kle: '28.09.40', kind: 'application' }),
      buildExample({ body: 'Der er et stort hul i vejen', kle: '05.01.08', kind: 'problem_report' }),
    ];
    const { data } = trainClassifier({ kle, examples }, { folds: 2 });
    const trained = Classifier.fromData(data);
    const result = trained.classify(query);
    expect(result.kle).toBe('05.09.04');
    expect(result.confidence).toBeGreaterThan(zero.classify(query).alternatives.find((a) => a.kle === '05.09.04')?.confidence ?? 0);
    // The explanation names the words and the earlier cases that decided it.
    expect(result.explanation.some((e) => e.type === 'term' && /bøde|p-skive|pskive/.test(e.term))).toBe(true);
    expect(result.explanation.some((e) => e.type === 'case' && e.kle === '05.09.04')).toBe(true);
  });

  it('survives a JSON round trip with identical results', () => {
    const { data } = trainClassifier(
      {
        kle: toyKle(),
        examples: [buildExample({ body: 'Min skraldespand er væk', kle: '07.18.06' }), buildExample({ body: 'Plads i børnehave', kle: '28.09.40' })],
      },
      { folds: 2 },
    );
    const copy = JSON.parse(JSON.stringify(data)) as ClassifierModelData;
    const item = { subject: 'Skrald', body: 'Skraldespanden er ikke tømt' };
    expect(Classifier.fromData(copy).classify(item)).toEqual(Classifier.fromData(data).classify(item));
  });

  it('tells kinds apart from their wording, and not-a-case items from cases', () => {
    const c = Classifier.fromData(buildZeroShotModel(toyKle()));
    expect(c.classify({ subject: 'Klage', body: 'Jeg vil klage over at skraldespanden aldrig bliver tømt' }).kind).toBe('complaint');
    expect(c.classify({ subject: 'Aktindsigt', body: 'Jeg anmoder om aktindsigt i min sag' }).kind).toBe('access_request');
    const spam = c.classify({ subject: 'Tillykke', body: 'Du har vundet! Klik her for at få din gevinst' });
    expect([spam.kind, spam.notCaseType, spam.caseKind, spam.priority]).toEqual(['not_a_case', 'spam', null, 'low']);
    const ooo = c.classify({ subject: 'Autosvar', body: 'Jeg er på ferie og er tilbage mandag' });
    expect(ooo.notCaseType).toBe('auto_reply');
    expect(toCoreClassification(ooo)).toMatchObject({ itemKind: 'not_a_case:auto_reply', kleCode: null });
    expect(c.classify({ subject: 'Vand i kælderen', body: 'Akut: kloakken løber over' }).priority).toBe('urgent');
  });
});

describe('measures', () => {
  it('computes top-k accuracy, macro-F1, ECE and the 95 % routing threshold', () => {
    const items = [
      { gold: 'a', ranked: ['a', 'b'], confidence: 0.9 },
      { gold: 'b', ranked: ['a', 'b'], confidence: 0.6 },
      { gold: 'b', ranked: ['b', 'a'], confidence: 0.8 },
    ];
    expect(topKAccuracy(items, 1)).toBeCloseTo(2 / 3);
    expect(topKAccuracy(items, 2)).toBe(1);
    expect(macroF1(items)).toBeCloseTo((2 / 3 + 2 / 3) / 2);
    expect(expectedCalibrationError([{ correct: true, confidence: 1 }])).toBe(0);
    expect(expectedCalibrationError([{ correct: false, confidence: 0.9 }])).toBeCloseTo(0.9);
    const route = autoRouteAtPrecision(
      items.map((i) => ({ correct: i.ranked[0] === i.gold, confidence: i.confidence })),
      0.95,
    );
    expect(route).toEqual({ threshold: 0.8, share: 2 / 3, precision: 1 });
  });

  it('fits a temperature that lowers the calibration error of overconfident scores', () => {
    // Scores that always put 99 % on a choice that is right 70 % of the time.
    const samples = Array.from({ length: 100 }, (_, i) => ({ correct: i % 10 < 7 }));
    const prob = (t: number) => 1 / (1 + Math.exp(-4.6 / t));
    const t = fitTemperature((temp) => -samples.reduce((s, x) => s + Math.log(x.correct ? prob(temp) : 1 - prob(temp)), 0));
    const before = expectedCalibrationError(samples.map((s) => ({ correct: s.correct, confidence: prob(1) })));
    const after = expectedCalibrationError(samples.map((s) => ({ correct: s.correct, confidence: prob(t) })));
    expect(after).toBeLessThan(0.05);
    expect(after).toBeLessThan(before);
  });
});

describe('JSONL input', () => {
  it('reads good lines and names the bad ones', () => {
    const text = ['{"id":"1","subject":"a","body":"b"}', '{"id":"2","subject":"a"', '{"id":"3","body":"b"}', '', '[1]'].join('\n');
    const { items, errors } = parseJsonlItems(text);
    expect(items.map((i) => i.id)).toEqual(['1']);
    expect(errors).toEqual([
      { line: 2, message: 'Linje 2: ugyldig JSON' },
      { line: 3, message: 'Linje 3: mangler felt "subject"' },
      { line: 5, message: 'Linje 5: forventede et JSON-objekt' },
    ]);
  });

  it('checks labels: KLE codes, kinds, and not-a-case without KLE', () => {
    const text = [
      '{"id":"1","subject":"a","body":"b","kle":"07.18.06","kind":"complaint"}',
      '{"id":"2","subject":"a","body":"b","kle":null,"kind":"not_a_case","subtype":"spam"}',
      '{"id":"3","subject":"a","body":"b","kle":"affald","kind":"question"}',
      '{"id":"4","subject":"a","body":"b","kle":"07.18.06","kind":"pizza"}',
      '{"id":"5","subject":"a","body":"b","kind":"question"}',
    ].join('\n');
    const { items, errors } = parseJsonlItems(text, { labelled: true });
    expect(items.map((i) => [i.id, i.kle, i.kind])).toEqual([
      ['1', '07.18.06', 'complaint'],
      ['2', null, 'spam'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
  });
});

describe.skipIf(!hasSharedKle)('on the full KLE (../shared/data/kle)', () => {
  let zero: Classifier;
  beforeAll(async () => {
    const { entries } = await readKleFile(`${sharedKleDir}os2kle-OS2KLE.txt`);
    zero = Classifier.fromData(buildZeroShotModel(entries));
  }, 120_000);

  it('puts obvious inquiries in the right group among the top three, zero-shot', () => {
    const cases: [string, string][] = [
      ['Skraldespanden er ikke tømt', '07.'],
      ['Der er et stort hul i vejen ud for mit hus', '05.01'],
      ['Jeg har fået en parkeringsafgift, som jeg vil klage over', '05.09'],
      ['Vi vil søge om byggetilladelse til en tilbygning', '02.34'],
      ['Jeg skal have fornyet mit pas', '23.09'],
      ['Kan jeg få aktindsigt i min sag?', '00.07'],
      ['Hvornår henter I storskrald?', '07.18'],
      ['Min mor har brug for hjemmehjælp', '27.36'],
    ];
    for (const [body, prefix] of cases) {
      const r = zero.classify({ subject: '', body });
      expect(
        [r.kle, ...r.alternatives.map((a) => a.kle)].some((k) => k.startsWith(prefix)),
        `${body} → ${r.kle}`,
      ).toBe(true);
    }
  });

  it('gets better and better calibrated from the labelled training set', () => {
    const read = (name: string) => parseJsonlItems(readFileSync(`${datasets}${name}`, 'utf8'), { labelled: true }).items;
    const train = read('inquiries-train.jsonl');
    const evalSet = read('inquiries-eval.jsonl').slice(0, 150);
    const { data, metrics } = trainClassifier({ kle: zero.data.kle, examples: train }, { folds: 3 });
    expect(metrics.eceAfter).toBeLessThan(metrics.eceBefore);
    const before = evaluateClassifier(zero, evalSet);
    const after = evaluateClassifier(Classifier.fromData(data), evalSet);
    expect(after.groupTop1).toBeGreaterThan(before.groupTop1 + 0.15);
    expect(after.subjectEce).toBeLessThan(0.15);
  }, 120_000);
});
