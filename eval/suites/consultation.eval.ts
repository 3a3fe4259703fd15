/**
 * Consultation analysis on a consultation written for Ekspedit (eval/datasets/consultation/: closing
 * a village school, 105 responses, 9 themes, two campaigns), offline and — when EKSPEDIT_LLM_* names
 * an endpoint — with the model:
 *   - mapping to the true themes given as --themes: sample-averaged F1 with a 95 % bootstrap interval;
 *   - stance accuracy (and per stance);
 *   - theme discovery without themes: best-match Jaccard, purity, NMI, F1 after relabelling;
 *   - campaign detection: pairwise precision and recall.
 * Bar (offline): campaign precision and recall ≥ 0.9, mapping F1 ≥ 0.6, stance accuracy ≥ 0.6.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeConsultation,
  bootstrapMeanInterval,
  type ConsultationAnalysis,
  type ConsultationResponse,
  campaignPairScores,
  createOpenAiProvider,
  discoveryQuality,
  llmConfigFromEnv,
  parseResponsesJsonl,
  type Stance,
  setF1,
  stances,
  type ThemeInput,
  themeListSchema,
} from '@ekspedit/ai';
import type { EvalSuite } from '../run';

const dir = fileURLToPath(new URL('../datasets/consultation/', import.meta.url));

/** A response of the dataset with its true labels. */
export interface LabelledResponse {
  id: string;
  text: string;
  respondent_type: string;
  themes: string[];
  stance: Stance;
  campaign: string | null;
}

/** The dataset: labelled responses, the responses as the engine reads them, the true themes, the proposal. */
export function loadConsultationDataset(): { labelled: LabelledResponse[]; responses: ConsultationResponse[]; themes: ThemeInput[]; proposal: string } {
  const raw = readFileSync(`${dir}responses.jsonl`, 'utf8');
  const labelled = raw
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LabelledResponse);
  const { responses, errors } = parseResponsesJsonl(raw);
  if (errors.length) throw new Error(`dataset: ${errors.map((e) => e.message).join('; ')}`);
  const themes = themeListSchema.parse(JSON.parse(readFileSync(`${dir}themes.json`, 'utf8')));
  return { labelled, responses, themes, proposal: readFileSync(`${dir}proposal.md`, 'utf8') };
}

const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The figures of one analysis against the truth. */
export function measure(labelled: readonly LabelledResponse[], mapped: ConsultationAnalysis, discovered: ConsultationAnalysis | null) {
  const gold = new Map(labelled.map((l) => [l.id, l]));
  const f1s = mapped.responses.map((r) => setF1(r.themes, gold.get(r.id)?.themes ?? []));
  const f1 = f1s.reduce((s, x) => s + x, 0) / f1s.length;
  const stanceHits = mapped.responses.filter((r) => gold.get(r.id)?.stance === r.stance).length;
  const perStance = Object.fromEntries(
    stances.map((s) => {
      const truth = labelled.filter((l) => l.stance === s);
      const hit = truth.filter((l) => mapped.responses.find((r) => r.id === l.id)?.stance === s).length;
      return [s, { n: truth.length, recall: truth.length ? hit / truth.length : 0 }];
    }),
  );
  const perTheme = mapped.themes.map((t) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of mapped.responses) {
      const p = r.themes.includes(t.id);
      const g = gold.get(r.id)?.themes.includes(t.id) ?? false;
      if (p && g) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    return { id: t.id, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), keyphrases: t.keyphrases };
  });
  const goldCampaigns = [...new Set(labelled.map((l) => l.campaign).filter((c): c is string => !!c))].map((c) =>
    labelled.filter((l) => l.campaign === c).map((l) => l.id),
  );
  const campaigns = campaignPairScores(
    mapped.campaigns.map((c) => c.ids),
    goldCampaigns,
  );
  const discovery = discovered
    ? discoveryQuality(
        discovered.responses.map((r) => ({ id: r.id, themes: r.themes })),
        labelled.map((l) => ({ id: l.id, themes: l.themes })),
      )
    : null;
  const majority = Math.max(...stances.map((s) => labelled.filter((l) => l.stance === s).length)) / labelled.length;
  return {
    f1,
    interval: bootstrapMeanInterval(f1s),
    stanceAccuracy: stanceHits / mapped.responses.length,
    majority,
    perStance,
    perTheme,
    campaigns,
    discovery,
  };
}

function printFigures(print: (line: string) => void, name: string, m: ReturnType<typeof measure>, discovered: ConsultationAnalysis | null, seconds: number) {
  print(`— ${name} (${seconds.toFixed(1)} s)`);
  print(`mapping to the 9 true themes (--themes): sample-averaged F1 ${f2(m.f1)} (95 % bootstrap interval ${f2(m.interval[0])}–${f2(m.interval[1])})`);
  print('  theme          precision  recall  learnt words');
  for (const t of m.perTheme) print(`  ${t.id.padEnd(14)} ${f2(t.precision).padStart(9)}  ${f2(t.recall).padStart(6)}  ${t.keyphrases.slice(0, 5).join(', ')}`);
  print(
    `stance accuracy ${pct(m.stanceAccuracy)} (always the commonest stance: ${pct(m.majority)}); recall per true stance: ${Object.entries(m.perStance)
      .map(([s, v]) => `${s} ${pct(v.recall)} (n=${v.n})`)
      .join(', ')}`,
  );
  print(
    `campaigns: ${m.campaigns.predictedPairs} predicted pairs, ${m.campaigns.goldPairs} true pairs; pairwise precision ${pct(m.campaigns.precision)}, recall ${pct(m.campaigns.recall)}`,
  );
  if (m.discovery && discovered) {
    const d = m.discovery;
    print(
      `discovery without themes: ${d.discovered} themes proposed for ${d.known} true; best-match Jaccard true→proposed ${f2(d.knownBestMatch)}, proposed→true ${f2(d.discoveredBestMatch)}; purity ${f2(d.purity)}; NMI ${f2(d.nmi)}; F1 after relabelling ${f2(d.relabelledF1)}`,
    );
    for (const match of d.matches) {
      const theme = discovered.themes.find((t) => t.id === match.discovered);
      print(`  ${match.discovered.padEnd(8)} ${(theme?.name ?? '').padEnd(42)} → ${match.known.padEnd(13)} Jaccard ${f2(match.jaccard)}`);
    }
  }
}

export const suite: EvalSuite = {
  name: 'Consultation analysis: mapping F1, stance, theme discovery and campaigns (offline; with the model when configured)',
  async run(print) {
    const { labelled, responses, themes, proposal } = loadConsultationDataset();
    print(
      `${responses.length} responses (${labelled.filter((l) => l.campaign).length} in ${new Set(labelled.map((l) => l.campaign).filter(Boolean)).size} campaigns), ${themes.length} themes, ${labelled.reduce((s, l) => s + l.themes.length, 0)} true theme labels`,
    );
    let t = performance.now();
    const mapped = await analyzeConsultation(responses, { themes });
    const discovered = await analyzeConsultation(responses, {});
    const offline = measure(labelled, mapped, discovered);
    printFigures(print, 'offline', offline, discovered, (performance.now() - t) / 1000);

    const config = llmConfigFromEnv(process.env);
    if (!config) print('— with a model: skipped (EKSPEDIT_LLM_BASE_URL is not set)');
    else {
      const llm = createOpenAiProvider(config);
      t = performance.now();
      const llmMapped = await analyzeConsultation(responses, { themes, llm, trust: config.trust, proposal });
      const llmDiscovered = await analyzeConsultation(responses, { llm, trust: config.trust, proposal });
      const m = measure(labelled, llmMapped, llmDiscovered);
      printFigures(print, `with the model ${config.model} at ${config.baseUrl}`, m, llmDiscovered, (performance.now() - t) / 1000);
      const info = llmMapped.llm;
      if (info)
        print(
          `  model calls ${info.calls} (failed ${info.failedCalls}), tokens in ${info.tokensIn}, out ${info.tokensOut}, responses mapped offline ${info.offlineFallbacks}`,
        );
    }
    return { ok: offline.campaigns.precision >= 0.9 && offline.campaigns.recall >= 0.9 && offline.f1 >= 0.6 && offline.stanceAccuracy >= 0.6 };
  },
};
