/**
 * Process-mining speed, side by side with pm4py in the same run:
 *   1. import + variants + DFG of the Road Traffic Fines log (561,470 events);
 *   2. alignments of the receipt log on pm4py's own inductive-miner net (reference/receipt.im.pnml).
 * Each step runs in a fresh child process so that its peak RSS is its own.
 *
 *   npx tsx bench/mining.bench.ts
 *   PM4PY_SRC=/tmp/pm4py npx tsx bench/mining.bench.ts      # with pm4py (Debian python3 + packages)
 *
 * Logs are read from ../shared/event-logs relative to the repository root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignLog, getDfg, getVariants, readPnml, readXes } from '@ekspedit/mining';

const logsDir = fileURLToPath(new URL('../../shared/event-logs/', import.meta.url));
const finesPath = join(logsDir, 'Road_Traffic_Fine_Management_Process.xes.gz');
const receiptPath = join(logsDir, 'receipt.xes.gz');
const receiptNetPath = join(logsDir, 'reference', 'receipt.im.pnml');

interface StepResult {
  seconds: number;
  parts: Record<string, number>;
  maxRssMb: number;
  check: string;
}

function seconds(from: number): number {
  return (performance.now() - from) / 1000;
}

function peakRssMb(): number {
  // maxRSS is in kilobytes on Linux.
  return process.resourceUsage().maxRSS / 1024;
}

async function runOwnStep(step: string): Promise<StepResult> {
  if (step === 'fines') {
    const t0 = performance.now();
    const log = await readXes(finesPath);
    const tImport = seconds(t0);
    const t1 = performance.now();
    const variants = getVariants(log).variants.length;
    const tVariants = seconds(t1);
    const t2 = performance.now();
    const edges = getDfg(log).length;
    const tDfg = seconds(t2);
    return {
      seconds: tImport + tVariants + tDfg,
      parts: { import: tImport, variants: tVariants, dfg: tDfg },
      maxRssMb: peakRssMb(),
      check: `${log.activities.length} events, ${variants} variants, ${edges} DFG edges`,
    };
  }
  const log = await readXes(receiptPath);
  const model = await readPnml(receiptNetPath);
  const t0 = performance.now();
  const result = alignLog(log, model);
  const t = seconds(t0);
  return { seconds: t, parts: { alignments: t }, maxRssMb: peakRssMb(), check: `log fitness ${result.logFitness.toFixed(6)}` };
}

function runChild(step: string): StepResult {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--step', step], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`step ${step} failed: ${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as StepResult;
}

const PM4PY_SCRIPT = `
import sys, time, json, resource, os
sys.path.insert(0, os.environ['PM4PY_SRC'])
import pm4py
step = sys.argv[1]
if step == 'fines':
    t0 = time.perf_counter(); log = pm4py.read_xes(sys.argv[2]); t1 = time.perf_counter()
    v = pm4py.get_variants(log); t2 = time.perf_counter()
    d = pm4py.discover_dfg(log); t3 = time.perf_counter()
    parts = {'import': t1 - t0, 'variants': t2 - t1, 'dfg': t3 - t2}
    check = '%d events, %d variants, %d DFG edges' % (len(log), len(v), len(d[0]))
else:
    log = pm4py.read_xes(sys.argv[2]); net, im, fm = pm4py.read_pnml(sys.argv[3])
    t0 = time.perf_counter(); f = pm4py.fitness_alignments(log, net, im, fm); t1 = time.perf_counter()
    parts = {'alignments': t1 - t0}
    check = 'log fitness %.6f' % f['log_fitness']
print(json.dumps({'seconds': sum(parts.values()), 'parts': parts, 'check': check,
                  'maxRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function pythonExecutable(): string {
  // pm4py needs numpy, pandas, lxml… which Debian's python3 has; a pyenv shim usually does not.
  return process.env.PM4PY_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

function runPm4py(step: string, args: string[]): StepResult | string {
  const src = process.env.PM4PY_SRC;
  if (!src || !existsSync(join(src, 'pm4py'))) return 'not found';
  const dir = mkdtempSync(join(tmpdir(), 'ekspedit-bench-'));
  const script = join(dir, 'pm4py_step.py');
  writeFileSync(script, PM4PY_SCRIPT);
  const child = spawnSync(pythonExecutable(), [script, step, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PM4PY_SHOW_PROGRESS_BAR: 'False' },
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) return `failed: ${(child.stderr || child.error?.message || '').trim().split('\n').at(-1)}`;
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as StepResult;
}

function format(result: StepResult): string {
  const parts = Object.entries(result.parts)
    .map(([k, v]) => `${k} ${v.toFixed(3)} s`)
    .join(', ');
  return `${result.seconds.toFixed(3)} s (${parts}); peak RSS ${result.maxRssMb.toFixed(0)} MB; ${result.check}`;
}

async function main(): Promise<void> {
  const stepIndex = process.argv.indexOf('--step');
  if (stepIndex >= 0) {
    const result = await runOwnStep(process.argv[stepIndex + 1] ?? '');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (!existsSync(finesPath) || !existsSync(receiptPath)) {
    process.stdout.write(`Event logs not found in ${logsDir}; nothing to measure.\n`);
    return;
  }
  process.stdout.write(`mining bench — node ${process.version}, logs from ${logsDir}\n`);
  const steps: { name: string; step: string; pm4pyArgs: string[] }[] = [
    { name: 'Fines log (561,470 events): import + variants + DFG', step: 'fines', pm4pyArgs: [finesPath] },
    { name: 'Receipt log: alignments on reference/receipt.im.pnml', step: 'align', pm4pyArgs: [receiptPath, receiptNetPath] },
  ];
  let isPm4pyMissing = false;
  for (const { name, step, pm4pyArgs } of steps) {
    process.stdout.write(`\n${name}\n`);
    const own = runChild(step);
    process.stdout.write(`  Ekspedit: ${format(own)}\n`);
    const peer = runPm4py(step, pm4pyArgs);
    if (typeof peer === 'string') {
      isPm4pyMissing ||= peer === 'not found';
      process.stdout.write(`  pm4py:    ${peer}\n`);
      continue;
    }
    process.stdout.write(`  pm4py:    ${format(peer)}\n`);
    process.stdout.write(
      `  ratio:    Ekspedit is ${(peer.seconds / own.seconds).toFixed(1)}× faster, using ${(peer.maxRssMb / own.maxRssMb).toFixed(1)}× less peak memory\n`,
    );
  }
  if (isPm4pyMissing) {
    process.stdout.write(
      '\npm4py was not found. To compare: put a pm4py source checkout somewhere (e.g. /tmp/pm4py), install its\n' +
        'dependencies from Debian (apt-get install python3-numpy python3-pandas python3-lxml python3-networkx\n' +
        'python3-scipy python3-intervaltree python3-deprecation python3-dateutil python3-tz python3-tqdm) and run\n' +
        '  PM4PY_SRC=/tmp/pm4py npx tsx bench/mining.bench.ts   (PM4PY_PYTHON selects the interpreter)\n',
    );
  }
}

await main();
