// Trains a classifier off the main thread: training takes seconds to a minute of CPU, and the
// server must keep answering while it runs.
import { parentPort, workerData } from 'node:worker_threads';
import { buildZeroShotModel, trainClassifier } from '@ekspedit/ai';

type Job = Parameters<typeof trainClassifier>[0] & { zeroShot?: boolean };

const job = workerData as Job;
const data = job.examples.length === 0 || job.zeroShot ? buildZeroShotModel(job.kle) : trainClassifier(job, { folds: 3 }).data;
parentPort?.postMessage(data);
