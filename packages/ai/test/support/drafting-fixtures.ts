import type { DraftRequest, KnowledgeHit, StandardLetter } from '@ekspedit/core';

let n = 0;
/** A knowledge hit with overrides. */
export function buildHit(overrides: Partial<KnowledgeHit> = {}): KnowledgeHit {
  n++;
  const text =
    overrides.text ??
    'Storskrald hentes hver 4. uge. Du må højst sætte 3 kubikmeter storskrald ud pr. afhentning. Bestillingen skal være modtaget senest kl. 12.00 mandagen før afhentningsugen.';
  return {
    sourceId: `source-${n}`,
    chunkId: String(n),
    title: 'Storskrald',
    kind: 'document',
    headingPath: 'Storskrald › Afhentning',
    text,
    excerpt: text.slice(0, 100),
    score: 1,
    page: null,
    paragraph: 1,
    charStart: 0,
    charEnd: text.length,
    origin: 'storskrald.md',
    ...overrides,
  };
}

/** A standard letter with merge fields. */
export function buildLetter(overrides: Partial<StandardLetter> = {}): StandardLetter {
  return {
    id: 'letter-affald',
    title: 'Svar om storskrald',
    body: 'Kære {{navn}}\n\nTak for din henvendelse. Din sag har nummer {{sagsnummer}}.\n\n{{svar}}\n\nMed venlig hilsen\nAffaldsservice',
    mergeFields: ['navn', 'sagsnummer', 'svar'],
    unitId: null,
    kleCodes: [],
    ...overrides,
  };
}

/** A drafting request about bulky waste from a citizen with a CPR number in the text. */
export function buildDraftRequest(overrides: Partial<DraftRequest> = {}): DraftRequest {
  return {
    caseId: '00000000-0000-4000-8000-000000000001',
    caseNumber: '2026-000042',
    title: 'Storskrald',
    inquiry: {
      subject: 'Storskrald',
      body: 'Hej. Hvornår henter I storskrald, og hvor meget må jeg sætte ud? Mit CPR-nummer er 070761-4285. Mvh Anne Jensen, tlf. 22 33 44 55',
      language: 'da',
    },
    party: { name: 'Anne Jensen', email: 'anne@borger.example', phone: '22 33 44 55', address: null, cpr: '070761-4285' },
    passages: [buildHit()],
    standardLetters: [buildLetter()],
    today: '2026-04-01',
    tokensUsed: 0,
    ...overrides,
  };
}
