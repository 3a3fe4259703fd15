import { buildCaseFacts, type CaseFacts, type CaseFactsOptions, filterFacts, groupBy, type MeasurementData, type MeasurementFilter } from './case-facts';
import { seededRandom } from './random';
import {
  bootstrapDifference,
  bootstrapMean,
  chiSquareTest,
  type Estimate,
  excludesZero,
  fisherExact,
  holm,
  kruskalWallis,
  mannWhitney,
  mean,
  proportionDifference,
  type TestResult,
  wilsonInterval,
} from './statistics';
import { formatInterval, formatNumber, formatP, formatPercent, type ReportLanguage } from './text';

/** What the bias report compares across groups. */
export type BiasMetric = 'classificationCorrect' | 'firstResponseDays' | 'closeDays' | 'deadlineMet' | 'draftAccepted' | 'replyWords' | 'replyTone';

export interface BiasThresholds {
  /** Alert when a share differs by at least this much (default 0.05 = 5 percentage points). */
  share: number;
  /** Alert when a time differs by at least this share of the others' mean (default 0.2). */
  relativeTime: number;
  /** Alert when reply length differs by at least this share (default 0.2). */
  relativeLength: number;
  /** Alert when the tone (−1…+1) differs by at least this much (default 0.1). */
  tone: number;
}

export interface BiasOptions extends Omit<CaseFactsOptions, 'asOf'> {
  period: { from: number; to: number };
  asOf: number;
  filter?: MeasurementFilter;
  /** Keys of `CaseFacts.attributes` to compare by (default language, channel, district). */
  attributes?: string[];
  metrics?: BiasMetric[];
  /** Fewest cases a group (and the rest) needs for a test (default 20). */
  minN?: number;
  alpha?: number;
  confidence?: number;
  resamples?: number;
  seed?: number;
  thresholds?: Partial<BiasThresholds>;
}

export type BiasVerdict = 'too_thin' | 'no_measurable_difference' | 'small_difference' | 'alert';

/** One group against everyone else, on one metric. */
export interface GroupComparison {
  attribute: string;
  metric: BiasMetric;
  group: string;
  unit: 'share' | 'working_days' | 'words' | 'tone';
  value: Estimate;
  rest: Estimate;
  /** group − rest. */
  difference: Estimate;
  relative: number | null;
  test: TestResult | null;
  /** Cliff's delta (continuous metrics): P(group > rest) − P(group < rest). */
  cliffsDelta: number | null;
  pAdjusted: number | null;
  verdict: BiasVerdict;
  /** Is the group worse off (slower, less accurate, fewer deadlines met, fewer drafts accepted, harsher tone)? Length has no better side. */
  isWorse: boolean | null;
}

export interface AttributeResult {
  attribute: string;
  groups: { group: string; cases: number }[];
  /** Omnibus test across the groups that are large enough (chi-square or Kruskal–Wallis), per metric. */
  overall: { metric: BiasMetric; test: TestResult | null; groups: number }[];
  comparisons: GroupComparison[];
}

export interface BiasReport {
  report: 'bias';
  period: { from: string; to: string; cases: number };
  asOf: string;
  method: { confidence: number; alpha: number; correction: 'holm'; tests: number; resamples: number; seed: number; minN: number; thresholds: BiasThresholds };
  attributes: AttributeResult[];
  alerts: GroupComparison[];
  conclusions: string[];
  conclusionsEn: string[];
}

const metricSpec: Record<
  BiasMetric,
  | { kind: 'share'; pick: (f: CaseFacts) => boolean | null; unit: 'share' }
  | { kind: 'number'; pick: (f: CaseFacts) => number | null; unit: GroupComparison['unit']; isLowerBetter: boolean | null }
> = {
  classificationCorrect: { kind: 'share', pick: (f) => f.ai.isClassificationCorrect, unit: 'share' },
  firstResponseDays: { kind: 'number', pick: (f) => (f.isMature ? f.firstResponseDays : null), unit: 'working_days', isLowerBetter: true },
  closeDays: { kind: 'number', pick: (f) => (f.isMature ? f.closeDays : null), unit: 'working_days', isLowerBetter: true },
  deadlineMet: { kind: 'share', pick: (f) => (f.isMature ? f.isDeadlineMet : null), unit: 'share' },
  draftAccepted: { kind: 'share', pick: (f) => (f.ai.draftDecision === null ? null : f.ai.draftDecision === 'approved'), unit: 'share' },
  replyWords: { kind: 'number', pick: (f) => f.reply?.words ?? null, unit: 'words', isLowerBetter: null },
  // The lexicon is Danish: tone is compared among replies to Danish inquiries only.
  replyTone: { kind: 'number', pick: (f) => (f.language === 'da' ? (f.reply?.tone ?? null) : null), unit: 'tone', isLowerBetter: false },
};

const metricNames: Record<BiasMetric, [string, string]> = {
  classificationCorrect: ['sorteringens nøjagtighed', 'sorting accuracy'],
  firstResponseDays: ['tid til første svar', 'time to first response'],
  closeDays: ['tid til afslutning', 'time to close'],
  deadlineMet: ['andel besvaret inden fristen', 'share answered by the deadline'],
  draftAccepted: ['andel AI-udkast sendt uændret', 'share of AI drafts sent unchanged'],
  replyWords: ['svarets længde', 'length of the reply'],
  replyTone: ['svarets tone', 'tone of the reply'],
};

const attributeNames: Record<string, [string, string]> = {
  language: ['sprog', 'language'],
  channel: ['kanal', 'channel'],
  district: ['bydel', 'district'],
  ageBand: ['aldersgruppe', 'age band'],
  gender: ['køn', 'gender'],
};

/** The bias report from the case log's rows. */
export function buildBiasReport(data: MeasurementData, options: BiasOptions): BiasReport {
  return biasFromFacts(filterFacts(buildCaseFacts(data, options), options.filter), options);
}

/**
 * Compares groups of citizens (by language, channel, district, or any lawfully known attribute)
 * on how they were treated: each group against everyone else, with Fisher's exact test for shares
 * and Mann–Whitney for times, lengths and tone, Holm's correction over every test in the report,
 * and an alert where a difference is both significant and larger than its threshold.
 */
export function biasFromFacts(facts: readonly CaseFacts[], options: BiasOptions): BiasReport {
  const seed = options.seed ?? 1;
  const rand = seededRandom(seed);
  const confidence = options.confidence ?? 0.95;
  const resamples = options.resamples ?? 1000;
  const minN = options.minN ?? 20;
  const alpha = options.alpha ?? 0.05;
  const thresholds: BiasThresholds = { share: 0.05, relativeTime: 0.2, relativeLength: 0.2, tone: 0.1, ...options.thresholds };
  const opts = { rand, resamples, confidence };
  const { from, to } = options.period;
  const period = facts.filter((f) => f.receivedAt >= from && f.receivedAt < to);
  const attributes = options.attributes ?? ['language', 'channel', 'district'];
  const metrics = options.metrics ?? (Object.keys(metricSpec) as BiasMetric[]);

  const results: AttributeResult[] = attributes.map((attribute) => {
    const known = period.filter((f) => f.attributes[attribute] !== null && f.attributes[attribute] !== undefined);
    const byGroup = [...groupBy(known, (f) => String(f.attributes[attribute]))].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const comparisons: GroupComparison[] = [];
    const overall: AttributeResult['overall'] = [];
    for (const metric of metrics) {
      const spec = metricSpec[metric];
      if (attribute === 'language' && metric === 'replyTone') continue;
      if (spec.kind === 'share') {
        const tallies = byGroup.map(([group, list]) => {
          let yes = 0;
          let n = 0;
          for (const f of list) {
            const v = spec.pick(f);
            if (v === null) continue;
            n++;
            if (v) yes++;
          }
          return { group, yes, n };
        });
        const total = tallies.reduce((s, t) => ({ yes: s.yes + t.yes, n: s.n + t.n }), { yes: 0, n: 0 });
        const large = tallies.filter((t) => t.n >= minN);
        overall.push({ metric, test: large.length >= 2 ? chiSquareTest(large.map((t) => [t.yes, t.n - t.yes])) : null, groups: large.length });
        if (tallies.length < 2) continue;
        // With two groups, "a against the rest" and "b against the rest" are one test: keep the smaller group's.
        for (const t of tallies.length === 2 ? tallies.slice(1) : tallies) {
          const rest = { yes: total.yes - t.yes, n: total.n - t.n };
          const isThin = t.n < minN || rest.n < minN;
          const difference = proportionDifference(t.yes, t.n, rest.yes, rest.n, confidence);
          const restShare = rest.n > 0 ? rest.yes / rest.n : 0;
          comparisons.push({
            attribute,
            metric,
            group: t.group,
            unit: 'share',
            value: wilsonInterval(t.yes, t.n, confidence),
            rest: wilsonInterval(rest.yes, rest.n, confidence),
            difference,
            relative: restShare > 0 && difference.value !== null ? difference.value / restShare : null,
            test: isThin ? null : fisherExact(t.yes, t.n - t.yes, rest.yes, rest.n - rest.yes),
            cliffsDelta: null,
            pAdjusted: null,
            verdict: 'too_thin',
            isWorse: difference.value === null ? null : difference.value < 0,
          });
        }
      } else {
        const samples = byGroup.map(([group, list]) => {
          const xs: number[] = [];
          for (const f of list) {
            const v = spec.pick(f);
            if (v !== null && Number.isFinite(v)) xs.push(v);
          }
          return { group, xs };
        });
        const large = samples.filter((s) => s.xs.length >= minN);
        overall.push({ metric, test: large.length >= 2 ? kruskalWallis(large.map((s) => s.xs)) : null, groups: large.length });
        if (samples.length < 2) continue;
        for (const s of samples.length === 2 ? samples.slice(1) : samples) {
          const rest = samples.filter((o) => o !== s).flatMap((o) => o.xs);
          const isThin = s.xs.length < minN || rest.length < minN;
          const difference = isThin
            ? { value: s.xs.length && rest.length ? mean(s.xs) - mean(rest) : null, low: null, high: null, n: Math.min(s.xs.length, rest.length) }
            : bootstrapDifference(s.xs, rest, opts);
          const restMean = mean(rest);
          const mw = isThin ? null : mannWhitney(s.xs, rest);
          comparisons.push({
            attribute,
            metric,
            group: s.group,
            unit: spec.unit,
            value: isThin ? { value: s.xs.length ? mean(s.xs) : null, low: null, high: null, n: s.xs.length } : bootstrapMean(s.xs, opts),
            rest: isThin ? { value: rest.length ? restMean : null, low: null, high: null, n: rest.length } : bootstrapMean(rest, opts),
            difference,
            relative: difference.value !== null && restMean !== 0 && Number.isFinite(restMean) ? difference.value / Math.abs(restMean) : null,
            test: mw ? { test: mw.test, statistic: mw.statistic, p: mw.p } : null,
            cliffsDelta: mw ? mw.cliffsDelta : null,
            pAdjusted: null,
            verdict: 'too_thin',
            isWorse: spec.isLowerBetter === null || difference.value === null ? null : spec.isLowerBetter ? difference.value > 0 : difference.value < 0,
          });
        }
      }
    }
    return { attribute, groups: byGroup.map(([group, list]) => ({ group, cases: list.length })), overall, comparisons };
  });

  const all = results.flatMap((r) => r.comparisons);
  const tested = all.filter((c) => c.test !== null);
  const adjusted = holm(tested.map((c) => c.test?.p ?? 1));
  tested.forEach((c, i) => {
    c.pAdjusted = adjusted[i] ?? 1;
    const isSignificant = c.pAdjusted < alpha && excludesZero(c.difference);
    if (!isSignificant) {
      c.verdict = 'no_measurable_difference';
      return;
    }
    const d = Math.abs(c.difference.value ?? 0);
    const r = Math.abs(c.relative ?? 0);
    const isLarge =
      c.unit === 'share'
        ? d >= thresholds.share
        : c.unit === 'working_days'
          ? r >= thresholds.relativeTime
          : c.unit === 'words'
            ? r >= thresholds.relativeLength
            : d >= thresholds.tone;
    c.verdict = isLarge ? 'alert' : 'small_difference';
  });

  const report: BiasReport = {
    report: 'bias',
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), cases: period.length },
    asOf: new Date(options.asOf).toISOString(),
    method: { confidence, alpha, correction: 'holm', tests: tested.length, resamples, seed, minN, thresholds },
    attributes: results,
    // Groups worse off first, then the surest findings.
    alerts: all
      .filter((c) => c.verdict === 'alert')
      .sort((a, b) => Number(b.isWorse === true) - Number(a.isWorse === true) || (a.pAdjusted ?? 1) - (b.pAdjusted ?? 1)),
    conclusions: [],
    conclusionsEn: [],
  };
  report.conclusions = biasConclusions(report, 'da');
  report.conclusionsEn = biasConclusions(report, 'en');
  return report;
}

/** The bias report in plain words: where a group is treated measurably differently, by how much, and how sure we are. */
export function biasConclusions(report: BiasReport, lang: ReportLanguage): string[] {
  const da = lang === 'da';
  const out: string[] = [];
  const num = (v: number, d = 1) => formatNumber(v, lang, d);
  const pct = (v: number) => formatPercent(v, lang);
  const attr = (a: string) => attributeNames[a]?.[da ? 0 : 1] ?? a;
  const m = report.method;
  out.push(
    da
      ? `Vi har lavet ${m.tests} sammenligninger, hver gruppe mod alle andre (${report.attributes.map((a) => attr(a.attribute)).join(', ')}), og korrigeret for, at mange test giver tilfældige udslag (Holm). En forskel nævnes kun, når den er sikker på ${pct(1 - m.alpha)}-niveau efter korrektionen.`
      : `We made ${m.tests} comparisons, each group against everyone else (${report.attributes.map((a) => attr(a.attribute)).join(', ')}), and corrected for chance findings among many tests (Holm). A difference is named only when it holds at the ${pct(1 - m.alpha)} level after the correction.`,
  );
  const format = (c: GroupComparison, v: number) =>
    c.unit === 'share'
      ? pct(v)
      : c.unit === 'working_days'
        ? `${num(v)} ${da ? 'arbejdsdage' : 'working days'}`
        : c.unit === 'words'
          ? `${num(v, 0)} ${da ? 'ord' : 'words'}`
          : num(v, 2);
  const describe = (c: GroupComparison) => {
    const [nameDa, nameEn] = metricNames[c.metric];
    const diff =
      c.unit === 'share' ? `${num((c.difference.value ?? 0) * 100, 0)} ${da ? 'procentpoint' : 'percentage points'}` : format(c, c.difference.value ?? 0);
    const interval = formatInterval(c.difference, lang, (v) => (c.unit === 'share' ? num(v * 100, 0) : num(v, c.unit === 'tone' ? 2 : 1)));
    return da
      ? `${attr(c.attribute)} «${c.group}»: ${nameDa} ${format(c, c.value.value ?? 0)} mod ${format(c, c.rest.value ?? 0)} for de øvrige (forskel ${diff}; ${interval}; n = ${c.value.n} mod ${c.rest.n}; ${formatP(c.pAdjusted ?? 1, lang)} efter korrektion)`
      : `${attr(c.attribute)} “${c.group}”: ${nameEn} ${format(c, c.value.value ?? 0)} against ${format(c, c.rest.value ?? 0)} for the others (difference ${diff}; ${interval}; n = ${c.value.n} against ${c.rest.n}; ${formatP(c.pAdjusted ?? 1, lang)} after correction)`;
  };
  for (const c of report.alerts) {
    out.push(
      da
        ? `ALARM – ${describe(c)}. ${c.isWorse === true ? 'Gruppen er dårligere stillet.' : c.isWorse === false ? 'Gruppen er bedre stillet end de øvrige.' : 'Forskellen er over tærsklen.'} Undersøg årsagen, før der konkluderes på forskelsbehandling: forskellen kan skyldes, hvilke slags sager gruppen sender.`
        : `ALERT – ${describe(c)}. ${c.isWorse === true ? 'The group is worse off.' : c.isWorse === false ? 'The group is better off than the others.' : 'The difference is above the threshold.'} Look into the cause before concluding on unequal treatment: the difference may come from the kinds of cases the group sends.`,
    );
  }
  const small = report.attributes.flatMap((a) => a.comparisons).filter((c) => c.verdict === 'small_difference');
  for (const c of small) {
    out.push(
      da ? `Lille, men sikker forskel (under alarmtærsklen) – ${describe(c)}.` : `Small but reliable difference (below the alert threshold) – ${describe(c)}.`,
    );
  }
  if (report.alerts.length === 0 && small.length === 0) {
    out.push(
      da
        ? 'Vi fandt ingen målbar forskel i behandlingen af grupperne. Det betyder ikke, at der ingen forskel er – kun at den ikke kan skelnes fra tilfældigheder med de data, der er.'
        : 'We found no measurable difference in how the groups were treated. That does not mean there is none – only that it cannot be told from chance with the data there is.',
    );
  }
  for (const a of report.attributes) {
    if (a.groups.length < 2) {
      out.push(
        da
          ? `${capitalise(attr(a.attribute))}: kun én gruppe${a.groups[0] ? ` («${a.groups[0].group}»)` : ''} i perioden, så der er intet at sammenligne.`
          : `${capitalise(attr(a.attribute))}: only one group${a.groups[0] ? ` (“${a.groups[0].group}”)` : ''} in the period, so there is nothing to compare.`,
      );
      continue;
    }
    const thin = a.groups.filter((g) => g.cases < m.minN);
    if (thin.length > 0) {
      out.push(
        da
          ? `${capitalise(attr(a.attribute))}: for få sager (under ${m.minN}) til at sige noget om ${thin.map((g) => `«${g.group}» (n = ${g.cases})`).join(', ')}.`
          : `${capitalise(attr(a.attribute))}: too few cases (under ${m.minN}) to say anything about ${thin.map((g) => `“${g.group}” (n = ${g.cases})`).join(', ')}.`,
      );
    }
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
