/**
 * Runs quality suites on their datasets and prints their tables.
 *
 *   npx tsx eval/run.ts                  # every suite in eval/suites/
 *   npx tsx eval/run.ts classification   # the suites whose name contains "classification"
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One quality suite: prints its figures and says whether it met its bar. */
export interface EvalSuite {
  name: string;
  run(print: (line: string) => void): Promise<{ ok: boolean }>;
}

const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.eval.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)));
if (files.length === 0) {
  process.stderr.write(`Ingen eval-suite matcher: ${wanted.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const suite = ((await import(`./suites/${file}`)) as { suite: EvalSuite }).suite;
  process.stdout.write(`\n=== ${suite.name} (eval/suites/${file}) ===\n`);
  const { ok } = await suite.run((line) => process.stdout.write(`${line}\n`));
  if (!ok) failed++;
}
process.exit(failed > 0 ? 1 : 0);
