import { kleGroupOf, kleLevel } from '../kle/types';
import { Classifier, type ClassifierModelData, itemText } from './classifier';
import { cueText, TextAnalyzer, vocabularyWords } from './features';
import { type KindModelData, kindFeatures, matchCues, predictKind, priorKindModel, trainKindModel } from './kind';
import { autoRouteAtPrecision, expectedCalibrationError, fitTemperature, macroF1, type Scored, topKAccuracy } from './metrics';
import { defaultScoreParams, type KleNode, type ScoreComponents, type ScoreParams, type StoredExample } from './scoring';
import { type KindLabel, kindLabels, type LabelledExample } from './types';

/** Held-out figures of a trained model (cross-validation over the labelled examples). */
export interface HeldOutMetrics {
  examples: number;
  folds: number;
  subjectTop1: number;
  subjectTop3: number;
  groupTop1: number;
  groupTop3: number;
  subjectMacroF1: number;
  groupMacroF1: number;
  /** Expected calibration error of the subject confidence before and after temperature scaling. */
  eceBefore: number;
  eceAfter: number;
  temperature: number;
  /** Confidence threshold at which group routing is ≥ 95 % right, and the share routed at it. */
  autoRoute95: { threshold: number | null; share: number };
  kindAccuracy: number;
  kindMacroF1: number;
}

/** The KLE a model keeps: active entries only, as nodes. */
export function toKleNodes(entries: readonly { code: string; title: string; keywords: string[]; isActive?: boolean }[]): KleNode[] {
  return entries.filter((e) => e.isActive !== false).map((e) => ({ code: e.code, title: e.title, keywords: [...e.keywords] }));
}

function analyzerFor(kle: readonly KleNode[]): TextAnalyzer {
  const known = new Set<string>();
  for (const node of kle) for (const w of vocabularyWords(`${node.title} ${node.keywords.join(' ')}`)) known.add(w);
  return new TextAnalyzer(known);
}

function toStored(analyzer: TextAnalyzer, e: LabelledExample): StoredExample {
  const a = analyzer.analyze(itemText(e));
  return { id: e.id, kle: e.kle, kind: e.kind, stems: a.stems.join(' '), parts: a.parts.join(' ') };
}

function kindTrainingData(analyzer: TextAnalyzer, examples: readonly LabelledExample[]) {
  return examples.flatMap((e) => {
    if (!e.kind) return [];
    const text = cueText(e.subject, e.body);
    const features = kindFeatures(analyzer.analyze(itemText(e)), matchCues(text), (text.match(/\b(?:https?:\/\/|www\.)/g) ?? []).length);
    return [{ features, label: e.kind }];
  });
}

function versionLabel(now: Date, prefix: string): string {
  return `${prefix}-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
}

// A seeded generator keeps pseudo-queries and folds the same from run to run.
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/**
 * Temperature for a model without labelled history, fitted on pseudo-queries made from KLE itself:
 * a few keywords of a subject, mixed with a keyword of another subject as the noise real mail has.
 */
function zeroShotTemperatures(classifier: Classifier, kle: readonly KleNode[]): { temperature: number; groupTemperature: number } {
  const random = seeded(7);
  const subjects = kle.filter((n) => kleLevel(n.code) === 3 && n.keywords.length >= 3);
  if (subjects.length < 20) return { temperature: defaultScoreParams.temperature, groupTemperature: defaultScoreParams.temperature };
  const subjectIndex = new Map(classifier.index.subjects.map((c, i) => [c, i]));
  const samples: { components: ScoreComponents; gold: number }[] = [];
  for (let i = 0; i < 300; i++) {
    const node = subjects[Math.floor(random() * subjects.length)];
    const other = subjects[Math.floor(random() * subjects.length)];
    if (!node || !other) continue;
    const pick = (n: KleNode) => n.keywords[Math.floor(random() * n.keywords.length)] ?? '';
    const text = `${pick(node)} ${pick(node)} ${pick(node)} ${pick(node)}`;
    const gold = subjectIndex.get(node.code);
    if (gold === undefined) continue;
    samples.push({ components: classifier.index.components(classifier.index.analyzer.analyze(text)), gold });
  }
  return fitBothTemperatures(classifier, samples);
}

/** Fits the subject temperature on subject likelihood and the group temperature on group likelihood. */
function fitBothTemperatures(
  classifier: Classifier,
  samples: { components: ScoreComponents; gold: number }[],
): { temperature: number; groupTemperature: number } {
  const { groupOfSubject } = classifier.index;
  const temperature = fitTemperature((t) => {
    let nll = 0;
    for (const s of samples) nll -= Math.log(Math.max(1e-12, classifier.probabilities(s.components, t)[s.gold] ?? 0));
    return nll / samples.length;
  });
  const groupTemperature = fitTemperature((t) => {
    let nll = 0;
    for (const s of samples) {
      const p = classifier.probabilities(s.components, t);
      const g = groupOfSubject[s.gold];
      let sum = 0;
      for (let i = 0; i < p.length; i++) if (groupOfSubject[i] === g) sum += p[i] ?? 0;
      nll -= Math.log(Math.max(1e-12, sum));
    }
    return nll / samples.length;
  });
  return { temperature, groupTemperature };
}

/** A model from KLE alone (titles and keywords): what a fresh installation classifies with. */
export function buildZeroShotModel(
  kleEntries: readonly { code: string; title: string; keywords: string[]; isActive?: boolean }[],
  options: { now?: Date; version?: string } = {},
): ClassifierModelData {
  const now = options.now ?? new Date();
  const kle = toKleNodes(kleEntries);
  const data: ClassifierModelData = {
    format: 'ekspedit-classifier/1',
    version: options.version ?? versionLabel(now, 'kle'),
    createdAt: now.toISOString(),
    kle,
    examples: [],
    params: { ...defaultScoreParams },
    kind: priorKindModel(),
    metrics: {},
  };
  const fitted = zeroShotTemperatures(Classifier.fromData(data), kle);
  return { ...data, params: { ...data.params, ...fitted }, metrics: { ...fitted, trainedOn: 0 } };
}

interface HeldOut {
  components: ScoreComponents;
  gold: number;
  goldGroup: number;
  goldKle: string;
}

/**
 * Trains a new model version from KLE and labelled examples: cross-validation chooses how much the
 * labelled cases weigh against the KLE text and fits the temperature; the model is then built on all
 * examples. Returns the model data and its held-out metrics.
 */
export function trainClassifier(
  input: { kle: readonly { code: string; title: string; keywords: string[]; isActive?: boolean }[]; examples: readonly LabelledExample[] },
  options: { folds?: number; now?: Date; version?: string } = {},
): { data: ClassifierModelData; metrics: HeldOutMetrics } {
  const now = options.now ?? new Date();
  const kle = toKleNodes(input.kle);
  const analyzer = analyzerFor(kle);
  const subjectsKnown = new Set(kle.filter((n) => kleLevel(n.code) === 3).map((n) => n.code));
  const labelled = input.examples.filter((e) => e.kle && subjectsKnown.has(e.kle));
  const stored = labelled.map((e) => toStored(analyzer, e));
  const folds = Math.max(2, Math.min(options.folds ?? 5, labelled.length));
  const random = seeded(11);
  const foldOf = labelled.map(() => Math.floor(random() * folds));
  const kindFoldOf = input.examples.map(() => Math.floor(random() * folds));
  const base: Omit<ClassifierModelData, 'examples'> = {
    format: 'ekspedit-classifier/1',
    version: options.version ?? versionLabel(now, 'trained'),
    createdAt: now.toISOString(),
    kle,
    params: { ...defaultScoreParams, knn: 0.5, knnGroup: 0.5 },
    kind: priorKindModel(),
    metrics: {},
  };

  // Held-out components for every labelled example, each scored by a model that never saw it.
  const heldOut: HeldOut[] = [];
  let foldModel: Classifier | null = null;
  for (let f = 0; f < folds && labelled.length >= 4; f++) {
    foldModel = Classifier.fromData({ ...base, examples: stored.filter((_, i) => foldOf[i] !== f) });
    const subjectIndex = new Map(foldModel.index.subjects.map((c, i) => [c, i]));
    const groupIndex = new Map(foldModel.index.groups.map((c, i) => [c, i]));
    labelled.forEach((e, i) => {
      if (foldOf[i] !== f || !e.kle) return;
      const example = stored[i];
      if (!example) return;
      const components = foldModel?.index.components({ stems: example.stems.split(' ').filter(Boolean), parts: example.parts.split(' ').filter(Boolean) });
      const gold = subjectIndex.get(e.kle);
      const goldGroup = groupIndex.get(kleGroupOf(e.kle));
      if (components && gold !== undefined && goldGroup !== undefined) heldOut.push({ components, gold, goldGroup, goldKle: e.kle });
    });
  }

  let params: ScoreParams = { ...base.params };
  if (heldOut.length >= 10 && foldModel) {
    const model = foldModel;
    // Grid search on held-out accuracy: how much the nearest cases and the group weigh against KLE text.
    let bestScore = -1;
    for (const group of [0.3, 0.6, 1]) {
      for (const knn of [0, 0.25, 0.5, 1, 2]) {
        for (const knnGroup of [0, 0.25, 0.5, 1]) {
          const p = { ...params, group, knn, knnGroup };
          let hits = 0;
          for (const h of heldOut) {
            const scores = model.index.combine(h.components, p);
            let best = 0;
            for (let s = 1; s < scores.length; s++) if ((scores[s] ?? 0) > (scores[best] ?? 0)) best = s;
            if (best === h.gold) hits += 1;
            if (model.index.groupOfSubject[best] === h.goldGroup) hits += 1;
          }
          if (hits > bestScore) {
            bestScore = hits;
            params = p;
          }
        }
      }
    }
    const fitted = Classifier.fromData({ ...base, params, examples: [] });
    params = { ...params, ...fitBothTemperatures(fitted, heldOut) };
  }

  // Kind model: held-out accuracy by the same folds, then trained on everything.
  const kindScored: Scored[] = [];
  for (let f = 0; f < folds && input.examples.length >= 4; f++) {
    const train = input.examples.filter((_, i) => kindFoldOf[i] !== f);
    const test = input.examples.filter((e, i) => kindFoldOf[i] === f && e.kind);
    const model = trainKindModel(kindTrainingData(analyzer, train));
    for (const d of kindTrainingData(analyzer, test)) kindScored.push(scoreKind(model, d.features, d.label));
  }
  const kind = trainKindModel(kindTrainingData(analyzer, input.examples));

  const metrics = heldOutMetrics(Classifier.fromData({ ...base, params, examples: [] }), heldOut, params, kindScored, folds);
  const data: ClassifierModelData = { ...base, params, kind, examples: stored, metrics: { ...metrics, trainedOn: input.examples.length } };
  return { data, metrics };
}

function scoreKind(model: KindModelData, features: Map<string, number>, gold: KindLabel): Scored {
  const p = predictKind(model, features);
  const order = model.labels.map((l, i) => ({ l, p: p[i] ?? 0 })).sort((a, b) => b.p - a.p);
  return { gold, ranked: order.map((o) => o.l), confidence: order[0]?.p ?? 0 };
}

function heldOutMetrics(model: Classifier, heldOut: HeldOut[], params: ScoreParams, kindScored: Scored[], folds: number): HeldOutMetrics {
  const subjects: Scored[] = [];
  const groups: Scored[] = [];
  const before: { correct: boolean; confidence: number }[] = [];
  for (const h of heldOut) {
    const r = model.rank(h.components, params.temperature, false, params.groupTemperature);
    const ranked = r.subjects.map((s) => model.index.subjects[s.index] ?? '');
    subjects.push({ gold: h.goldKle, ranked, confidence: r.subjects[0]?.probability ?? 0 });
    groups.push({ gold: kleGroupOf(h.goldKle), ranked: r.groups.map((g) => model.index.groups[g.index] ?? ''), confidence: r.groups[0]?.probability ?? 0 });
    const raw = model.rank(h.components, defaultScoreParams.temperature, false, defaultScoreParams.temperature);
    before.push({ correct: raw.subjects[0]?.index === h.gold, confidence: raw.subjects[0]?.probability ?? 0 });
  }
  const correct = (items: Scored[]) => items.map((i) => ({ correct: i.ranked[0] === i.gold, confidence: i.confidence }));
  const route = autoRouteAtPrecision(correct(groups), 0.95);
  return {
    examples: heldOut.length,
    folds,
    subjectTop1: topKAccuracy(subjects, 1),
    subjectTop3: topKAccuracy(subjects, 3),
    groupTop1: topKAccuracy(groups, 1),
    groupTop3: topKAccuracy(groups, 3),
    subjectMacroF1: macroF1(subjects),
    groupMacroF1: macroF1(groups),
    eceBefore: expectedCalibrationError(before),
    eceAfter: expectedCalibrationError(correct(subjects)),
    temperature: params.temperature,
    autoRoute95: { threshold: route.threshold, share: route.share },
    kindAccuracy: topKAccuracy(kindScored, 1),
    kindMacroF1: macroF1(kindScored),
  };
}

/** All kind labels, for reports. */
export const allKindLabels: readonly KindLabel[] = kindLabels;
