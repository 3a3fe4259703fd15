/**
 * Consultation analysis speed, offline: 1,000 responses (target: under 30 s on this machine).
 *
 *   npx tsx bench/consult.bench.ts                 # 1,000 responses
 *   npx tsx bench/consult.bench.ts --size 5000     # more
 *
 * The responses are made by recombining the sentences of eval/datasets/consultation/responses.jsonl
 * (1–8 sentences from random responses, seeded), with 10 % near-copies of the dataset's campaign
 * letters (a name changed, a sentence dropped), so campaign detection has real work. Two runs:
 * mapping to the dataset's 9 themes (--themes) and discovery without themes. Each is timed in wall
 * and CPU seconds (the CPU figure is what one core does when the machine is shared).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeConsultationOffline, type ConsultationResponse, parseResponsesJsonl, respondentTypes, splitSentences, themeListSchema } from '@ekspedit/ai';
import { seededRandom as random } from '@ekspedit/core';

const { values } = parseArgs({ options: { size: { type: 'string' } } });
const size = Number(values.size ?? 1000);
const dir = 'eval/datasets/consultation';

const raw = readFileSync(`${dir}/responses.jsonl`, 'utf8');
const { responses: dataset } = parseResponsesJsonl(raw);
const campaignTexts = raw
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; campaign: string | null })
  .filter((l) => l.campaign)
  .map((l) => l.text);
const themes = themeListSchema.parse(JSON.parse(readFileSync(`${dir}/themes.json`, 'utf8')));
const sentences = dataset.flatMap((r) => splitSentences(r.text).map((s) => s.text));
const names = ['Anne', 'Bo', 'Carsten', 'Dorthe', 'Emil', 'Freja', 'Gitte', 'Hans', 'Ida', 'Jonas'];
const rnd = random(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const responses: ConsultationResponse[] = Array.from({ length: size }, (_, i) => {
  let text: string;
  if (rnd() < 0.1) {
    const parts = pick(campaignTexts).split('\n\n');
    if (parts.length > 3 && rnd() < 0.5) parts.splice(1 + Math.floor(rnd() * (parts.length - 2)), 1);
    text = `${parts.join('\n\n')}\n${pick(names)} ${pick(names)}sen`;
  } else {
    const n = 1 + Math.floor(rnd() * 8);
    text = Array.from({ length: n }, () => pick(sentences)).join(' ');
  }
  return { id: `B${String(i + 1).padStart(5, '0')}`, text, respondentType: pick(respondentTypes) };
});

function measure<T>(f: () => T): { result: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = f();
  const used = process.cpuUsage(cpu);
  return { result, wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const words = responses.reduce((s, r) => s + r.text.split(/\s+/).length, 0);
process.stdout.write(`${size} responses, ${words} words (recombined from ${dataset.length} responses of the consultation dataset)\n\n`);
process.stdout.write('run                                   wall s   cpu s   themes  campaigns (copies)\n');
let slowest = 0;
for (const [name, options] of [
  ['offline, mapping to 9 given themes', { themes }],
  ['offline, discovering themes', {}],
] as const) {
  const { result, wall, cpu } = measure(() => analyzeConsultationOffline(responses, options));
  slowest = Math.max(slowest, wall);
  const copies = result.campaigns.reduce((s, c) => s + c.size, 0);
  process.stdout.write(
    `${name.padEnd(36)} ${wall.toFixed(2).padStart(7)} ${cpu.toFixed(2).padStart(7)} ${String(result.themes.length).padStart(8)}  ${result.campaigns.length} (${copies})\n`,
  );
}
const rss = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`\npeak RSS ${rss.toFixed(0)} MB; slowest run ${slowest.toFixed(1)} s for ${size} responses (target for 1,000: < 30 s)\n`);
if (size === 1000 && slowest >= 30) process.exitCode = 1;
