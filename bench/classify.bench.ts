/**
 * Mail-sorting speed and accuracy, side by side with fastText (Debian package `fasttext`) trained on
 * the same labelled data, evaluated on the same items:
 *
 *   npx tsx bench/classify.bench.ts
 *   taskset -c 0 npx tsx bench/classify.bench.ts      # pinned to one core
 *
 * Data: KLE from ../shared/data/kle/os2kle-OS2KLE.txt; eval/datasets/inquiries-{train,eval}.jsonl.
 * Throughput is measured in one thread over the eval items repeated, as items per second of wall
 * time and of CPU time (the CPU figure is what one core delivers when the machine is shared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildZeroShotModel, Classifier, kleGroupOf, type LabelledExample, parseJsonlItems, readKleFile, trainClassifier, words } from '@ekspedit/ai';

const kleFile = fileURLToPath(new URL('../../shared/data/kle/os2kle-OS2KLE.txt', import.meta.url));
const datasets = fileURLToPath(new URL('../eval/datasets/', import.meta.url));
const repeat = 20;

function read(name: string): LabelledExample[] {
  return parseJsonlItems(readFileSync(join(datasets, name), 'utf8'), { labelled: true }).items;
}

interface Accuracy {
  groupTop1: number;
  subjectTop1: number;
  subjectTop3: number;
}

function accuracy(gold: string[], predicted: string[][]): Accuracy {
  let g1 = 0;
  let s1 = 0;
  let s3 = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? [];
    if (p[0] && kleGroupOf(p[0]) === kleGroupOf(g)) g1++;
    if (p[0] === g) s1++;
    if (p.slice(0, 3).includes(g)) s3++;
  });
  return { groupTop1: g1 / gold.length, subjectTop1: s1 / gold.length, subjectTop3: s3 / gold.length };
}

function measure(f: () => void): { wallSeconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  f();
  const used = process.cpuUsage(cpu);
  return { wallSeconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

const line = (text: string) => words(text).join(' ');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main() {
  if (!existsSync(kleFile)) {
    process.stdout.write(`Springer over: ${kleFile} findes ikke.\n`);
    return;
  }
  const { entries } = await readKleFile(kleFile);
  const train = read('inquiries-train.jsonl');
  const evalItems = read('inquiries-eval.jsonl').filter((i) => i.kle);
  const gold = evalItems.map((i) => i.kle ?? '');
  const rows: { system: string; acc: Accuracy; trainSeconds: number; itemsPerSecWall: number; itemsPerSecCpu: number | null }[] = [];

  // Ours, zero-shot and trained.
  let zeroData: ReturnType<typeof buildZeroShotModel> | null = null;
  const zeroBuild = measure(() => {
    zeroData = buildZeroShotModel(entries);
  });
  let trainedData: ReturnType<typeof trainClassifier>['data'] | null = null;
  const trainTime = measure(() => {
    trainedData = trainClassifier({ kle: entries, examples: train }).data;
  });
  for (const [system, data, build] of [
    ['Ekspedit zero-shot (KLE only)', zeroData, zeroBuild],
    ['Ekspedit trained', trainedData, trainTime],
  ] as const) {
    if (!data) continue;
    const classifier = Classifier.fromData(data);
    const predicted = evalItems.map((i) => {
      const r = classifier.classify(i);
      return [r.kle, ...r.alternatives.map((a) => a.kle)];
    });
    // Warm the JIT and the stem cache before timing, as a server would be.
    for (const i of evalItems) classifier.classify(i);
    const speed = measure(() => {
      for (let r = 0; r < repeat; r++) for (const i of evalItems) classifier.classify(i);
    });
    const n = evalItems.length * repeat;
    rows.push({
      system,
      acc: accuracy(gold, predicted),
      trainSeconds: build.wallSeconds,
      itemsPerSecWall: n / speed.wallSeconds,
      itemsPerSecCpu: n / speed.cpuSeconds,
    });
  }

  // fastText on the same files, in a temp dir, one thread.
  const fastTextRows: typeof rows = [];
  const hasFasttext = spawnSync('sh', ['-c', 'command -v fasttext']).status === 0;
  if (!hasFasttext) process.stdout.write('fasttext er ikke installeret (apt-get install fasttext): sammenligningen springes over.\n');
  const dir = mkdtempSync(join(tmpdir(), 'ekspedit-fasttext-'));
  try {
    if (hasFasttext) {
      const trainLines = train.filter((i) => i.kle).map((i) => `__label__${i.kle} ${line(`${i.subject} ${i.body}`)}`);
      writeFileSync(join(dir, 'train.txt'), `${trainLines.join('\n')}\n`);
      const testText = `${evalItems.map((i) => line(`${i.subject} ${i.body}`)).join('\n')}\n`;
      writeFileSync(join(dir, 'eval.txt'), testText);
      writeFileSync(join(dir, 'eval-x.txt'), testText.repeat(repeat));
      // fastText is sensitive to its settings on a small set: we try a small grid and report the
      // defaults and the best setting *on the eval set itself*, which favours fastText.
      const grid: string[][] = [];
      for (const epoch of ['50', '100'])
        for (const lr of ['0.5', '1.0']) grid.push(['-epoch', epoch, '-lr', lr, '-wordNgrams', '2', '-minn', '3', '-maxn', '5', '-dim', '50']);
      const configs: [string, string, string[]][] = [
        ['fastText defaults', 'train.txt', []],
        ...grid.map((g): [string, string, string[]] => [`fastText ${g.join(' ')}`, 'train.txt', g]),
      ];
      for (const [system, file, args] of configs) {
        const model = join(dir, 'model');
        let t = performance.now();
        const trained = spawnSync('fasttext', ['supervised', '-input', join(dir, file), '-output', model, '-thread', '1', '-seed', '1', ...args], {
          encoding: 'utf8',
        });
        const trainSeconds = (performance.now() - t) / 1000;
        if (trained.status !== 0) throw new Error(`fasttext supervised: ${trained.stderr}`);
        const predicted = spawnSync('fasttext', ['predict', `${model}.bin`, join(dir, 'eval.txt'), '3'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
          .stdout.trim()
          .split('\n')
          .map((l) => l.split(' ').map((x) => x.replace('__label__', '')));
        t = performance.now();
        const timed = spawnSync('fasttext', ['predict', `${model}.bin`, join(dir, 'eval-x.txt'), '3'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const predictSeconds = (performance.now() - t) / 1000;
        if (timed.status !== 0) throw new Error(`fasttext predict: ${timed.stderr}`);
        fastTextRows.push({
          system,
          acc: accuracy(gold, predicted),
          trainSeconds,
          itemsPerSecWall: (evalItems.length * repeat) / predictSeconds,
          itemsPerSecCpu: null,
        });
      }
      const [defaults, ...tuned] = fastTextRows;
      if (defaults) rows.push(defaults);
      const best = tuned.sort((a, b) => b.acc.subjectTop1 - a.acc.subjectTop1)[0];
      if (best) rows.push({ ...best, system: `${best.system} (best of ${tuned.length}, tuned on eval)` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const out = process.stdout;
  out.write(
    `\nKLE subjects: ${entries.filter((e) => e.level === 3).length} · train: ${train.filter((i) => i.kle).length} labelled items · eval: ${evalItems.length} items with KLE · timed over ${repeat}× the eval set\n\n`,
  );
  out.write('| system | group top-1 | subject top-1 | subject top-3 | train / build | items/s (wall) | items/s (CPU) |\n|---|---|---|---|---|---|---|\n');
  for (const r of rows) {
    out.write(
      `| ${r.system} | ${pct(r.acc.groupTop1)} | ${pct(r.acc.subjectTop1)} | ${pct(r.acc.subjectTop3)} | ${r.trainSeconds.toFixed(2)} s | ${r.itemsPerSecWall.toFixed(0)} | ${r.itemsPerSecCpu === null ? '(process incl. model load)' : r.itemsPerSecCpu.toFixed(0)} |\n`,
    );
  }
}

await main();
