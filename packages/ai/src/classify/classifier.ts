import { kleGroupOf } from '../kle/types';
import { withoutInjections } from '../safety';
import { detectLanguage } from '../text/language';
import { stripQuotedReply } from '../text/normalize';
import { words } from '../text/tokenize';
import { type Analysis, cueText } from './features';
import { type KindModelData, kindCues, kindFeatures, matchCues, predictKind } from './kind';
import { priorityFromCues } from './priority';
import { type KleNode, type ScoreComponents, type ScoreParams, ScoringIndex, type StoredExample, softmax, topIndices } from './scoring';
import { type ClassifyInput, type ExplanationItem, type ItemClassification, type KindLabel, splitKindLabel, toCaseKind } from './types';

/** Share of an item's words the model must know before its confidence counts in full. */
const EVIDENCE_COVERAGE = 0.6;

/** The stored form of a classifier: everything needed to rebuild it, as JSON (classifier_models.model). */
export interface ClassifierModelData {
  format: 'ekspedit-classifier/1';
  version: string;
  createdAt: string;
  kle: KleNode[];
  examples: StoredExample[];
  params: ScoreParams;
  kind: KindModelData;
  metrics: Record<string, unknown>;
}

const kindNames: Record<KindLabel, string> = {
  question: 'spørgsmål',
  complaint: 'klage',
  access_request: 'aktindsigt',
  application: 'ansøgning',
  problem_report: 'fejlmelding',
  appointment: 'tidsbestilling',
  politician_question: 'politikerspørgsmål',
  newsletter: 'nyhedsbrev',
  spam: 'spam',
  invoice: 'faktura',
  auto_reply: 'autosvar',
};

/** Subjects and groups best first, as indices into the model's lists, with probabilities. */
export interface Ranking {
  subjects: { index: number; probability: number }[];
  groups: { index: number; probability: number }[];
}

const links = /\b(?:https?:\/\/|www\.)/g;
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

// Words only Danish (not Norwegian or Swedish) uses, and the Norwegian and Swedish words that stand in
// their place. Two of the first and none of the second settle the language without running franc.
const danishOnly = new Set([
  'af',
  'mig',
  'dig',
  'hvad',
  'hvornår',
  'bliver',
  'blevet',
  'meget',
  'noget',
  'sig',
  'igen',
  'hej',
  'nu',
  'fået',
  'været',
  'gerne',
  'tak',
  'venlig',
  'venlige',
  'hjælp',
  'børn',
  'spørgsmål',
  'søge',
  'købt',
]);
const notDanish = new Set([
  'ikkje',
  'av',
  'meg',
  'deg',
  'etter',
  'blir',
  'hva',
  'nå',
  'noe',
  'seg',
  'hei',
  'mye',
  'igjen',
  'jag',
  'inte',
  'och',
  'är',
  'mycket',
  'vad',
  'hur',
]);

function analysisWords(input: ClassifyInput): string[] {
  return words(`${input.subject} ${input.body.slice(0, 400)}`);
}

/** True when a text is Danish beyond doubt from its function words (the common case, and a cheap one). */
export function isPlainlyDanish(tokens: readonly string[]): boolean {
  let danish = 0;
  for (const t of tokens) {
    if (notDanish.has(t)) return false;
    if (danishOnly.has(t)) danish++;
  }
  return danish >= 2;
}

/**
 * What sorting reads of an item: the body without quoted earlier mails, and subject and body without
 * instructions planted for the language tools, so that no one can route a case or raise its priority
 * from inside the mail (a person still reads the whole mail and can change both).
 */
export function readableItem(input: ClassifyInput): ClassifyInput {
  return { subject: withoutInjections(input.subject), body: withoutInjections(stripQuotedReply(input.body)) };
}

/** The text the model reads of an item: subject and body as `readableItem` leaves them. */
export function itemText(input: ClassifyInput): string {
  const item = readableItem(input);
  return `${item.subject}\n${item.body}`;
}

/**
 * A loaded classifier: KLE subject and group, kind, priority and language of an item, with a
 * calibrated confidence, alternatives and an explanation. Pure and synchronous; one instance serves
 * many requests, and a retrain builds a new instance rather than changing this one.
 */
export class Classifier {
  readonly index: ScoringIndex;
  private readonly titles: Map<string, string>;

  private constructor(readonly data: ClassifierModelData) {
    this.index = new ScoringIndex(data.kle, data.examples, data.params);
    this.titles = new Map(data.kle.map((n) => [n.code, n.title]));
  }

  /** Builds the searchable index from stored model data (about a second for the full KLE). */
  static fromData(data: ClassifierModelData): Classifier {
    if (data.format !== 'ekspedit-classifier/1') throw new Error(`Ukendt modelformat: ${String(data.format)}`);
    return new Classifier(data);
  }

  /** The model's version label. */
  get version(): string {
    return this.data.version;
  }

  /** The title of a KLE code the model knows. */
  titleOf(code: string): string | undefined {
    return this.titles.get(code);
  }

  /** Analyses the text of an item as the model does. */
  analyze(input: ClassifyInput): Analysis {
    return this.index.analyzer.analyze(itemText(input));
  }

  /** Subject probabilities from score components at the model's temperature. */
  probabilities(
    components: Pick<ScoreComponents, 'subject' | 'group' | 'knn' | 'knnGroup'>,
    temperature = this.data.params.temperature,
    reuse = false,
  ): Float64Array {
    if (!reuse) return softmax(this.index.combine(components), temperature);
    const buffer = this.index.scoreBuffer();
    return softmax(this.index.combine(components, this.data.params, buffer), temperature, buffer);
  }

  /**
   * Ranks subjects and groups. The group is decided first (the sum of its subjects' probabilities),
   * then the subject inside it, because routing to a unit needs the group more than the subject.
   */
  rank(
    components: Pick<ScoreComponents, 'subject' | 'group' | 'knn' | 'knnGroup'>,
    temperature = this.data.params.temperature,
    reuse = false,
    groupTemperature = this.data.params.groupTemperature ?? temperature,
  ): Ranking {
    const { groups, groupOfSubject } = this.index;
    const scores = reuse ? this.index.combine(components, this.data.params, this.index.scoreBuffer()) : this.index.combine(components);
    // One pass gives subject probabilities at T and group probabilities at the group's own temperature:
    // summing many small subject probabilities calibrates differently from the single best subject.
    let max = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < scores.length; s++) if ((scores[s] ?? 0) > max) max = scores[s] ?? 0;
    const probs = scores;
    const groupProbs = new Float64Array(groups.length);
    // Most subjects share no feature with an item and score exactly 0: their exp() is one number.
    const e0 = Math.exp(-max / temperature);
    const eg0 = groupTemperature === temperature ? e0 : Math.exp(-max / groupTemperature);
    let sum = 0;
    let groupSum = 0;
    for (let s = 0; s < scores.length; s++) {
      const v = scores[s] ?? 0;
      const e = v === 0 ? e0 : Math.exp((v - max) / temperature);
      const eg = v === 0 ? eg0 : groupTemperature === temperature ? e : Math.exp((v - max) / groupTemperature);
      const g = groupOfSubject[s] ?? 0;
      groupProbs[g] = (groupProbs[g] ?? 0) + eg;
      groupSum += eg;
      probs[s] = e;
      sum += e;
    }
    for (let s = 0; s < probs.length; s++) probs[s] = (probs[s] ?? 0) / sum;
    for (let g = 0; g < groupProbs.length; g++) groupProbs[g] = (groupProbs[g] ?? 0) / groupSum;
    const topGroups = topIndices(groupProbs, 3);
    const bestGroup = topGroups[0] ?? 0;
    let best = -1;
    for (let s = 0; s < probs.length; s++) if (groupOfSubject[s] === bestGroup && (best < 0 || (probs[s] ?? 0) > (probs[best] ?? 0))) best = s;
    const rest = topIndices(probs, 4).filter((s) => s !== best);
    return {
      subjects: [best, ...rest].slice(0, 4).map((index) => ({ index, probability: probs[index] ?? 0 })),
      groups: topGroups.map((index) => ({ index, probability: groupProbs[index] ?? 0 })),
    };
  }

  /** Classifies one item. Never logs or keeps its text. */
  classify(input: ClassifyInput): ItemClassification {
    const item = readableItem(input);
    const analysis = this.index.analyzer.analyze(`${item.subject}\n${item.body}`);
    const components = this.index.components(analysis, true);
    const { subjects: rankedSubjects, groups: rankedGroups } = this.rank(components, this.data.params.temperature, true);
    const top = rankedSubjects[0] ?? { index: 0, probability: 0 };
    const kle = this.index.subjects[top.index] ?? '';
    // A softmax can be sure of its best guess even when most words are unknown to the model (a new
    // topic); confidence is then scaled by how much of the item the model recognises, so such items
    // go to a person instead of being routed on one shared word.
    const distinct = [...new Set(analysis.stems)].filter((s) => s.length >= 3);
    const known = distinct.filter((s) => this.index.knowsStem(s)).length;
    const evidence = distinct.length === 0 ? 0 : Math.min(1, known / distinct.length / EVIDENCE_COVERAGE);

    const text = cueText(item.subject, item.body);
    const cues = matchCues(text);
    const kindProbs = predictKind(this.data.kind, kindFeatures(analysis, cues, (text.match(links) ?? []).length));
    const kindIndex = topIndices(kindProbs, 1)[0] ?? 0;
    const label = this.data.kind.labels[kindIndex] ?? 'question';
    const { kind, notCaseType } = splitKindLabel(label);

    return {
      kle,
      kleGroup: kleGroupOf(kle),
      // Shrunk towards a uniform guess by how little of the item the model recognises.
      confidence: round(top.probability * evidence + (1 - evidence) / Math.max(1, this.index.subjects.length)),
      groupConfidence: round((rankedGroups[0]?.probability ?? 0) * evidence + (1 - evidence) / Math.max(1, this.index.groups.length)),
      alternatives: rankedSubjects.slice(1, 4).map((s) => ({ kle: this.index.subjects[s.index] ?? '', confidence: round(s.probability) })),
      groupAlternatives: rankedGroups.slice(1).map((g) => ({ kleGroup: this.index.groups[g.index] ?? '', confidence: round(g.probability) })),
      kind,
      notCaseType,
      kindConfidence: round(kindProbs[kindIndex] ?? 0),
      caseKind: toCaseKind(kind),
      priority: priorityFromCues(text, kind),
      // The first few hundred characters tell the language as well as the whole mail, at a fraction of the cost.
      language: isPlainlyDanish(analysisWords(item)) ? 'da' : detectLanguage(`${item.subject}. ${item.body.slice(0, 400)}`),
      explanation: this.explain(analysis, components, top.index, label, cues.includes(label) ? (kindCues[label].exec(text)?.[0] ?? null) : null),
      modelVersion: this.data.version,
    };
  }

  /** The words that weighed most for the chosen subject, the nearest labelled cases, and the kind cue. */
  private explain(analysis: Analysis, components: ScoreComponents, subject: number, label: KindLabel, cue: string | null): ExplanationItem[] {
    const { index } = this;
    const { params } = this.data;
    const group = index.groupOfSubject[subject] ?? 0;
    const code = index.subjects[subject] ?? '';
    const contributions = new Map<string, number>();
    const { ids, values } = components.query;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      const name = index.featureName(id);
      // Character n-grams explain nothing to a person; their weight goes to no word.
      if (name.startsWith('c:')) continue;
      const w = (values[i] ?? 0) * (params.subject * index.weightOf(id, subject, 'subject') + params.group * index.weightOf(id, group, 'group'));
      if (w <= 0) continue;
      const term = name
        .slice(2)
        .split(' ')
        .map((stem) => analysis.surface.get(stem) ?? stem)
        .join(' ');
      contributions.set(term, (contributions.get(term) ?? 0) + w);
    }
    const total = [...contributions.values()].reduce((a, b) => a + b, 0) || 1;
    const title = this.titles.get(code) ?? code;
    const out: ExplanationItem[] = [...contributions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([term, w]) => ({ type: 'term', term, weight: round(w / total, 3), text: `»${term}« peger på ${code} ${title}` }));
    for (const n of components.neighbours.slice(0, 3)) {
      const example = index.examples[n.index];
      if (!example) continue;
      out.push({
        type: 'case',
        id: example.id,
        kle: example.kle,
        similarity: round(n.similarity, 3),
        text: `ligner tidligere sag ${example.id}${example.kle ? ` (${example.kle})` : ''}`,
      });
    }
    if (cue) out.push({ type: 'cue', cue: cue.trim(), text: `»${cue.trim()}« tyder på ${kindNames[label]}` });
    return out;
  }
}
