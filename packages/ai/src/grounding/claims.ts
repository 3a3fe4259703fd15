/**
 * Claims about the handling of the citizen's own case that only a caseworker can make: that it is
 * decided ("din ansøgning er bevilget", "your application has been approved"), that it is handled as
 * urgent, or that it has been forwarded somewhere. A draft that says so has it from the inquiry or
 * from nowhere, never from the knowledge base, which holds rules and not decisions.
 */

export const handlingClaimTypes = ['decision', 'urgency', 'forwarding'] as const;
export type HandlingClaim = (typeof handlingClaimTypes)[number];

// Rules and hypotheses are not claims: "Når din ansøgning er godkendt, …", "If your application is approved".
// ("kan blive godkendt", "may be approved" never match the claim patterns, which need "er"/"is".)
const hypothetical = /(?<!\p{L})(?:hvis|når|såfremt|medmindre|forudsat|if|when|once|whether|unless|provided)(?!\p{L})/iu;
const hypotheticalAfter = /^\s*,?\s*(?:hvis|når|såfremt|medmindre|forudsat|if|when|once|provided|unless)(?!\p{L})/iu;

const verdicts =
  'godkendt|bevilget|bevilliget|imødekommet|afgjort|tildelt|accepteret|givet|udstedt|meddelt|afslået|afvist|anerkendt|frafaldet|eftergivet|lukket';
const enVerdicts = 'approved|granted|accepted|awarded|decided|rejected|denied|refused|upheld|waived|allowed|issued|closed|settled';
const caseRef =
  '(?:din|dit|dine|jeres|sagen|ansøgningen|anmodningen|klagen|tilladelsen|byggetilladelsen|bevillingen|tilsagnet|henvendelsen|nedrivningen|gebyret|du|alt)';
const enCaseRef = '(?:your|the|this|my|his|her|everything|it|you)';

const claimPatterns: Record<HandlingClaim, RegExp[]> = {
  decision: [
    // "Din ansøgning om friplads er godkendt", "Sagen er nu afgjort til din fordel".
    new RegExp(
      `(?<!\\p{L})${caseRef}(?!\\p{L})[^.!?\\n]{0,60}?(?<!\\p{L})(?:er|er blevet|bliver|blev|vil blive|er nu|er hermed|er allerede)\\s+(?:nu\\s+|hermed\\s+|allerede\\s+|fuldt\\s+|endeligt\\s+|også\\s+)*(?:${verdicts})(?!\\p{L})`,
      'iu',
    ),
    // Inverted order: "Nu er din ansøgning bevilget", "Efter en samlet vurdering er alt godkendt".
    new RegExp(
      `(?<!\\p{L})(?:er|bliver|blev)\\s+(?:nu\\s+|hermed\\s+|allerede\\s+|også\\s+)*${caseRef}(?!\\p{L})(?:\\s+[\\p{L}\\d.]+){0,4}?\\s+(?:nu\\s+|hermed\\s+|allerede\\s+|også\\s+)*(?:blevet\\s+)?(?:${verdicts})(?!\\p{L})`,
      'iu',
    ),
    // "Vi har godkendt din ansøgning", "Kommunen bevilger …".
    /(?<!\p{L})(?:vi|kommunen|jeg|forvaltningen|udvalget|afdelingen)\s+(?:har\s+)?(?:nu\s+|hermed\s+|allerede\s+)*(?:godkendt|godkender|bevilget|bevilger|imødekommet|imødekommer|afgjort|afgør|tildelt|tildeler|afslået|afslår|afvist|afviser|givet|giver)\s+(?:\p{L}+\s+){0,2}?(?:din|dit|dine|jeres|sagen|ansøgningen|anmodningen|klagen|tilladelsen|dig|jer|det ansøgte)(?!\p{L})/iu,
    // "Du har fået bevilget …", "Du får tilladelse".
    /(?<!\p{L})(?:du|i)\s+(?:har\s+)?(?:nu\s+|hermed\s+)*(?:fået|får)\s+(?:\p{L}+\s+){0,2}?(?:bevilget|bevilliget|godkendt|tilladelse|tilsagn|afslag|medhold|dispensation)(?!\p{L})/iu,
    // "Your application has been approved", "The fee has been waived".
    new RegExp(
      `(?<!\\p{L})${enCaseRef}(?!\\p{L})[^.!?\\n]{0,60}?(?<!\\p{L})(?:is|are|was|were|has been|have been|is now|has now been|will be)\\s+(?:now\\s+|hereby\\s+|already\\s+|fully\\s+|also\\s+)*(?:${enVerdicts})(?!\\p{L})`,
      'iu',
    ),
    /(?<!\p{L})(?:we|the council|the municipality|i)\s+(?:have\s+|has\s+)?(?:now\s+|hereby\s+|already\s+)*(?:approved|granted|accepted|awarded|decided|rejected|denied|refused|upheld|waived)\s+(?:\p{L}+\s+){0,2}?(?:your|you|the application|the request|the complaint|the appeal|it|this)(?!\p{L})/iu,
    /(?<!\p{L})you\s+(?:have been|are|were|will be)\s+(?:granted|approved|awarded|given)(?!\p{L})/iu,
  ],
  urgency: [
    // "Din sag er markeret som akut", "Your case has been flagged as urgent".
    /(?<!\p{L})(?:din|dit|jeres|sagen|henvendelsen|ansøgningen|klagen|den|your|this|the|it)(?!\p{L})[^.!?\n]{0,40}?(?<!\p{L})(?:er|er blevet|bliver|vil blive|er nu|is|has been|will be|was|is now)\s+(?:nu\s+|now\s+)?(?:markeret|prioriteret|opprioriteret|oprettet|behandlet|registreret|eskaleret|flagged|marked|prioriti[sz]ed|escalated|handled|treated|processed|dealt with|registered)\s+(?:\p{L}+\s+){0,3}?(?:akut\p{L}*|hastende|haster|hastesag|som hast|med (?:højeste|høj|første) prioritet|højest|først|straks|omgående|med det samme|i dag|urgent\p{L}*|as a priority|(?:a |top |high |highest )?priority|immediately|today|right away|as an emergency|emergency)(?!\p{L})/iu,
    // "Vi har markeret din sag som akut", "We have prioritised your case".
    /(?<!\p{L})(?:vi|jeg|we|i)\s+(?:har\s+|have\s+|'ve\s+)?(?:nu\s+|now\s+|allerede\s+|already\s+)?(?:markeret|prioriteret|opprioriteret|eskaleret|marked|flagged|prioriti[sz]ed|escalated|fast-?tracked)(?!\p{L})/iu,
    // "Vi behandler din sag i dag", "We will handle it immediately".
    /(?<!\p{L})(?:vi|we|jeg)\s+(?:behandler|ser på|håndterer|tager os af|will handle|are handling|will process|will deal with|handle|will look at|are looking at)\s+(?:\p{L}+\s+){0,3}?(?:straks|i dag|omgående|med det samme|som det første|akut|som hastesag|urgently|immediately|today|right away|as a priority|first|as an emergency)(?!\p{L})/iu,
    /(?<!\p{L})(?:din sag|sagen|your case|this case|it)\s+(?:er|is)\s+(?:en\s+|an?\s+)?(?:hastesag|akut sag|urgent case|emergency|urgent)(?!\p{L})/iu,
  ],
  forwarding: [
    // "Vi har videresendt din henvendelse til borgmesteren", "We have forwarded your case to the mayor".
    /(?<!\p{L})(?:vi|jeg|we|i|kommunen)\s+(?:har\s+|have\s+|'ve\s+|has\s+)?(?:nu\s+|now\s+|allerede\s+|already\s+|straks\s+)?(?:videresendt|sendt videre|oversendt|overdraget|overført|omdirigeret|sendt|forwarded|sent on|passed on|referred|routed|escalated|transferred|redirected|sent)(?!\p{L})[^.!?\n]{0,60}?(?<!\p{L})(?:til|to)\s+(?!(?:dig|jer|you|your|din|dit|dine|mig|me)(?!\p{L}))\p{L}/iu,
    // "Sagen er videresendt til …", "Your case has been forwarded to …".
    /(?<!\p{L})(?:din|dit|jeres|sagen|henvendelsen|ansøgningen|klagen|mailen|den|det|your|the|this|it)(?!\p{L})[^.!?\n]{0,40}?(?<!\p{L})(?:er|er blevet|bliver|vil blive|er nu|is|has been|will be|was|is now)\s+(?:nu\s+|now\s+|straks\s+)?(?:videresendt|sendt videre|oversendt|overdraget|overført|omdirigeret|sendt|forwarded|routed|referred|escalated|transferred|passed on|sent)\s+(?:\p{L}+\s+){0,3}?(?:til|to)\s+(?!(?:dig|jer|you|your|din|dit|dine|mig|me)(?!\p{L}))\p{L}/iu,
    // "Vi videresender din henvendelse til …", "We will forward it to …".
    /(?<!\p{L})(?:vi|we|jeg|i)\s+(?:videresender|oversender|overdrager|omdirigerer|sender\s+(?:\p{L}+\s+){0,2}?videre|will forward|are forwarding|will pass|will refer|will route|will escalate|will transfer|have passed|'ll forward)(?!\p{L})/iu,
  ],
};

/** True when a match states something rather than a rule or a hypothesis in its own clause. */
function isAssertion(text: string, start: number, end: number): boolean {
  // The clause the claim stands in: from the last comma, semicolon or dash before it.
  const clauseStart = Math.max(text.lastIndexOf(',', start), text.lastIndexOf(';', start), text.lastIndexOf(' – ', start), -1) + 1;
  if (hypothetical.test(text.slice(clauseStart, end))) return false;
  return !hypotheticalAfter.test(text.slice(end));
}

// Every match counts, not only the first: a rule may come first and the claim after it
// ("Når du er godkendt til en plejebolig, …, og din ansøgning er godkendt").
const globalPatterns = Object.fromEntries(
  handlingClaimTypes.map((type) => [type, claimPatterns[type].map((re) => new RegExp(re.source, `${re.flags}g`))]),
) as Record<HandlingClaim, RegExp[]>;

/** The claims about the handling of the case that a sentence makes; none for questions, rules and hypotheses. */
export function findHandlingClaims(sentence: string): HandlingClaim[] {
  const text = sentence.trim();
  if (!text || text.endsWith('?')) return [];
  return handlingClaimTypes.filter((type) =>
    globalPatterns[type].some((re) => [...text.matchAll(re)].some((m) => isAssertion(text, m.index, m.index + m[0].length))),
  );
}
