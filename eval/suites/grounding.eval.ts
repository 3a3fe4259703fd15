/**
 * Grounding check quality. 30 correct answers (eval/datasets/grounding-answers.jsonl) are checked
 * against the documents they were written from; then errors are planted one at a time — a changed
 * number, a changed date, a fact swapped in from another rule, a changed or invented § reference,
 * a sentence about something else — and we count how many planted sentences are flagged, and how
 * many correct sentences are flagged. Targets: ≥ 95 % of planted errors, ≤ 10 % of correct sentences.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkGrounding, type GroundingPassage, prepareSource, splitSentences } from '@ekspedit/ai';
import type { EvalSuite } from '../run';

const dataDir = fileURLToPath(new URL('../datasets/', import.meta.url));

interface Answer {
  id: string;
  files: string[];
  answer: string;
}

const offTopic = [
  'Kommunen tilbyder gratis parkering for elbiler i hele midtbyen i weekenden.',
  'Du kan altid få et nyt sygesikringskort sendt med posten uden beregning.',
  'Svømmehallen holder åbent til midnat alle fredage i skoleferierne.',
  'Alle borgere over 60 år får automatisk tilbud om gratis rengøring hver uge.',
  'Kommunen refunderer udgifter til privat snerydning på private fællesveje.',
  'Biblioteket udlåner også cykler og trailere til borgere med lånerkort.',
  'Du kan få tilskud til nye vinduer, hvis dit hus er bygget før 1960.',
  'Hundeejere skal betale et årligt hundegebyr til kommunen.',
];

const numberToken = /(?<![\d§.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\d§.,/-])\d+(?:,\d+)?(?![\d.,]\d)/;

/** A different number in the same written style. */
function changeNumber(raw: string): string {
  const n = Number(raw.replace(/\./g, '').replace(',', '.'));
  const changed = n >= 10 ? Math.round(n * 1.5) : n + 2;
  const text = Number.isInteger(changed) ? String(changed) : String(changed).replace('.', ',');
  return raw.includes('.') ? text.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : text;
}

type Planted = { kind: string; sentence: string; replaceIndex: number | null };

/** The planted variants of one answer: each changes or adds exactly one sentence. */
function plant(sentences: string[], others: string[], seed: number): Planted[] {
  const out: Planted[] = [];
  const withNumber = sentences.findIndex((s) =>
    numberToken.test(
      s.replace(/§\s*\d+\s?[a-z]?/g, '§').replace(/\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/g, ''),
    ),
  );
  if (withNumber >= 0) {
    const s = sentences[withNumber] ?? '';
    const masked = s
      .replace(/§\s*\d+\s?[a-z]?/g, (m) => '#'.repeat(m.length))
      .replace(/\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/g, (m) => '#'.repeat(m.length));
    const m = numberToken.exec(masked);
    if (m) {
      out.push({ kind: 'changed number', sentence: s.slice(0, m.index) + changeNumber(m[0]) + s.slice(m.index + m[0].length), replaceIndex: withNumber });
      // Swapped fact: a number that is true elsewhere in the knowledge base, put into this rule.
      const foreign = others.map((o) => numberToken.exec(o)?.[0]).find((x) => x && x !== m[0]);
      if (foreign) out.push({ kind: 'swapped fact', sentence: s.slice(0, m.index) + foreign + s.slice(m.index + m[0].length), replaceIndex: withNumber });
    }
  }
  const withDate = sentences.findIndex((s) => /\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/.test(s));
  if (withDate >= 0) {
    const s = sentences[withDate] ?? '';
    out.push({
      kind: 'changed date',
      sentence: s.replace(
        /(\d{1,2})\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)/,
        (_m, d: string, mo: string) => `${(Number(d) % 25) + 3}. ${mo}`,
      ),
      replaceIndex: withDate,
    });
  }
  const withRef = sentences.findIndex((s) => /§\s*\d+/.test(s));
  if (withRef >= 0) {
    const s = sentences[withRef] ?? '';
    out.push({ kind: 'changed reference', sentence: s.replace(/§\s*(\d+)/, (_m, n: string) => `§ ${Number(n) + 7}`), replaceIndex: withRef });
  }
  out.push({ kind: 'invented reference', sentence: `Det fremgår af § ${200 + seed} i lov om social service.`, replaceIndex: null });
  out.push({ kind: 'off-topic sentence', sentence: offTopic[seed % offTopic.length] ?? '', replaceIndex: null });
  return out;
}

export const suite: EvalSuite = {
  name: 'Grounding: planted errors flagged, correct sentences flagged',
  async run(print) {
    const answers = readFileSync(`${dataDir}grounding-answers.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Answer);
    const passagesOf = new Map<string, GroundingPassage[]>();
    for (const a of answers) {
      for (const file of a.files) {
        if (passagesOf.has(file)) continue;
        const prepared = await prepareSource({ filename: file, content: new Uint8Array(readFileSync(`${dataDir}knowledge-base/${file}`)) });
        passagesOf.set(
          file,
          prepared.chunks.map((c) => ({ sourceId: file, chunkId: `${file}#${c.ordinal}`, title: prepared.title, headingPath: c.headingPath, text: c.text })),
        );
      }
    }
    let correct = 0;
    let correctFlagged = 0;
    const planted: Record<string, { n: number; flagged: number }> = {};
    const misses: string[] = [];
    const falseFlags: string[] = [];
    answers.forEach((a, ai) => {
      const sources = a.files.flatMap((f) => passagesOf.get(f) ?? []);
      const sentences = splitSentences(a.answer).map((s) => s.text);
      const base = checkGrounding({ text: a.answer, sources });
      for (const s of base.sentences) {
        correct++;
        if (!s.supported) {
          correctFlagged++;
          falseFlags.push(`${a.id}: [${s.flags.join(',')}] ${s.text}`);
        }
      }
      const others = answers.filter((_, j) => j !== ai).map((o) => o.answer);
      for (const p of plant(sentences, others.slice(ai % others.length).concat(others), ai)) {
        const variant = [...sentences];
        let index: number;
        if (p.replaceIndex === null) {
          index = Math.min(1, variant.length);
          variant.splice(index, 0, p.sentence);
        } else {
          index = p.replaceIndex;
          variant[index] = p.sentence;
        }
        const report = checkGrounding({ text: variant.join(' '), sources });
        const target = report.sentences.find((s) => s.text === p.sentence) ?? report.sentences[index];
        const bucket = planted[p.kind] ?? { n: 0, flagged: 0 };
        bucket.n++;
        if (target && !target.supported) bucket.flagged++;
        else misses.push(`${a.id} ${p.kind}: ${p.sentence}`);
        planted[p.kind] = bucket;
      }
    });
    const totalPlanted = Object.values(planted).reduce((s, b) => s + b.n, 0);
    const totalFlagged = Object.values(planted).reduce((s, b) => s + b.flagged, 0);
    print(`${answers.length} answers, ${correct} correct sentences, ${totalPlanted} planted errors`);
    print('planted error          n   flagged');
    for (const [kind, b] of Object.entries(planted)) print(`${kind.padEnd(20)} ${String(b.n).padStart(3)}   ${((100 * b.flagged) / b.n).toFixed(1)} %`);
    const plantedShare = totalFlagged / totalPlanted;
    const falseShare = correctFlagged / correct;
    print(`all planted errors flagged:     ${(100 * plantedShare).toFixed(1)} %  (target ≥ 95 %)`);
    print(`correct sentences flagged:      ${(100 * falseShare).toFixed(1)} %  (target ≤ 10 %)`);
    for (const m of misses.slice(0, 10)) print(`  missed: ${m}`);
    for (const f of falseFlags.slice(0, 10)) print(`  false flag: ${f}`);
    return { ok: plantedShare >= 0.95 && falseShare <= 0.1 };
  },
};
