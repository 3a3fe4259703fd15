import { buildCaseFacts, type CaseFacts, type CaseFactsOptions, filterFacts, groupBy, type MeasurementData, type MeasurementFilter } from './case-facts';
import { seededRandom } from './random';
import { bootstrapMean, type Estimate, fisherExact, medianInterval, proportionDifference, type TestResult, wilsonInterval } from './statistics';
import { formatInterval, formatNumber, formatP, formatPercent, type ReportLanguage } from './text';
import { copenhagenMonth } from './time';

export interface QualityOptions extends Omit<CaseFactsOptions, 'asOf'> {
  period: { from: number; to: number };
  asOf: number;
  filter?: MeasurementFilter;
  minN?: number;
  alpha?: number;
  confidence?: number;
  resamples?: number;
  seed?: number;
  reviewCapMinutes?: number;
}

/** Classification quality of one group (overall, a model version or a month). */
export interface ClassificationQuality {
  key: string;
  /** Cases the model classified. */
  classified: number;
  /** Share of cases a person judged where the person kept the model's KLE code. */
  accuracy: Estimate;
  /** Share of classified cases the model routed on its own. */
  autoRouted: Estimate;
  /** Of the cases the model routed on its own, the share a person later moved. */
  autoRoutedCorrected: Estimate;
}

/** Draft quality of one group (overall, a model and prompt version, or a month). */
export interface DraftQuality {
  key: string;
  drafts: number;
  reviewed: number;
  approvedUnedited: Estimate;
  edited: Estimate;
  rejected: Estimate;
  /** Words changed in drafts that were used (approved or edited). */
  editDistanceWords: Estimate;
  editDistanceMedianWords: Estimate;
  reviewMinutes: Estimate;
}

/** Newest version against the one before it. */
export interface VersionChange {
  from: string;
  to: string;
  metric: 'accuracy' | 'approvedUnedited';
  difference: Estimate;
  test: TestResult | null;
  verdict: 'too_thin' | 'no_measurable_difference' | 'better' | 'worse';
}

export interface QualityReport {
  report: 'quality';
  period: { from: string; to: string; cases: number };
  asOf: string;
  method: { confidence: number; alpha: number; resamples: number; seed: number; minN: number; reviewCapMinutes: number };
  classification: { overall: ClassificationQuality; byVersion: ClassificationQuality[]; byMonth: ClassificationQuality[]; change: VersionChange | null };
  drafts: {
    overall: DraftQuality;
    byVersion: DraftQuality[];
    byMonth: DraftQuality[];
    change: VersionChange | null;
    /** Sentences the grounding check flagged, per draft. */
    groundingFlagsPerDraft: Estimate;
    /** Share of drafts with at least one flagged sentence. */
    draftsWithFlags: Estimate;
  };
  conclusions: string[];
  conclusionsEn: string[];
}

interface UsageDraft {
  version: string;
  month: string;
  at: number;
  decision: string | null;
  editDistance: number | null;
  reviewSeconds: number | null;
}

function classificationQuality(key: string, facts: readonly CaseFacts[], confidence: number): ClassificationQuality {
  const classified = facts.filter((f) => f.ai.isClassified);
  const judged = classified.filter((f) => f.ai.isClassificationCorrect !== null);
  const auto = classified.filter((f) => f.ai.isAutoRouted);
  return {
    key,
    classified: classified.length,
    accuracy: wilsonInterval(judged.filter((f) => f.ai.isClassificationCorrect).length, judged.length, confidence),
    autoRouted: wilsonInterval(auto.length, classified.length, confidence),
    autoRoutedCorrected: wilsonInterval(auto.filter((f) => f.ai.isClassificationCorrect === false).length, auto.length, confidence),
  };
}

function draftQuality(
  key: string,
  drafts: readonly UsageDraft[],
  opts: { rand: () => number; resamples: number; confidence: number; cap: number },
): DraftQuality {
  const reviewed = drafts.filter((d) => d.decision !== null);
  const used = reviewed.filter((d) => d.decision !== 'rejected' && d.editDistance !== null).map((d) => d.editDistance ?? 0);
  const minutes = reviewed.filter((d) => d.reviewSeconds !== null).map((d) => Math.min((d.reviewSeconds ?? 0) / 60, opts.cap));
  const share = (decision: string) => wilsonInterval(reviewed.filter((d) => d.decision === decision).length, reviewed.length, opts.confidence);
  return {
    key,
    drafts: drafts.length,
    reviewed: reviewed.length,
    approvedUnedited: share('approved'),
    edited: share('edited'),
    rejected: share('rejected'),
    editDistanceWords: bootstrapMean(used, opts),
    editDistanceMedianWords: medianInterval(used, opts.confidence),
    reviewMinutes: bootstrapMean(minutes, opts),
  };
}

function versionChange(
  metric: VersionChange['metric'],
  versions: { key: string; yes: number; n: number }[],
  minN: number,
  alpha: number,
  confidence: number,
): VersionChange | null {
  if (versions.length < 2) return null;
  const a = versions[versions.length - 2];
  const b = versions[versions.length - 1];
  if (!a || !b) return null;
  const difference = proportionDifference(b.yes, b.n, a.yes, a.n, confidence);
  if (a.n < minN || b.n < minN) return { from: a.key, to: b.key, metric, difference, test: null, verdict: 'too_thin' };
  const test = fisherExact(b.yes, b.n - b.yes, a.yes, a.n - a.yes);
  const isClear = test.p < alpha && difference.low !== null && difference.high !== null && (difference.low > 0 || difference.high < 0);
  return {
    from: a.key,
    to: b.key,
    metric,
    difference,
    test,
    verdict: isClear ? ((difference.value ?? 0) > 0 ? 'better' : 'worse') : 'no_measurable_difference',
  };
}

/** The AI quality report from the case log's rows. */
export function buildQualityReport(data: MeasurementData, options: QualityOptions): QualityReport {
  const facts = filterFacts(buildCaseFacts(data, options), options.filter);
  return qualityFromFacts(facts, data, options);
}

/**
 * AI quality, live, from what people did with its output: classification accuracy from triage
 * decisions and later corrections, draft acceptance, edit distance, review time and grounding flags,
 * overall, per model/prompt version (in order of first use) and per month, each with its n and interval.
 */
export function qualityFromFacts(facts: readonly CaseFacts[], data: Pick<MeasurementData, 'usage' | 'events'>, options: QualityOptions): QualityReport {
  const seed = options.seed ?? 1;
  const rand = seededRandom(seed);
  const confidence = options.confidence ?? 0.95;
  const resamples = options.resamples ?? 1000;
  const minN = options.minN ?? 20;
  const alpha = options.alpha ?? 0.05;
  const cap = options.reviewCapMinutes ?? 60;
  const opts = { rand, resamples, confidence, cap };
  const { from, to } = options.period;
  const period = facts.filter((f) => f.receivedAt >= from && f.receivedAt < to);
  const ids = new Set(period.map((f) => f.caseId));

  const classified = period.filter((f) => f.ai.isClassified);
  const firstUse = new Map<string, number>();
  for (const f of classified) {
    const v = f.ai.classifierVersion ?? '?';
    firstUse.set(v, Math.min(firstUse.get(v) ?? Number.POSITIVE_INFINITY, f.receivedAt));
  }
  const classVersions = [...groupBy(classified, (f) => f.ai.classifierVersion ?? '?')].sort((a, b) => (firstUse.get(a[0]) ?? 0) - (firstUse.get(b[0]) ?? 0));
  const classByVersion = classVersions.map(([k, list]) => classificationQuality(k, list, confidence));
  const classChange = versionChange(
    'accuracy',
    classVersions.map(([key, list]) => {
      const judged = list.filter((f) => f.ai.isClassificationCorrect !== null);
      return { key, yes: judged.filter((f) => f.ai.isClassificationCorrect).length, n: judged.length };
    }),
    minN,
    alpha,
    confidence,
  );

  const drafts: UsageDraft[] = data.usage
    .filter((u) => u.purpose === 'draft' && u.caseId !== null && ids.has(u.caseId))
    .map((u) => ({
      version: `${u.model ?? u.engine} · ${u.promptId ?? '?'}${u.promptHash ? `@${u.promptHash.slice(0, 8)}` : ''}`,
      month: copenhagenMonth(u.createdAt.getTime()),
      at: u.createdAt.getTime(),
      decision: u.reviewDecision,
      editDistance: u.editDistance,
      reviewSeconds: u.reviewSeconds,
    }))
    .sort((a, b) => a.at - b.at);
  const draftVersions = [...groupBy(drafts, (d) => d.version)];
  const flags = data.events.filter((e) => e.activity === 'draft.created' && ids.has(e.caseId)).map((e) => e.flagged ?? 0);

  const report: QualityReport = {
    report: 'quality',
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cases: period.length },
    asOf: new Date(options.asOf).toISOString(),
    method: { confidence, alpha, resamples, seed, minN, reviewCapMinutes: cap },
    classification: {
      overall: classificationQuality('*', period, confidence),
      byVersion: classByVersion,
      byMonth: [...groupBy(classified, (f) => f.month)].sort((a, b) => a[0].localeCompare(b[0])).map(([k, list]) => classificationQuality(k, list, confidence)),
      change: classChange,
    },
    drafts: {
      overall: draftQuality('*', drafts, opts),
      byVersion: draftVersions.map(([k, list]) => draftQuality(k, list, opts)),
      byMonth: [...groupBy(drafts, (d) => d.month)].sort((a, b) => a[0].localeCompare(b[0])).map(([k, list]) => draftQuality(k, list, opts)),
      change: versionChange(
        'approvedUnedited',
        draftVersions.map(([key, list]) => {
          const reviewed = list.filter((d) => d.decision !== null);
          return { key, yes: reviewed.filter((d) => d.decision === 'approved').length, n: reviewed.length };
        }),
        minN,
        alpha,
        confidence,
      ),
      groundingFlagsPerDraft: bootstrapMean(flags, opts),
      draftsWithFlags: wilsonInterval(flags.filter((f) => f > 0).length, flags.length, confidence),
    },
    conclusions: [],
    conclusionsEn: [],
  };
  report.conclusions = qualityConclusions(report, 'da');
  report.conclusionsEn = qualityConclusions(report, 'en');
  return report;
}

/** The quality report in plain words. */
export function qualityConclusions(report: QualityReport, lang: ReportLanguage): string[] {
  const da = lang === 'da';
  const pct = (v: number) => formatPercent(v, lang);
  const num = (v: number, d = 1) => formatNumber(v, lang, d);
  const out: string[] = [];
  const c = report.classification.overall;
  if (c.classified === 0) {
    out.push(da ? 'Ingen sager i perioden er sorteret af AI.' : 'No case in the period was sorted by AI.');
  } else if (c.accuracy.n === 0) {
    out.push(
      da
        ? `AI sorterede ${c.classified} sager, men ingen person har taget stilling til sorteringen endnu, så nøjagtigheden kendes ikke.`
        : `AI sorted ${c.classified} cases, but no person has judged the sorting yet, so its accuracy is unknown.`,
    );
  } else {
    out.push(
      da
        ? `Sortering: af ${c.accuracy.n} sager, hvor en person tog stilling, beholdt personen modellens KLE-emne i ${pct(c.accuracy.value ?? 0)} (${formatInterval(c.accuracy, lang, pct)}).${c.autoRoutedCorrected.n > 0 ? ` ${pct(c.autoRoutedCorrected.value ?? 0)} af de ${c.autoRoutedCorrected.n} sager, modellen selv fordelte, blev siden flyttet.` : ''} Nøjagtigheden bygger kun på sager, en person har set på; selvfordelte sager, ingen har rettet, tæller ikke med.`
        : `Sorting: of ${c.accuracy.n} cases a person judged, the person kept the model's KLE subject in ${pct(c.accuracy.value ?? 0)} (${formatInterval(c.accuracy, lang, pct)}).${c.autoRoutedCorrected.n > 0 ? ` ${pct(c.autoRoutedCorrected.value ?? 0)} of the ${c.autoRoutedCorrected.n} cases the model routed on its own were moved later.` : ''} Accuracy rests only on cases a person looked at; self-routed cases nobody corrected do not count.`,
    );
  }
  const d = report.drafts.overall;
  if (d.reviewed > 0) {
    out.push(
      da
        ? `Udkast: af ${d.reviewed} gennemsete AI-udkast blev ${pct(d.approvedUnedited.value ?? 0)} sendt uændret (${formatInterval(d.approvedUnedited, lang, pct)}), ${pct(d.edited.value ?? 0)} rettet og ${pct(d.rejected.value ?? 0)} forkastet. Brugte udkast blev rettet med ${num(d.editDistanceWords.value ?? 0)} ord i gennemsnit (${formatInterval(d.editDistanceWords, lang, (v) => num(v))}); gennemsynet tog ${num(d.reviewMinutes.value ?? 0)} minutter i gennemsnit.`
        : `Drafts: of ${d.reviewed} reviewed AI drafts, ${pct(d.approvedUnedited.value ?? 0)} were sent unchanged (${formatInterval(d.approvedUnedited, lang, pct)}), ${pct(d.edited.value ?? 0)} edited and ${pct(d.rejected.value ?? 0)} rejected. Used drafts were changed by ${num(d.editDistanceWords.value ?? 0)} words on average (${formatInterval(d.editDistanceWords, lang, (v) => num(v))}); review took ${num(d.reviewMinutes.value ?? 0)} minutes on average.`,
    );
  } else {
    out.push(da ? 'Ingen AI-udkast er gennemset i perioden.' : 'No AI draft was reviewed in the period.');
  }
  const g = report.drafts.groundingFlagsPerDraft;
  if (g.n > 0) {
    out.push(
      da
        ? `Groundingtjekket markerede i gennemsnit ${num(g.value ?? 0, 2)} sætninger pr. udkast uden belæg i kilderne (${formatInterval(g, lang, (v) => num(v, 2))}; n = ${g.n}); ${pct(report.drafts.draftsWithFlags.value ?? 0)} af udkastene havde mindst én.`
        : `The grounding check flagged ${num(g.value ?? 0, 2)} sentences without support in the sources per draft on average (${formatInterval(g, lang, (v) => num(v, 2))}; n = ${g.n}); ${pct(report.drafts.draftsWithFlags.value ?? 0)} of the drafts had at least one.`,
    );
  }
  for (const change of [report.classification.change, report.drafts.change]) {
    if (!change) continue;
    const what =
      change.metric === 'accuracy'
        ? da
          ? 'sorteringens nøjagtighed'
          : 'sorting accuracy'
        : da
          ? 'andelen af uændrede udkast'
          : 'the share of unchanged drafts';
    const diff = `${num((change.difference.value ?? 0) * 100, 0)} ${da ? 'procentpoint' : 'percentage points'}`;
    const text =
      change.verdict === 'too_thin'
        ? da
          ? `For få bedømte sager til at sige, om ${change.to} er bedre end ${change.from} på ${what}.`
          : `Too few judged cases to say whether ${change.to} is better than ${change.from} on ${what}.`
        : change.verdict === 'no_measurable_difference'
          ? da
            ? `${change.to} mod ${change.from}: ingen målbar forskel på ${what} (${diff}; ${formatInterval(change.difference, lang, (v) => num(v * 100, 0))}).`
            : `${change.to} against ${change.from}: no measurable difference in ${what} (${diff}; ${formatInterval(change.difference, lang, (v) => num(v * 100, 0))}).`
          : da
            ? `${change.to} er ${change.verdict === 'better' ? 'bedre' : 'dårligere'} end ${change.from} på ${what}: ${diff} (${formatInterval(change.difference, lang, (v) => num(v * 100, 0))}; ${formatP(change.test?.p ?? 1, lang)}).`
            : `${change.to} is ${change.verdict === 'better' ? 'better' : 'worse'} than ${change.from} on ${what}: ${diff} (${formatInterval(change.difference, lang, (v) => num(v * 100, 0))}; ${formatP(change.test?.p ?? 1, lang)}).`;
    out.push(text);
  }
  return out;
}
