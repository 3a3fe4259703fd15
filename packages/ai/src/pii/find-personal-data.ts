import { isValidCprDate, passesCprModulus11, passesCvrModulus11, passesIbanCheck } from './checks';
import { firstNames } from './first-names';

/** Kinds of personal data the detector recognises. */
export const personalDataTypes = ['CPR', 'PHONE', 'EMAIL', 'ADDRESS', 'ACCOUNT', 'CVR', 'NAME'] as const;
export type PersonalDataType = (typeof personalDataTypes)[number];

/** A stretch of personal data: `text.slice(start, end)` (JS string indices, end exclusive). */
export interface PersonalDataSpan {
  start: number;
  end: number;
  type: PersonalDataType;
}

// When two candidates overlap the more specific wins: an e-mail address can contain digits, an
// account number can contain something that looks like a CPR number, an address a postcode.
const priority: Record<PersonalDataType, number> = { EMAIL: 7, ACCOUNT: 6, CPR: 5, CVR: 4, PHONE: 3, ADDRESS: 2, NAME: 1 };

/** The lower-cased text just before `index`, where context words such as "CPR" or "tlf." stand. */
const before = (text: string, index: number, width = 32) => text.slice(Math.max(0, index - width), index).toLowerCase();

// ── CPR ───────────────────────────────────────────────────────────────────────────────────────
const cprPattern = /(?<![\p{L}\p{N}.,/-])(\d{6})([- ]?)(\d{4})(?![\p{N}]|[.,/-]\d)/gu;
const cprContext = /(cpr|personnummer|person-?nr|fødselsnummer|personal id)/;

function findCpr(text: string, out: PersonalDataSpan[]): void {
  for (const m of text.matchAll(cprPattern)) {
    const [whole, date = '', sep = '', serial = ''] = m;
    const ten = date + serial;
    if (!isValidCprDate(ten)) continue;
    // The dash form is CPR's own notation; undashed ten-digit numbers also appear as order and
    // phone-with-prefix numbers, so they need the modulus-11 check or a context word. Numbers that
    // fail modulus 11 (issued since 2007) are still found in the dash form or with context.
    const isCpr = sep === '-' || passesCprModulus11(ten) || cprContext.test(before(text, m.index, 40));
    if (isCpr) out.push({ start: m.index, end: m.index + whole.length, type: 'CPR' });
  }
}

// ── Phone and CVR (both eight digits) ─────────────────────────────────────────────────────────
const eightDigitPattern = /(?<![\p{L}\p{N}+.,/-])((?:\+|00)[ ]?45[ -]?)?(\d{2}(?:[ -]?\d{2}){3})(?![\p{N}]|[.,/-]\d)/gu;
const contexts: { label: 'CVR' | 'PHONE' | 'NONE'; pattern: RegExp }[] = [
  { label: 'CVR', pattern: /(cvr|se-?nr|se-nummer|virksomhedsnummer)/g },
  { label: 'PHONE', pattern: /(tlf|telefon|mobil|mob\.|ring|sms|phone|tel\.|kontakt mig på|fax)/g },
  { label: 'NONE', pattern: /(ordre|faktura|sags|journal|kunde|bilag|ref|vare|pakke|kr\.|beløb|konto|reg\.|regnr|id[ .:]|nr\. på sag|løbenr|ean|p-nr)/g },
];

/** The label of the context word nearest before a number, or null without one. */
function nearestContext(window: string): 'CVR' | 'PHONE' | 'NONE' | null {
  let best: { at: number; label: 'CVR' | 'PHONE' | 'NONE' } | null = null;
  for (const { label, pattern } of contexts) {
    for (const m of window.matchAll(pattern)) if (!best || m.index >= best.at) best = { at: m.index, label };
  }
  return best?.label ?? null;
}

const dateLike = /^(\d{2})[- ](\d{2})[- ]?(\d{4})$/;

function findEightDigits(text: string, out: PersonalDataSpan[]): void {
  for (const m of text.matchAll(eightDigitPattern)) {
    const [whole, prefix, number = ''] = m;
    const digits = number.replace(/\D/g, '');
    const span = { start: m.index, end: m.index + whole.length };
    if (prefix) {
      out.push({ ...span, type: 'PHONE' });
      continue;
    }
    const date = dateLike.exec(number);
    if (date && Number(date[1]) <= 31 && Number(date[2]) <= 12) continue;
    const context = nearestContext(before(text, m.index, 30));
    if (context === 'CVR') out.push({ ...span, type: 'CVR' });
    else if (context === 'PHONE') out.push({ ...span, type: 'PHONE' });
    else if (context === 'NONE') continue;
    else if (digits !== number) {
      // Written in groups ("12 34 56 78", "1234 5678"): how Danes write phone numbers.
      if (/^[2-9]/.test(digits)) out.push({ ...span, type: 'PHONE' });
    } else if (passesCvrModulus11(digits)) out.push({ ...span, type: 'CVR' });
    else if (/^[2-9]/.test(digits)) out.push({ ...span, type: 'PHONE' });
  }
}

// ── E-mail ────────────────────────────────────────────────────────────────────────────────────
const emailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function findEmail(text: string, out: PersonalDataSpan[]): void {
  for (const m of text.matchAll(emailPattern)) out.push({ start: m.index, end: m.index + m[0].length, type: 'EMAIL' });
}

// ── Account numbers ───────────────────────────────────────────────────────────────────────────
const ibanPattern = /(?<![\p{L}\p{N}])DK\d{2}(?:[ ]?\d{4}){3}[ ]?\d{2}(?![\p{N}])/giu;
const regKontoPattern =
  /reg(?:istrerings)?(?:\.|-)?\s*(?:nr|nummer)?\.?\s*:?\s*(\d{4})\s*(?:[,/-]|og)?\s*(?:(?:konto|kontonr|kontonummer)\.?\s*(?:nr\.?)?\s*:?\s*)?(\d{6,10})(?![\p{N}])/dgiu;
const bareAccountPattern = /(?<![\p{L}\p{N}.,-])(\d{4})[ -](\d{6,10})(?![\p{N}]|[.,-]\d)/gu;
const accountContext = /(konto|bank|overfør|indbetal|udbetal|nemkonto|account)/;

function findAccounts(text: string, out: PersonalDataSpan[]): void {
  for (const m of text.matchAll(ibanPattern)) {
    if (passesIbanCheck(m[0]) || /iban/.test(before(text, m.index))) out.push({ start: m.index, end: m.index + m[0].length, type: 'ACCOUNT' });
  }
  for (const m of text.matchAll(regKontoPattern)) {
    const first = m.indices?.[1];
    const last = m.indices?.[2];
    if (first && last) out.push({ start: first[0], end: last[1], type: 'ACCOUNT' });
  }
  for (const m of text.matchAll(bareAccountPattern)) {
    if (accountContext.test(before(text, m.index, 40))) out.push({ start: m.index, end: m.index + m[0].length, type: 'ACCOUNT' });
  }
}

// ── Addresses ─────────────────────────────────────────────────────────────────────────────────
const suffixes =
  'vej|vejen|gade|gaden|allé|alle|vænge|vænget|stræde|strædet|plads|pladsen|torv|torvet|boulevard|have|haven|park|parken|bakke|bakken|høj|højen|sti|stien|toft|toften|engen|vang|vangen|marken|løkke|løkken|kaj|kajen|bro|broen|dige|diget|gård|gården|hegn|krog|krogen|lund|lunden|skoven|ager|passage|promenade|brygge|bryggen|ringen|sletten|stræde|kvarter|tværvej|vænge';
const standalone = new Set([
  'allé',
  'alle',
  'boulevard',
  'vej',
  'gade',
  'plads',
  'torv',
  'park',
  'have',
  'vænge',
  'stræde',
  'passage',
  'kaj',
  'brygge',
  'promenade',
]);
const streetPrefixes = new Set([
  'gammel',
  'gl.',
  'ny',
  'nye',
  'store',
  'st.',
  'lille',
  'll.',
  'nørre',
  'søndre',
  'vester',
  'øster',
  'sankt',
  'skt.',
  'dronning',
  'kong',
  'prins',
  'prinsesse',
  'kongens',
]);
const streetPattern = new RegExp(
  `(?<![\\p{L}])((?:[\\p{Lu}][\\p{L}-]*?(?:${suffixes})|${[...standalone].map((w) => w[0]?.toUpperCase() + w.slice(1)).join('|')}))[ ]+(\\d{1,4}(?:[A-Z](?![\\p{L}])|[a-z](?![\\p{L}])| [A-Z](?![\\p{L}]))?(?:-\\d{1,4})?)(?![\\p{N}])`,
  'gu',
);
// ", 3. th.", " st. tv", ", 2. sal", ", 1. 12"
const floorPattern = /^,?[ ]*(?:st\.?|kl\.?|stuen|\d{1,2}(?:\.|[ ]*sal\b|(?=[ ]*,?[ ]*(?:th|tv|mf)\b)))(?:[ ]*sal\b)?(?:[ ]*,?[ ]*(?:th|tv|mf)\b\.?)?/iu;
const postcodePattern = /^[ \t]*(?:,[ \t]*|\r?\n[ \t]*)?(?:DK-)?\d{4}[ ]+[\p{Lu}][\p{L}]+(?:[ ]+(?:[\p{Lu}]{1,2}(?![\p{L}])|[\p{Lu}][\p{L}]+))?/u;
const leftToken = /(?:^|[ ])((?:[\p{Lu}]\.)+|[\p{Lu}][\p{L}]*\.?)[ ]$/u;

function findAddresses(text: string, out: PersonalDataSpan[]): void {
  for (const m of text.matchAll(streetPattern)) {
    const [whole, street = ''] = m;
    let start = m.index;
    // Extend left over the words of a multi-word street name ("H.C. Andersens Boulevard",
    // "Gammel Kongevej") but not over an ordinary capitalised word before a compound street name.
    const isStandalone = standalone.has(street.toLowerCase());
    for (let words = 0; words < 3; words++) {
      const token = leftToken.exec(text.slice(Math.max(0, start - 40), start));
      const word = token?.[1];
      if (!token || !word) break;
      const isPrefix = streetPrefixes.has(word.toLowerCase()) || /^(?:\p{Lu}\.){2,}$/u.test(word);
      if (!isStandalone && !isPrefix) break;
      // A capitalised word that opens a sentence is no part of the street name ("Tidligere Frederiksberg Allé").
      const opensSentence = /(?:^|[\p{Ll}\d][.!?:]\s*|\n\s*)$/u.test(text.slice(Math.max(0, start - word.length - 4), start - word.length - 1));
      if (opensSentence && !isPrefix) break;
      start -= word.length + 1;
      // "Nørre", "Gammel", "H.C." open a street name: nothing before them belongs to it.
      if (isPrefix) break;
    }
    if (isStandalone && start === m.index) continue;
    let end = m.index + whole.length;
    const floor = floorPattern.exec(text.slice(end, end + 20));
    if (floor?.[0]) end += floor[0].length;
    const postcode = postcodePattern.exec(text.slice(end, end + 60));
    if (postcode?.[0]) end += postcode[0].length;
    out.push({ start, end, type: 'ADDRESS' });
  }
}

// ── Names ─────────────────────────────────────────────────────────────────────────────────────
const nameToken = '[\\p{Lu}][\\p{Ll}]+(?:-[\\p{Lu}][\\p{Ll}]+)?(?![\\p{L}-])';
const nameRun = `(${nameToken}(?:[ \\t]+(?:${nameToken}|[\\p{Lu}]\\.))*)`;
// Keywords match in any case, but name words must start with a capital: the `i` flag would make
// \p{Lu} match lower case too, so the keyword phrases are spelled case-insensitively by hand.
const ci = (phrases: string[]) =>
  phrases
    .map((p) =>
      p
        .replace(/\./g, '\\.?')
        .replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)
        .replace(/ /g, '[ \\t]+'),
    )
    .join('|');
const signatureWords = [
  'med venlig hilsen',
  'med venligste hilsen',
  'venlig hilsen',
  'venligst hilsen',
  'venlige hilsner',
  'kærlig hilsen',
  'mange hilsner',
  'bedste hilsner',
  'de bedste hilsner',
  'mvh.',
  'vh.',
  'hilsen',
  'best regards',
  'kind regards',
  'regards',
];
const signaturePattern = new RegExp(`(?<![\\p{L}])(?:${ci(signatureWords)})[ \\t]*[,.!]?[ \\t]*(?:\\r?\\n[ \\t]*){0,2}${nameRun}`, 'gu');
const introPattern = new RegExp(`(?<![\\p{L}])(?:${ci(['mit navn er', 'jeg hedder', 'my name is', 'undertegnede'])})[ \\t]+${nameRun}`, 'gu');
const greetingPattern = new RegExp(`(?<![\\p{L}])(?:${ci(['kære', 'hej', 'dear', 'hi', 'hello'])})[ \\t]+${nameRun}`, 'gu');
const pairPattern = new RegExp(`(?<![\\p{L}])${nameRun}`, 'gu');
const notNames = new Set(
  `kommune kommunes forvaltning forvaltningen afdeling afdelingen borgerservice center centret centeret enhed enheden team teamet
  sekretariat sekretariatet kontor kontoret a/s aps danmark københavn københavns aarhus odense aalborg mandag tirsdag onsdag torsdag
  fredag lørdag søndag januar februar marts april maj juni juli august september oktober november december hej tak kære med venlig
  hilsen hilsner jeg vi de den det du i og eller men på til fra er har som se her der sagen sag emne vedr vedrørende re fw sv
  the and borger borgere skole skolen børnehave vuggestue institution ministeriet styrelsen region regionen support service`.split(/\s+/),
);
const orgSuffix = /(forvaltning|forvaltningen|afdeling|afdelingen|kommune|sekretariat|sekretariatet|styrelsen|ministeriet|centret|center)$/;

/** The leading name words of a run, cut at the first word that is not a name. */
function nameWords(run: string): { length: number; count: number } {
  let length = 0;
  let count = 0;
  for (const part of run.split(/([ \t]+)/)) {
    if (part === '') continue;
    if (/^[ \t]+$/.test(part)) {
      if (count > 0) length += part.length;
      continue;
    }
    const lower = part.toLowerCase();
    if (notNames.has(lower) || orgSuffix.test(lower)) break;
    length = length + part.length;
    count++;
    if (count === 4) break;
  }
  return { length: count > 0 ? length : 0, count };
}

function pushName(out: PersonalDataSpan[], start: number, run: string, minWords: number): void {
  const { length, count } = nameWords(run);
  if (count >= minWords) out.push({ start, end: start + run.slice(0, length).trimEnd().length, type: 'NAME' });
}

function findNames(text: string, out: PersonalDataSpan[]): void {
  for (const pattern of [signaturePattern, introPattern]) {
    for (const m of text.matchAll(pattern)) {
      const run = m[1] ?? '';
      pushName(out, m.index + m[0].length - run.length, run, 1);
    }
  }
  for (const m of text.matchAll(greetingPattern)) {
    const run = m[1] ?? '';
    const first = run.split(/[ \t]/)[0]?.toLowerCase() ?? '';
    if (firstNames.has(first)) pushName(out, m.index + m[0].length - run.length, run, 1);
  }
  for (const m of text.matchAll(pairPattern)) {
    const run = m[1] ?? '';
    const first = run.split(/[ \t]/)[0]?.toLowerCase() ?? '';
    if (firstNames.has(first)) pushName(out, m.index, run, 2);
  }
}

/**
 * Finds personal data in a text: CPR, phone, e-mail, address, account, CVR numbers and names,
 * as non-overlapping spans sorted by position. Pure: it neither logs nor keeps the text.
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  if (!text) return [];
  const candidates: PersonalDataSpan[] = [];
  findEmail(text, candidates);
  findAccounts(text, candidates);
  findCpr(text, candidates);
  findEightDigits(text, candidates);
  findAddresses(text, candidates);
  findNames(text, candidates);
  candidates.sort((a, b) => priority[b.type] - priority[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PersonalDataSpan[] = [];
  for (const c of candidates) {
    if (c.end <= c.start) continue;
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
