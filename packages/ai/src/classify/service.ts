import { Classifier, type ClassifierModelData } from './classifier';
import type { ClassifyInput, ItemClassification } from './types';

/**
 * Serves the newest model without downtime: a new version is built off to the side and swapped in
 * with one assignment, so a request in flight finishes on the model it started with.
 */
export class ClassifierService {
  private current: Classifier | null = null;

  /** Loads model data and makes it the serving model once it is fully built. */
  activate(data: ClassifierModelData): Classifier {
    const next = Classifier.fromData(data);
    this.current = next;
    return next;
  }

  /** The serving classifier, or null before any model is loaded. */
  get classifier(): Classifier | null {
    return this.current;
  }

  /** Classifies with the serving model; null when there is none (everything goes to triage). */
  classify(input: ClassifyInput): ItemClassification | null {
    return this.current?.classify(input) ?? null;
  }
}

/** True when a stored JSON value (classifier_models.model) is model data this version can load. */
export function isClassifierModelData(value: unknown): value is ClassifierModelData {
  const v = value as Partial<ClassifierModelData> | null;
  return !!v && v.format === 'ekspedit-classifier/1' && Array.isArray(v.kle) && Array.isArray(v.examples) && typeof v.params === 'object';
}
