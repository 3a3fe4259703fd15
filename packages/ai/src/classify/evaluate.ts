import { kleGroupOf } from '../kle/types';
import type { Classifier } from './classifier';
import { autoRouteAtPrecision, expectedCalibrationError, macroF1, type Scored, topKAccuracy } from './metrics';
import type { LabelledExample } from './types';

/** Quality of a classifier on a labelled set: the figures the eval suite and the benchmark print. */
export interface EvaluationReport {
  items: number;
  /** Items with a KLE label (not-a-case items have none and count for kind only). */
  kleItems: number;
  subjectTop1: number;
  subjectTop3: number;
  groupTop1: number;
  groupTop3: number;
  subjectMacroF1: number;
  groupMacroF1: number;
  subjectEce: number;
  groupEce: number;
  /** Auto-routing to the group at ≥ 95 % precision: the threshold and the share of items above it. */
  groupRoute95: { threshold: number | null; share: number; precision: number };
  subjectRoute95: { threshold: number | null; share: number; precision: number };
  kindAccuracy: number;
  kindMacroF1: number;
  itemsPerSecond: number;
}

/** Classifies every item and measures top-k accuracy, macro-F1, calibration and auto-routing. */
export function evaluateClassifier(classifier: Classifier, items: readonly LabelledExample[]): EvaluationReport {
  const subjects: Scored[] = [];
  const groups: Scored[] = [];
  const kinds: Scored[] = [];
  const started = performance.now();
  for (const item of items) {
    const r = classifier.classify(item);
    if (item.kind) {
      const predicted = r.kind === 'not_a_case' ? (r.notCaseType ?? 'spam') : r.kind;
      kinds.push({ gold: item.kind, ranked: [predicted], confidence: r.kindConfidence });
    }
    if (!item.kle) continue;
    const ranked = [r.kle, ...r.alternatives.map((a) => a.kle)];
    subjects.push({ gold: item.kle, ranked, confidence: r.confidence });
    const groupRanked = [r.kleGroup, ...r.groupAlternatives.map((g) => g.kleGroup)];
    groups.push({ gold: kleGroupOf(item.kle), ranked: groupRanked, confidence: r.groupConfidence });
  }
  const seconds = (performance.now() - started) / 1000;
  const correct = (list: Scored[]) => list.map((i) => ({ correct: i.ranked[0] === i.gold, confidence: i.confidence }));
  return {
    items: items.length,
    kleItems: subjects.length,
    subjectTop1: topKAccuracy(subjects, 1),
    subjectTop3: topKAccuracy(subjects, 3),
    groupTop1: topKAccuracy(groups, 1),
    groupTop3: topKAccuracy(groups, 3),
    subjectMacroF1: macroF1(subjects),
    groupMacroF1: macroF1(groups),
    subjectEce: expectedCalibrationError(correct(subjects)),
    groupEce: expectedCalibrationError(correct(groups)),
    groupRoute95: autoRouteAtPrecision(correct(groups), 0.95),
    subjectRoute95: autoRouteAtPrecision(correct(subjects), 0.95),
    kindAccuracy: topKAccuracy(kinds, 1),
    kindMacroF1: macroF1(kinds),
    itemsPerSecond: seconds > 0 ? items.length / seconds : 0,
  };
}
