import { readFile } from 'node:fs/promises';
import {
  buildZeroShotModel,
  Classifier,
  type ClassifierModelData,
  isClassifierModelData,
  type LabelledExample,
  type LineError,
  parseJsonlItems,
  parseKindLabel,
  trainClassifier,
} from '@ekspedit/ai';
import { createRepositories, type Repositories } from '@ekspedit/db';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { withDatabase } from '../context';
import { type CliIo, CliUsageError, parseFormat, printObject, printRows } from '../output';

const usage = `Brug: ekspedit classify --input <fil.jsonl> [--format json|table|csv]
      Klassificerer henvendelser, én JSON pr. linje: {"id","subject","body"}.
      Svar (json): én linje pr. henvendelse med kle, kleGroup, kind, unit, language, confidence,
      alternatives og explanation. Bruger den nyeste aktive model, ellers KLE alene (zero-shot).
      Ugyldige linjer meldes på stderr med linjenummer; de gyldige klassificeres alligevel, og
      kommandoen slutter med kode 1.
  ekspedit classify train --input <fil.jsonl> [--skip-invalid] [--format json|table|csv]
      Gemmer mærkede eksempler ({"id","subject","body","kle","kind"}; for not_a_case også
      "subtype": newsletter|spam|invoice|auto_reply) og træner og aktiverer en ny modelversion.
      Én ugyldig linje stopper det hele, så intet gemmes halvt (ret filen og kør igen);
      med --skip-invalid gemmes de gyldige linjer, og de ugyldige meldes.
      Eksempler, der allerede findes (samme tekst og mærker), gemmes ikke igen.
  ekspedit classify models [--format json|table|csv]
      Lister modelversionerne.`;

async function readInput(path: string, io: CliIo): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.stderr(`Fejl: ${e.code === 'ENOENT' ? `filen ${path} findes ikke` : `filen ${path} kan ikke læses (${e.code ?? e.message})`}\n`);
    return null;
  }
}

function reportLineErrors(io: CliIo, errors: LineError[]): void {
  for (const e of errors.slice(0, 50)) io.stderr(`Fejl: ${e.message}\n`);
  if (errors.length > 50) io.stderr(`… og ${errors.length - 50} ugyldige linjer mere\n`);
}

/** The serving model: the newest active version, else one built from the imported KLE. */
export async function loadModel(repos: Repositories): Promise<ClassifierModelData | null> {
  const active = await repos.classifier.findActiveModel();
  if (active && isClassifierModelData(active.model)) return active.model;
  const kle = await repos.kle.listSubjects();
  if (kle.length === 0) return null;
  return buildZeroShotModel(kle);
}

function toLabelled(record: Awaited<ReturnType<Repositories['classifier']['listTrainingExamples']>>[number]): LabelledExample {
  return {
    id: record.id,
    subject: record.subject,
    body: record.body,
    kle: record.kleCode === '' ? null : record.kleCode,
    kind: record.kind ? parseKindLabel(record.kind) : null,
  };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Sortér post: classify --input <fil.jsonl>, classify train --input <fil.jsonl>',
  usage,
  async run(argv, io) {
    if (argv[0] === 'models') {
      const { values } = parseArgs(argv.slice(1), { format: { type: 'string' } });
      const format = parseFormat(values.format);
      return withDatabase('classify models', async (handle) => {
        const models = await createRepositories(handle.db).classifier.listModels();
        printRows(
          io,
          format,
          models.map((m) => ({ id: m.id, version: m.version, trainedOn: m.trainedOn, active: m.isActive, createdAt: m.createdAt })),
          ['id', 'version', 'trainedOn', 'active', 'createdAt'],
        );
        return 0;
      });
    }
    if (argv[0] === 'train') return train(argv.slice(1), io);

    const { values } = parseArgs(argv, { input: { type: 'string' }, format: { type: 'string' } });
    const format = parseFormat(values.format);
    if (!values.input) throw new CliUsageError('Angiv --input <fil.jsonl>');
    const text = await readInput(values.input, io);
    if (text === null) return 1;
    const { items, errors } = parseJsonlItems(text);
    reportLineErrors(io, errors);
    return withDatabase('classify', async (handle) => {
      const repos = createRepositories(handle.db);
      const data = await loadModel(repos);
      if (!data) {
        io.stderr('Fejl: der er ingen KLE at klassificere efter. Kør først: ekspedit kle import <fil>\n');
        return 1;
      }
      const classifier = Classifier.fromData(data);
      const units = new Map<string, string | null>();
      const rows: Record<string, unknown>[] = [];
      for (const item of items) {
        const r = classifier.classify(item);
        let unit: string | null = null;
        if (r.kind !== 'not_a_case') {
          if (!units.has(r.kle)) units.set(r.kle, (await repos.directory.findUnitForKle(r.kle))?.id ?? null);
          unit = units.get(r.kle) ?? null;
        }
        const row = {
          id: item.id,
          kle: r.kle,
          kleGroup: r.kleGroup,
          kind: r.kind,
          unit,
          language: r.language,
          confidence: r.confidence,
          alternatives: r.alternatives,
          explanation: r.explanation,
          subtype: r.notCaseType,
          caseKind: r.caseKind,
          priority: r.priority,
          groupConfidence: r.groupConfidence,
          kindConfidence: r.kindConfidence,
          modelVersion: r.modelVersion,
        };
        // JSON is one object per line, written as each item is done, so a long file streams.
        if (format === 'json') io.stdout(`${JSON.stringify(row)}\n`);
        else rows.push(row);
      }
      if (format !== 'json') printRows(io, format, rows, ['id', 'kle', 'kleGroup', 'kind', 'unit', 'language', 'confidence', 'priority']);
      if (errors.length > 0) io.stderr(`${items.length} henvendelser klassificeret, ${errors.length} linjer sprunget over.\n`);
      return errors.length > 0 ? 1 : 0;
    });
  },
};

async function train(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs(argv, { input: { type: 'string' }, format: { type: 'string' }, 'skip-invalid': { type: 'boolean' } });
  const format = parseFormat(values.format);
  if (!values.input) throw new CliUsageError('Angiv --input <fil.jsonl>');
  const text = await readInput(values.input, io);
  if (text === null) return 1;
  const { items, errors } = parseJsonlItems(text, { labelled: true });
  reportLineErrors(io, errors);
  if (errors.length > 0 && !values['skip-invalid']) {
    io.stderr(`Intet er gemt: ${errors.length} ugyldige linjer. Ret dem, eller kør med --skip-invalid for at gemme de ${items.length} gyldige.\n`);
    return 1;
  }
  return withDatabase('classify train', async (handle) => {
    const repos = createRepositories(handle.db);
    const kle = await repos.kle.listSubjects();
    if (kle.length === 0) {
      io.stderr('Fejl: der er ingen KLE at træne efter. Kør først: ekspedit kle import <fil>\n');
      return 1;
    }
    const existing = await repos.classifier.listTrainingExamples();
    const key = (e: { subject: string; body: string; kle: string | null; kind: string | null }) =>
      JSON.stringify([e.subject, e.body, e.kle ?? '', e.kind ?? '']);
    const seen = new Set(existing.map((e) => key({ subject: e.subject, body: e.body, kle: e.kleCode || null, kind: e.kind ? parseKindLabel(e.kind) : null })));
    const fresh = items.filter((i) => !seen.has(key(i)));
    await repos.classifier.addTrainingExamples(
      fresh.map((i) => ({
        subject: i.subject,
        body: i.body,
        kleCode: i.kle,
        kind: i.kind && ['newsletter', 'spam', 'invoice', 'auto_reply'].includes(i.kind) ? `not_a_case:${i.kind}` : i.kind,
        source: 'import',
      })),
    );
    const examples = (await repos.classifier.listTrainingExamples()).map(toLabelled);
    const { data, metrics } = trainClassifier({ kle, examples });
    const saved = await repos.classifier.saveModel({ version: data.version, trainedOn: examples.length, metrics: data.metrics, model: data });
    printObject(io, format, {
      version: saved.version,
      modelId: saved.id,
      added: fresh.length,
      alreadyStored: items.length - fresh.length,
      skippedInvalid: errors.length,
      trainedOn: examples.length,
      heldOutExamples: metrics.examples,
      folds: metrics.folds,
      groupTop1Pct: pct(metrics.groupTop1),
      groupTop3Pct: pct(metrics.groupTop3),
      subjectTop1Pct: pct(metrics.subjectTop1),
      subjectTop3Pct: pct(metrics.subjectTop3),
      subjectMacroF1: Math.round(metrics.subjectMacroF1 * 1000) / 1000,
      eceBefore: Math.round(metrics.eceBefore * 1000) / 1000,
      eceAfter: Math.round(metrics.eceAfter * 1000) / 1000,
      temperature: Math.round(metrics.temperature * 10000) / 10000,
      autoRoute95SharePct: pct(metrics.autoRoute95.share),
      autoRoute95Threshold: metrics.autoRoute95.threshold,
      kindAccuracyPct: pct(metrics.kindAccuracy),
    });
    return errors.length > 0 ? 1 : 0;
  });
}
