import type { Analysis } from './features';
import { type KindLabel, kindLabels } from './types';

/**
 * Cue patterns per kind label, Danish first and English second. They decide the kind on day one and
 * stay as features (with learned weights) once the model is trained; each is readable in an explanation.
 */
export const kindCues: Record<KindLabel, RegExp> = {
  question:
    /\?|\b(hvordan|hvorn[åa]r|hvorfor|hvilke[nt]?|kan (jeg|man|i|vi)|m[åa] (jeg|man|vi)|skal (jeg|man|vi)|er det (muligt|rigtigt)|how (do|can)|when (will|is|can)|can i|could you)\b/u,
  complaint:
    /\b(klag[ae]r?|klagen|påklage[rt]?|utilfreds|skuffe[dt]e?|uacceptab[e]?le?|uhørt|skandal[øa]?|elendig[et]?|urimelig[et]?|forarge[dt]|vred[et]?|rasende|træt af|dårligt? behandl|complain(t|ing)?|unacceptable|disappointed|outrageous|furious|anke)\w*/u,
  access_request:
    /\b(aktindsigt\w*|indsigt i (mine?|de|alle|sagen)|indsigtsret\w*|egenacces|offentlighedslov\w*|kopi af (alle )?(mine )?(dokumenter|akter|journal\w*|oplysninger)|artikel 15|access to (the )?(documents|files|records|my (file|data))|freedom of information|subject access)/u,
  application:
    /\b(ansøg\w*|søge[r]? om|vil (gerne )?søge|anmode[r]? om (tilladelse|dispensation|tilskud|bevilling|fritagelse)|dispensation|tilskud til|bevilling til|tilladelse til|apply(ing)? for|application for|grant)\b/u,
  problem_report:
    /\b(ikke (blevet )?tømt|ikke hentet|i stykker|defekt\w*|hul(ler)? i (vejen|fortovet|asfalten|cykelstien)|væltet|læk(ker)?|oversvømm\w*|gadelys\w*|gadelampe\w*|lygtepæl\w*|virker ikke|fungerer ikke|ødelagt|rotte\w*|graffiti|henkastet|flyder med|tilstoppet|skadedyr|broken|not working|pothole|flooded|blocked drain|fejlmelding|vil gerne anmelde|anmelde[r]? (en )?(skade|fejl))/u,
  appointment:
    /\b(book(e)? (en )?tid|bestil(le)? (en )?tid|aftale (et )?møde|ny tid|flytte (min|mit|vores) (tid|møde|aftale)|aflys(e|er)? (min|mit|vores) (tid|møde|aftale)|mødetid|ledig(e)? tid\w*|tidsbestilling|appointment|reschedul\w*|book a (time|meeting))/u,
  politician_question:
    /\b(byrådsmedlem\w*|kommunalbestyrelsesmedlem\w*|medlem af (byrådet|kommunalbestyrelsen|borgerrepræsentationen|\w+udvalget)|rådmand\w*|borgerrepræsentationen|spørgsmål (til|fra) (borgmesteren|forvaltningen|administrationen|rådmanden)|§ ?11|paragraf 11|politisk spørgsmål|på vegne af (\w+ )?(byrådsgruppe|gruppen|partiet)|byrådsgruppe|som politiker|til brug for (udvalgs|byråds)mødet)/u,
  newsletter:
    /\b(nyhedsbrev\w*|afmeld(e|ing)?|unsubscribe|newsletter|se (denne mail|nyhedsbrevet|mailen) i (din )?browser|view (this email )?in (your )?browser|webinar\w*|tilmeld dig (her|nu)|månedens (tilbud|nyheder)|kampagne\w*|udsalg|rabatkode|tilmeldt (vores|dette|vores nyhedsbrev))/u,
  spam: /\b(vundet|gevinst\w*|bitcoin|krypto\w*|klik (her|på linket)|lotteri\w*|arv på|garanteret (afkast|gevinst)|viagra|casino|dating|hurtige? lån|lån uden|gratis (iphone|gave)|you have won|congratulations|click here|verify your account|bekræft din (konto|identitet)|din (konto|adgangskode) (er )?(blevet )?(spærret|lukket|udløbet)|pakke (venter|kunne ikke leveres)|toldgebyr)/u,
  invoice:
    /\b(faktura\w*|invoice|betalingsfrist|forfaldsdato|forfalder til betaling|ean[- ]?(nr|nummer)?|kreditnota|rykker|betalingspåmindelse|ordrebekræftelse|beløb(et)? (at betale|inkl\.? moms)|moms|fakturanummer|payment due|amount due)\b/u,
  auto_reply:
    /\b(autosvar|automatisk svar|auto(matic)?[- ]?reply|fraværende|ikke på kontoret|out of office|på (ferie|kursus|barsel)|holder (ferie|fri)|er tilbage (igen )?(den|d\.|mandag|tirsdag|onsdag|torsdag|fredag|i uge)|i am (away|out)|i'm (away|out)|vender tilbage (den|d\.|efter)|denne (mail|postkasse) (bliver|er) ikke (læst|overvåget)|tak for din (mail|henvendelse), (vi|jeg) (har modtaget|vender))/u,
};

/** The cue labels that match a text (normalised, with stop words). */
export function matchCues(text: string): KindLabel[] {
  return kindLabels.filter((label) => kindCues[label].test(text));
}

/** Serialised kind model: a multinomial logistic regression over stems, stem bigrams and cues. */
export interface KindModelData {
  labels: KindLabel[];
  bias: number[];
  /** Feature → one weight per label (only features the model learned or was given). */
  weights: Record<string, number[]>;
}

// Day-one weights: a matching cue outweighs the default "question"; several cues add up.
const cueWeight = 3;
const priorBias: Partial<Record<KindLabel, number>> = { question: 1.2, complaint: 0, application: 0 };

/** The kind model a fresh installation starts with: cues only. */
export function priorKindModel(): KindModelData {
  const labels = [...kindLabels];
  const weights: Record<string, number[]> = {};
  labels.forEach((label, i) => {
    const w = labels.map(() => 0);
    w[i] = label === 'question' ? 1 : cueWeight;
    weights[`k:${label}`] = w;
  });
  // A reply header or a list of links is a newsletter or an auto-reply more often than a question.
  return { labels, bias: labels.map((l) => priorBias[l] ?? -0.5), weights };
}

/** The features the kind model reads: cue hits, short/long, stems and stem bigrams (presence only). */
export function kindFeatures(analysis: Pick<Analysis, 'stems'>, cues: readonly KindLabel[], linkCount: number): Map<string, number> {
  const f = new Map<string, number>();
  for (const c of cues) f.set(`k:${c}`, 1);
  const n = analysis.stems.length;
  if (n < 12) f.set('s:short', 1);
  if (n > 150) f.set('s:long', 1);
  if (linkCount >= 3) f.set('s:links', 1);
  // Words and bigrams share one unit of weight so that long mails do not drown the cues.
  const words = new Set(analysis.stems);
  for (let i = 0; i + 1 < analysis.stems.length; i++) words.add(`${analysis.stems[i]} ${analysis.stems[i + 1]}`);
  const scale = words.size > 0 ? 1 / Math.sqrt(words.size) : 0;
  for (const w of words) f.set(`t:${w}`, scale);
  return f;
}

/** Label probabilities of the kind model. */
export function predictKind(model: KindModelData, features: Map<string, number>): number[] {
  const logits = [...model.bias];
  for (const [k, v] of features) {
    const w = model.weights[k];
    if (!w) continue;
    for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] ?? 0) + v * (w[i] ?? 0);
  }
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/**
 * Trains the kind model from labelled feature sets by gradient descent on the log-likelihood, with an
 * L2 pull towards the cue prior rather than towards zero: few examples cannot unlearn the cues.
 */
export function trainKindModel(
  data: { features: Map<string, number>; label: KindLabel }[],
  options: { epochs?: number; rate?: number; l2?: number } = {},
): KindModelData {
  const prior = priorKindModel();
  const model: KindModelData = { labels: prior.labels, bias: [...prior.bias], weights: {} };
  for (const [k, w] of Object.entries(prior.weights)) model.weights[k] = [...w];
  const epochs = options.epochs ?? 40;
  const l2 = options.l2 ?? 1e-3;
  const labelIndex = new Map(model.labels.map((l, i) => [l, i]));
  for (const d of data) for (const k of d.features.keys()) if (!model.weights[k]) model.weights[k] = model.labels.map(() => 0);
  // A fixed order shuffled by a seeded generator keeps training reproducible.
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = (options.rate ?? 0.5) / (1 + epoch * 0.1);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const i of order) {
      const d = data[i];
      if (!d) continue;
      const gold = labelIndex.get(d.label) ?? 0;
      const p = predictKind(model, d.features);
      for (let c = 0; c < p.length; c++) {
        const g = (p[c] ?? 0) - (c === gold ? 1 : 0);
        model.bias[c] = (model.bias[c] ?? 0) - rate * g * 0.1;
        for (const [k, v] of d.features) {
          const w = model.weights[k];
          if (!w) continue;
          const target = prior.weights[k]?.[c] ?? 0;
          w[c] = (w[c] ?? 0) - rate * (g * v + l2 * ((w[c] ?? 0) - target));
        }
      }
    }
  }
  // Small weights are noise and bloat the stored model.
  for (const [k, w] of Object.entries(model.weights)) {
    const rounded = w.map((x) => Math.round(x * 1e4) / 1e4);
    if (rounded.every((x) => Math.abs(x) < 1e-3)) delete model.weights[k];
    else model.weights[k] = rounded;
  }
  model.bias = model.bias.map((x) => Math.round(x * 1e4) / 1e4);
  return model;
}
