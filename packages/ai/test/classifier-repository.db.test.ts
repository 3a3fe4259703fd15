import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../db/test/support/test-database';
import { buildZeroShotModel, Classifier, ClassifierService, isClassifierModelData, trainClassifier } from '../src';
import { toyKle } from './support/classify-fixtures';

describe(`KLE and classifier repositories on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('upserts KLE and keeps keywords when a later source has none', async () => {
    const repos = createRepositories(handle.db);
    expect(await repos.kle.upsertSubjects(toyKle(), 'os2kle')).toEqual({ inserted: 12, updated: 0 });
    const titlesOnly = toyKle().map((e) => ({ ...e, keywords: [], title: e.code === '07.18.10' ? 'Storskrald' : e.title }));
    expect(await repos.kle.upsertSubjects(titlesOnly, 'kle-online-xml')).toEqual({ inserted: 0, updated: 12 });
    expect(await repos.kle.findSubject('07.18.10')).toMatchObject({
      title: 'Storskrald',
      keywords: ['storskrald', 'køleskab', 'møbler'],
      source: 'kle-online-xml',
    });
    expect(await repos.kle.countByLevel()).toEqual({ mainGroups: 3, groups: 4, subjects: 5 });
  });

  it('stores examples, trains, and serves the newest active model; switching back is one update', async () => {
    const repos = createRepositories(handle.db);
    expect(await repos.classifier.findActiveModel()).toBeNull();
    await repos.classifier.addTrainingExamples([
      { subject: 'Bøde', body: 'Bøde selvom p-skiven lå i ruden', kleCode: '05.09.04', kind: 'complaint', source: 'import' },
      { subject: 'Tønde', body: 'Tønden er ikke tømt', kleCode: '07.18.06', kind: 'problem_report', source: 'import' },
      { subject: 'Reklame', body: 'Afmeld nyhedsbrev', kleCode: null, kind: 'not_a_case:newsletter', source: 'import' },
    ]);
    const examples = await repos.classifier.listTrainingExamples();
    // One insert shares one created-at time; the order among them is not part of the contract.
    expect(examples.map((e) => [e.subject, e.kleCode, e.kind]).sort()).toEqual([
      ['Bøde', '05.09.04', 'complaint'],
      ['Reklame', '', 'not_a_case:newsletter'],
      ['Tønde', '07.18.06', 'problem_report'],
    ]);

    const kle = await repos.kle.listSubjects();
    const first = await repos.classifier.saveModel({ version: 'v1', trainedOn: 0, metrics: {}, model: buildZeroShotModel(kle, { version: 'v1' }) });
    const { data } = trainClassifier(
      { kle, examples: examples.map((e) => ({ id: e.id, subject: e.subject, body: e.body, kle: e.kleCode || null, kind: null })) },
      { version: 'v2', folds: 2 },
    );
    const second = await repos.classifier.saveModel({ version: 'v2', trainedOn: examples.length, metrics: data.metrics, model: data });

    const service = new ClassifierService();
    const active = await repos.classifier.findActiveModel();
    expect(active?.version).toBe('v2');
    if (!isClassifierModelData(active?.model)) throw new Error('stored model does not load');
    const before = service.classify({ subject: 'x', body: 'y' });
    expect(before).toBeNull();
    service.activate(active.model);
    expect(service.classify({ subject: 'Bøde', body: 'p-skive' })?.modelVersion).toBe('v2');
    // jsonb gives back exactly what was stored: the loaded model classifies as the trained one does.
    expect(Classifier.fromData(active.model).classify({ subject: 'Bøde', body: 'p-skive' })).toEqual(
      Classifier.fromData(data).classify({ subject: 'Bøde', body: 'p-skive' }),
    );

    await repos.classifier.setModelActive(second.id, false);
    expect((await repos.classifier.findActiveModel())?.id).toBe(first.id);
    expect((await repos.classifier.listModels()).map((m) => m.version)).toEqual(['v2', 'v1']);
  });
});
