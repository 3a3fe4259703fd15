import { Worker } from 'node:worker_threads';
import { asCaseClassifier, type ClassifierModelData, ClassifierService, isClassifierModelData, parseKindLabel } from '@ekspedit/ai';
import type { CaseClassifier } from '@ekspedit/core';
import type { Repositories } from '@ekspedit/db';

/**
 * The classifier the server uses, swappable at run time: after a retrain the provider hands out the
 * new model to the next request while requests in flight finish on the old one (no downtime).
 */
export interface ClassifierProvider {
  current(): Promise<CaseClassifier | null>;
  /** Asks for a retrain soon (debounced); corrections in the triage queue call this. */
  retrainSoon(): void;
  /** Version of the model now serving, or null. */
  version(): string | null;
}

/** A provider with no model: everything goes to triage. */
export const noClassifier: ClassifierProvider = {
  current: async () => null,
  retrainSoon: () => {},
  version: () => null,
};

export interface ModelProvider extends ClassifierProvider {
  /** Loads the active model, or builds one when there is none; resolves when a model serves. */
  load(): Promise<void>;
  /** Trains a new model version now and makes it serve; resolves when it does. */
  retrain(): Promise<void>;
  /** Waits for a pending debounced retrain (tests, shutdown). */
  idle(): Promise<void>;
  /** Version of the model now serving, or null. */
  version(): string | null;
}

function trainInWorker(job: { kle: unknown[]; examples: unknown[]; zeroShot?: boolean }): Promise<ClassifierModelData> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./retrain-worker.mjs', import.meta.url), { workerData: job });
    worker.once('message', (data) => resolve(data as ClassifierModelData));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`retrain worker exited with ${code}`));
    });
  });
}

/**
 * Serves the newest active classifier from the database. Training (from KLE, history and every
 * triage decision) runs in a worker thread; the new version is stored and then swapped in.
 */
export function createModelProvider(
  repos: Pick<Repositories, 'kle' | 'classifier'>,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): ModelProvider {
  const service = new ClassifierService();
  let adapter: CaseClassifier | null = null;
  let servingVersion: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const activate = (data: ClassifierModelData) => {
    service.activate(data);
    adapter = asCaseClassifier(service);
    servingVersion = data.version;
  };

  const retrain = async () => {
    const kle = await repos.kle.listSubjects();
    if (kle.length === 0) return;
    // A person's correction in the triage queue weighs more than an example from history: it is
    // repeated, so one correction can outvote a few older look-alikes.
    const examples = (await repos.classifier.listTrainingExamples())
      .filter((r) => r.subject || r.body)
      .flatMap((r) => {
        const example = { id: r.id, subject: r.subject, body: r.body, kle: r.kleCode || null, kind: r.kind ? parseKindLabel(r.kind) : null };
        return r.source === 'correction' ? [1, 2, 3].map((n) => ({ ...example, id: `${r.id}#${n}` })) : [example];
      });
    const data = await trainInWorker({ kle, examples });
    await repos.classifier.saveModel({
      version: data.version,
      trainedOn: examples.length,
      metrics: (data as { metrics?: Record<string, unknown> }).metrics ?? {},
      model: data,
    });
    activate(data);
  };

  return {
    async current() {
      return adapter;
    },
    async load() {
      const active = await repos.classifier.findActiveModel();
      if (active && isClassifierModelData(active.model)) activate(active.model);
      else await retrain();
    },
    retrain() {
      running = running.then(retrain, retrain);
      return running;
    },
    retrainSoon() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        running = running.then(retrain, retrain).catch((error) => options.onError?.(error));
      }, options.debounceMs ?? 2000);
    },
    version: () => servingVersion,
    async idle() {
      while (timer) await new Promise((r) => setTimeout(r, 50));
      await running.catch(() => {});
    },
  };
}
