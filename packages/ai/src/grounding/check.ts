import { isStopword, stemDanish, tokenize } from '../text';
import { findHandlingClaims, type HandlingClaim } from './claims';
import { extractFacts, type FactIndex, hasDate, hasLink, indexFacts, type SentenceFacts } from './facts';
import { type SentenceSpan, splitSentences } from './sentences';

/** A passage a text may be grounded in: a chunk of the knowledge base, a standard letter, an uploaded file. */
export interface GroundingPassage {
  sourceId: string;
  chunkId: string;
  title: string;
  headingPath?: string;
  text: string;
  page?: number | null;
}

export const groundingFlagTypes = [
  'unsupported',
  'contradicted',
  'fabricated_number',
  'fabricated_date',
  'fabricated_reference',
  'injected_link',
  'injected_phone',
  'foreign_personal_data',
  'unsupported_decision',
  'unsupported_promise',
] as const;
export type GroundingFlag = (typeof groundingFlagTypes)[number];

/** Where a sentence's support was found: the passage and the exact excerpt. */
export interface Citation {
  sourceId: string;
  chunkId: string;
  title: string;
  headingPath: string;
  excerpt: string;
  page: number | null;
  /** Weighted share of the sentence's words found in the passage, 0–1. */
  score: number;
}

export interface GroundedSentence {
  text: string;
  start: number;
  end: number;
  citations: Citation[];
  supported: boolean;
  flags: GroundingFlag[];
  /** `courtesy`: greetings, thanks and sign-offs, which claim nothing and need no source. */
  kind: 'claim' | 'courtesy';
  /** Best support score, 0–1. */
  score: number;
  /** The values behind fact flags ("number 450"), for the reviewer; never personal data. */
  reasons: string[];
}

export interface GroundingReport {
  sentences: GroundedSentence[];
  supportedShare: number;
  flagCounts: Partial<Record<GroundingFlag, number>>;
}

export interface GroundingInput {
  text: string;
  sources: readonly GroundingPassage[];
  /** Chunk ids the writer cited, per sentence index; checked first. */
  citedChunkIds?: readonly (readonly string[])[];
  /** Pre-split sentences (e.g. from structured model output); otherwise `text` is split. */
  sentences?: readonly SentenceSpan[];
  /**
   * Values the case itself vouches for: the party's name, e-mail, phone, address, the case number,
   * today's date. They may appear in a draft without a source.
   */
  trusted?: readonly string[];
}

/** Tunable thresholds; defaults chosen on eval/datasets/grounding (see eval/suites/grounding.eval.ts). */
export interface GroundingOptions {
  /** Weighted coverage at which a sentence counts as supported by a passage. */
  supportThreshold: number;
  /** Coverage a source sentence must have for a fact in it to vouch for the draft sentence. */
  bindThreshold: number;
  /** Coverage above which a differing fact or negation reads as a contradiction rather than an invention. */
  contradictionThreshold: number;
  /** Coverage a source sentence making the same claim about the case (decided, urgent, forwarded) must have to vouch for it. */
  claimThreshold: number;
}

export const defaultGroundingOptions: GroundingOptions = { supportThreshold: 0.5, bindThreshold: 0.3, contradictionThreshold: 0.6, claimThreshold: 0.8 };

const courtesyPatterns = [
  /^(kære|hej|goddag|dear|hello|hi)\b/i,
  /^(med )?venlig(e)? hilsen|^mvh\b|^(kind|best) regards|^regards|^sincerely|^yours/i,
  /^(mange )?tak for\b|^thank you|^thanks\b/i,
  /^(du er|you are) (altid )?velkommen til at\b/i,
  /^(hvis du har|har du) (flere |yderligere |andre )?spørgsmål|^if you have (any )?(further |more )?questions/i,
  /^(svaret|dette svar|udkastet)( nedenfor)? er sammensat|^this (answer|draft) (below )?is (composed|compiled)/i,
  /^vi har (modtaget|registreret) din henvendelse|^we have received your/i,
  /^(vi|we) (vender|will) (tilbage|get back)|^en sagsbehandler vender tilbage/i,
];

const stemsOf = (text: string): string[] => [
  ...new Set(
    tokenize(text)
      .filter((t) => !isStopword(t.text) && t.text.length > 1)
      .map((t) => stemDanish(t.text)),
  ),
];

interface IndexedSentence {
  passage: number;
  text: string;
  stems: Set<string>;
  facts: SentenceFacts;
  claims: HandlingClaim[];
}

interface SourceIndex {
  passages: { p: GroundingPassage; stems: Set<string>; sentences: IndexedSentence[] }[];
  idf: Map<string, number>;
  unknownIdf: number;
  all: FactIndex;
}

function buildIndex(sources: readonly GroundingPassage[]): SourceIndex {
  const df = new Map<string, number>();
  let n = 0;
  const passages = sources.map((p, pi) => {
    const headingStems = stemsOf(p.headingPath ?? '');
    const sentences = splitSentences(p.text).map((s): IndexedSentence => {
      const stems = new Set([...stemsOf(s.text), ...headingStems]);
      n++;
      for (const st of stems) df.set(st, (df.get(st) ?? 0) + 1);
      return { passage: pi, text: s.text, stems, facts: extractFacts(s.text), claims: findHandlingClaims(s.text) };
    });
    const stems = new Set([...stemsOf(`${p.title} ${p.headingPath ?? ''}`), ...sentences.flatMap((s) => [...s.stems])]);
    return { p, stems, sentences };
  });
  const idf = new Map<string, number>();
  for (const [st, d] of df) idf.set(st, Math.log(1 + n / d));
  return { passages, idf, unknownIdf: Math.log(1 + Math.max(n, 1)), all: indexFacts(passages.flatMap((x) => x.sentences.map((s) => s.facts))) };
}

function coverage(stems: readonly string[], target: Set<string>, idx: SourceIndex): number {
  let total = 0;
  let hit = 0;
  for (const s of stems) {
    const w = idx.idf.get(s) ?? idx.unknownIdf;
    total += w;
    if (target.has(s)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Blanks out the values the case vouches for, so they are neither searched nor fact-checked. */
function maskTrusted(text: string, trusted: readonly string[]): string {
  let out = text;
  for (const value of trusted) {
    if (value.trim().length < 3) continue;
    out = out.replace(new RegExp(escapeRegExp(value.trim()), 'gi'), (m) => ' '.repeat(m.length));
  }
  return out;
}

/**
 * Checks every sentence of a text against source passages: lexical support on Danish stems
 * (IDF-weighted), then each number, date and § reference must occur in a source sentence that is
 * about the same thing; links, phone numbers, e-mails, CPR and account numbers and names that neither
 * the sources nor the case vouch for are flagged as injected or foreign, and so are claims that the
 * case is decided, handled as urgent or forwarded. Deterministic and model-free.
 */
export function checkGrounding(input: GroundingInput, options: Partial<GroundingOptions> = {}): GroundingReport {
  const opts = { ...defaultGroundingOptions, ...options };
  const idx = buildIndex(input.sources);
  const trusted = (input.trusted ?? []).filter((t) => t && t.trim().length >= 3);
  const trustedFacts = indexFacts(trusted.map((t) => extractFacts(t)));
  for (const t of trusted) trustedFacts.names.add(t.toLowerCase());
  const spans = input.sentences ?? splitSentences(input.text);
  let afterClosing = false;

  const sentences = spans.map((span, si): GroundedSentence => {
    const masked = maskTrusted(span.text, trusted);
    const facts = extractFacts(masked);
    const stems = stemsOf(masked);
    const flags = new Set<GroundingFlag>();
    const reasons: string[] = [];

    // Output checks first: they apply to every sentence, courtesy lines included.
    for (const link of facts.links)
      if (!hasLink(idx.all, link)) {
        flags.add('injected_link');
        reasons.push('link');
      }
    for (const phone of facts.phones)
      if (!idx.all.phones.has(phone) && !trustedFacts.phones.has(phone)) {
        flags.add('injected_phone');
        reasons.push('phone');
      }
    for (const email of facts.emails)
      if (!idx.all.emails.has(email) && !trustedFacts.emails.has(email)) {
        flags.add('foreign_personal_data');
        reasons.push('email');
      }
    for (const cpr of facts.cprs)
      if (!idx.all.cprs.has(cpr) && !trustedFacts.cprs.has(cpr)) {
        flags.add('foreign_personal_data');
        reasons.push('cpr');
      }
    for (const acct of facts.accounts)
      if (!idx.all.accounts.has(acct) && !trustedFacts.accounts.has(acct)) {
        flags.add('foreign_personal_data');
        reasons.push('account');
      }
    for (const name of facts.names) {
      const known =
        idx.all.names.has(name) ||
        [...trustedFacts.names].some((t) => t.includes(name) || name.includes(t)) ||
        idx.passages.some((x) => x.p.text.toLowerCase().includes(name));
      if (!known) {
        flags.add('foreign_personal_data');
        reasons.push('name');
      }
    }

    // A decision, urgent handling or forwarding of this case is the caseworker's to state: it stands only
    // when a source (a chosen standard letter) says the same, never because the inquiry asked for it.
    for (const claim of findHandlingClaims(span.text)) {
      const vouched = idx.passages.some((x) => x.sentences.some((s) => s.claims.includes(claim) && coverage(stems, s.stems, idx) >= opts.claimThreshold));
      if (vouched) continue;
      flags.add(claim === 'decision' ? 'unsupported_decision' : 'unsupported_promise');
      reasons.push(claim);
    }

    const hasFacts = facts.numbers.some((x) => x !== '0' && x !== '1') || facts.dates.length > 0 || facts.references.length > 0;
    const isCourtesy = !hasFacts && (afterClosing || courtesyPatterns.some((p) => p.test(span.text.trim())) || stems.length === 0);
    if (/^(med )?venlig(e)? hilsen|^mvh\b|^(kind|best) regards|^regards|^sincerely/i.test(span.text.trim())) afterClosing = true;
    if (isCourtesy) {
      return {
        text: span.text,
        start: span.start,
        end: span.end,
        citations: [],
        supported: flags.size === 0,
        flags: [...flags],
        kind: 'courtesy',
        score: 0,
        reasons,
      };
    }

    // Support: passages ranked by coverage; cited passages get a small preference.
    const cited = new Set(input.citedChunkIds?.[si] ?? []);
    const ranked = idx.passages
      .map((x, pi) => {
        const passageCov = coverage(stems, x.stems, idx);
        const bestSentence = x.sentences.reduce((b, s) => Math.max(b, coverage(stems, s.stems, idx)), 0);
        return { pi, cov: Math.max(passageCov * 0.95, bestSentence), cited: cited.has(x.p.chunkId) };
      })
      .sort((a, b) => b.cov + (b.cited ? 0.05 : 0) - (a.cov + (a.cited ? 0.05 : 0)));
    const best = ranked[0];
    const score = best?.cov ?? 0;
    const support = ranked.filter((r) => r.cov >= opts.supportThreshold * 0.6).slice(0, 3);
    if (score < opts.supportThreshold) flags.add('unsupported');

    // Facts must sit in a source sentence about the same thing (a swapped fact sits elsewhere).
    const candidateSentences = support.flatMap((r) => idx.passages[r.pi]?.sentences ?? []);
    const bound = (has: (f: SentenceFacts) => boolean) => candidateSentences.some((s) => has(s.facts) && coverage(stems, s.stems, idx) >= opts.bindThreshold);
    let factFlag = false;
    for (const num of new Set(facts.numbers)) {
      if (num === '0' || num === '1') continue;
      if (!bound((f) => f.numbers.includes(num))) {
        flags.add('fabricated_number');
        reasons.push(`number ${num}`);
        factFlag = true;
      }
    }
    for (const date of new Set(facts.dates)) {
      if (!bound((f) => hasDate(indexFacts([f]), date))) {
        flags.add('fabricated_date');
        reasons.push(`date ${date}`);
        factFlag = true;
      }
    }
    for (const ref of new Set(facts.references)) {
      // A § reference is checked against the supporting passages as a whole: laws are cited once per section.
      const inSupport = support.some((r) => idx.passages[r.pi]?.sentences.some((s) => s.facts.references.includes(ref)));
      if (!inSupport) {
        flags.add('fabricated_reference');
        reasons.push(`reference ${ref}`);
        factFlag = true;
      }
    }
    const bestSentence = candidateSentences.reduce<{ s: IndexedSentence | null; c: number }>(
      (b, s) => {
        const c = coverage(stems, s.stems, idx);
        return c > b.c ? { s, c } : b;
      },
      { s: null, c: 0 },
    );
    const negationFlip = bestSentence.s !== null && bestSentence.c >= opts.contradictionThreshold && bestSentence.s.facts.hasNegation !== facts.hasNegation;
    if (score >= opts.contradictionThreshold && (factFlag || negationFlip)) flags.add('contradicted');

    const citations: Citation[] = support
      .filter((r) => r.cov >= opts.supportThreshold * 0.8)
      .slice(0, 2)
      .map((r) => {
        const x = idx.passages[r.pi];
        const excerpt = x?.sentences.reduce<{ t: string; c: number }>(
          (b, s) => {
            const c = coverage(stems, s.stems, idx);
            return c > b.c ? { t: s.text, c } : b;
          },
          { t: '', c: -1 },
        ).t;
        return {
          sourceId: x?.p.sourceId ?? '',
          chunkId: x?.p.chunkId ?? '',
          title: x?.p.title ?? '',
          headingPath: x?.p.headingPath ?? '',
          excerpt: excerpt ?? '',
          page: x?.p.page ?? null,
          score: Math.round(r.cov * 1000) / 1000,
        };
      });
    return {
      text: span.text,
      start: span.start,
      end: span.end,
      citations,
      supported: flags.size === 0,
      flags: [...flags],
      kind: 'claim',
      score: Math.round(score * 1000) / 1000,
      reasons,
    };
  });

  const flagCounts: Partial<Record<GroundingFlag, number>> = {};
  for (const s of sentences) for (const f of s.flags) flagCounts[f] = (flagCounts[f] ?? 0) + 1;
  const claims = sentences.filter((s) => s.kind === 'claim');
  return { sentences, supportedShare: claims.length ? claims.filter((s) => s.supported).length / claims.length : 1, flagCounts };
}
