/**
 * Mail sorting quality: KLE subject and group, kind, calibration and auto-routing, zero-shot (KLE from
 * ../shared/data/kle only) and after training on eval/datasets/inquiries-train.jsonl, measured on the
 * separate eval/datasets/inquiries-eval.jsonl.
 *
 *   npx tsx eval/run.ts classification
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildZeroShotModel, Classifier, type EvaluationReport, evaluateClassifier, parseJsonlItems, readKleFile, trainClassifier } from '@ekspedit/ai';
import type { EvalSuite } from '../run';

const kleDir = fileURLToPath(new URL('../../../shared/data/kle/', import.meta.url));
const datasets = fileURLToPath(new URL('../datasets/', import.meta.url));

function readSet(name: string) {
  const { items, errors } = parseJsonlItems(readFileSync(`${datasets}${name}`, 'utf8'), { labelled: true });
  if (errors.length > 0) throw new Error(`${name}: ${errors.map((e) => e.message).join('; ')}`);
  return items;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(rows: { label: string; report: EvaluationReport; trainSeconds: number }[]): string[] {
  const metrics: [string, (r: EvaluationReport) => string][] = [
    ['KLE group top-1', (r) => pct(r.groupTop1)],
    ['KLE group top-3', (r) => pct(r.groupTop3)],
    ['KLE subject top-1', (r) => pct(r.subjectTop1)],
    ['KLE subject top-3', (r) => pct(r.subjectTop3)],
    ['macro-F1 group', (r) => r.groupMacroF1.toFixed(3)],
    ['macro-F1 subject', (r) => r.subjectMacroF1.toFixed(3)],
    ['ECE group (10 bins)', (r) => r.groupEce.toFixed(3)],
    ['ECE subject (10 bins)', (r) => r.subjectEce.toFixed(3)],
    [
      'auto-routed @95 % precision (group)',
      (r) => (r.groupRoute95.threshold === null ? '0 % (no threshold)' : `${pct(r.groupRoute95.share)} at conf ≥ ${r.groupRoute95.threshold.toFixed(3)}`),
    ],
    [
      'auto-routed @95 % precision (subject)',
      (r) => (r.subjectRoute95.threshold === null ? '0 % (no threshold)' : `${pct(r.subjectRoute95.share)} at conf ≥ ${r.subjectRoute95.threshold.toFixed(3)}`),
    ],
    ['kind accuracy', (r) => pct(r.kindAccuracy)],
    ['kind macro-F1', (r) => r.kindMacroF1.toFixed(3)],
    ['items/s (classify, 1 core)', (r) => r.itemsPerSecond.toFixed(0)],
  ];
  const width = Math.max(...metrics.map(([m]) => m.length));
  const colWidth = 34;
  const out = [
    `| ${'metric'.padEnd(width)} | ${rows.map((r) => r.label.padEnd(colWidth)).join(' | ')} |`,
    `|${'-'.repeat(width + 2)}|${rows.map(() => '-'.repeat(colWidth + 2)).join('|')}|`,
  ];
  for (const [name, f] of metrics) out.push(`| ${name.padEnd(width)} | ${rows.map((r) => f(r.report).padEnd(colWidth)).join(' | ')} |`);
  out.push(`| ${'model build / train time'.padEnd(width)} | ${rows.map((r) => `${r.trainSeconds.toFixed(1)} s`.padEnd(colWidth)).join(' | ')} |`);
  return out;
}

export const suite: EvalSuite = {
  name: 'classification (KLE, kind, calibration, auto-routing)',
  async run(print) {
    const kleFile = `${kleDir}os2kle-OS2KLE.txt`;
    if (!existsSync(kleFile)) {
      print(`Springer over: ${kleFile} findes ikke (KLE-filerne ligger uden for repositoriet i ../shared/data/kle).`);
      return { ok: true };
    }
    const { entries } = await readKleFile(kleFile);
    const evalSet = readSet('inquiries-eval.jsonl');
    const trainSet = readSet('inquiries-train.jsonl');
    print(
      `KLE: ${entries.length} nodes from os2kle-OS2KLE.txt · eval: ${evalSet.length} items (${evalSet.filter((i) => i.kle).length} with KLE) · train: ${trainSet.length} items`,
    );

    let t = performance.now();
    const zeroShot = Classifier.fromData(buildZeroShotModel(entries));
    const zeroSeconds = (performance.now() - t) / 1000;
    const zeroReport = evaluateClassifier(zeroShot, evalSet);

    t = performance.now();
    const { data, metrics } = trainClassifier({ kle: entries, examples: trainSet });
    const trained = Classifier.fromData(data);
    const trainSeconds = (performance.now() - t) / 1000;
    const trainedReport = evaluateClassifier(trained, evalSet);

    for (const line of table([
      { label: 'zero-shot (KLE only)', report: zeroReport, trainSeconds: zeroSeconds },
      { label: `trained (${trainSet.length} labelled)`, report: trainedReport, trainSeconds },
    ]))
      print(line);
    print('');
    print(
      `Training held-out (${metrics.folds}-fold CV on the training set): subject top-1 ${pct(metrics.subjectTop1)}, group top-1 ${pct(metrics.groupTop1)}, ECE ${metrics.eceBefore.toFixed(3)} → ${metrics.eceAfter.toFixed(3)} after temperature scaling (T = ${metrics.temperature.toFixed(4)}).`,
    );
    // The bar: learning must help, and calibration must not be wild.
    const ok = trainedReport.groupTop1 > zeroReport.groupTop1 && trainedReport.subjectEce < 0.2;
    return { ok };
  },
};
