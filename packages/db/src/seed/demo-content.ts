import type { CaseKind, Role } from '@ekspedit/core';

/** The demo municipality's units, with the KLE codes each handles. */
export const demoUnits = [
  { id: 'kommune', name: 'Demo Kommune', parentId: null, kleCodes: [] },
  { id: 'borgerservice', name: 'Borgerservice', parentId: 'kommune', kleCodes: ['00.14', '23', '25', '32'] },
  { id: 'parkering', name: 'Parkering og Trafik', parentId: 'kommune', kleCodes: ['05'] },
  { id: 'affald', name: 'Affald og Genbrug', parentId: 'kommune', kleCodes: ['07'] },
  { id: 'byggeri', name: 'Byggeri', parentId: 'kommune', kleCodes: ['01', '02'] },
  { id: 'dagtilbud', name: 'Dagtilbud', parentId: 'kommune', kleCodes: ['28'] },
  { id: 'aeldre', name: 'Ældre og Sundhed', parentId: 'kommune', kleCodes: ['27', '29'] },
  { id: 'sekretariat', name: 'Politisk Sekretariat', parentId: 'kommune', kleCodes: ['00.01', '00.22'] },
  { id: 'postmodtagelse', name: 'Postmodtagelse', parentId: 'kommune', kleCodes: [] },
] as const;

/** Password of every demo account (printed in README; change or remove for real use). */
export const demoPassword = 'ekspedit-demo';

/** Demo accounts: one per role, and a caseworker per unit. */
export const demoUsers: { username: string; displayName: string; roles: Role[]; unitId: string | null }[] = [
  { username: 'sagsbehandler', displayName: 'Mette Sørensen', roles: ['caseworker'], unitId: 'parkering' },
  { username: 'teamleder', displayName: 'Hanne Lund', roles: ['team_lead'], unitId: 'parkering' },
  { username: 'affald', displayName: 'Jonas Holm', roles: ['caseworker'], unitId: 'affald' },
  { username: 'byggeri', displayName: 'Fatima Ali', roles: ['caseworker'], unitId: 'byggeri' },
  { username: 'dagtilbud', displayName: 'Lars Kjær', roles: ['caseworker'], unitId: 'dagtilbud' },
  { username: 'aeldre', displayName: 'Birgitte Dam', roles: ['caseworker'], unitId: 'aeldre' },
  { username: 'borgerservice', displayName: 'Peter Madsen', roles: ['caseworker'], unitId: 'borgerservice' },
  { username: 'post', displayName: 'Ole Bach', roles: ['mail_reception'], unitId: 'postmodtagelse' },
  { username: 'sekretariat', displayName: 'Sofie Winther', roles: ['secretariat'], unitId: 'sekretariat' },
  { username: 'direktoer', displayName: 'Lone Vestergaard', roles: ['director'], unitId: null },
  { username: 'sekretariatschef', displayName: 'Jens Krogh', roles: ['team_lead', 'secretariat'], unitId: 'sekretariat' },
  { username: 'analytiker', displayName: 'Kasper Nørgaard', roles: ['analyst'], unitId: null },
  { username: 'admin', displayName: 'Anders Admin', roles: ['admin'], unitId: null },
  { username: 'revisor', displayName: 'Ida Friis', roles: ['auditor'], unitId: null },
];

export interface DemoTemplate {
  kle: string;
  kind: CaseKind;
  subject: string;
  body: string;
  reply: string;
}

// {name}, {street}, {no}, {date}, {child}, {plate} are filled from the generator's lists.
export const demoTemplates: DemoTemplate[] = [
  {
    kle: '05.09.00',
    kind: 'citizen_inquiry',
    subject: 'Beboerlicens til parkering på {street}',
    body: 'Hej\n\nJeg er flyttet til {street} {no} og vil gerne høre, hvordan jeg får en beboerlicens til min bil ({plate}). Skal jeg søge digitalt, og hvad koster det?\n\nVenlig hilsen\n{name}',
    reply:
      'Kære {name}\n\nTak for din henvendelse. Du søger beboerlicens digitalt på kommunens hjemmeside med MitID. Licensen gælder for den zone, du bor i, og prisen fremgår af takstbladet.\n\nVenlig hilsen\nParkering og Trafik',
  },
  {
    kle: '05.09.00',
    kind: 'complaint',
    subject: 'Klage over parkeringsafgift {date}',
    body: 'Jeg har fået en parkeringsafgift den {date} på {street}, men skiltningen var dækket af en byggeplads. Jeg mener ikke, afgiften er rimelig, og beder jer annullere den.\n\n{name}',
    reply:
      'Kære {name}\n\nVi har modtaget din klage over parkeringsafgiften. Vi har undersøgt skiltningen på stedet og vender tilbage med en afgørelse.\n\nVenlig hilsen\nParkering og Trafik',
  },
  {
    kle: '05.13.00',
    kind: 'citizen_inquiry',
    subject: 'Fartdæmpning på {street}',
    body: 'Bilerne kører alt for stærkt på {street}, hvor mange børn går til skole. Kan kommunen sætte bump op eller lave en hastighedszone?\n\nMvh {name}',
    reply:
      'Kære {name}\n\nTak for din henvendelse om trafiksikkerhed på {street}. Vi har noteret ønsket og tager det med i vurderingen af næste års trafiksikkerhedsplan.\n\nVenlig hilsen\nParkering og Trafik',
  },
  {
    kle: '05.07.00',
    kind: 'citizen_inquiry',
    subject: 'Vejen er ikke saltet',
    body: 'Fortovet på {street} har ikke været saltet i tre dage, og det er glat. Min mor på 84 tør ikke gå ud.\n\n{name}',
    reply: 'Kære {name}\n\nTak for besked. Vi har bedt vintertjenesten prioritere fortovet på {street}.\n\nVenlig hilsen\nParkering og Trafik',
  },
  {
    kle: '07.18.00',
    kind: 'citizen_inquiry',
    subject: 'Skraldespanden er ikke tømt',
    body: 'Vores restaffald på {street} {no} er ikke blevet tømt i denne uge. Hvornår kommer skraldebilen igen?\n\nHilsen {name}',
    reply:
      'Kære {name}\n\nVi beklager den manglende tømning. Renovatøren er bedt om at tømme din beholder inden for to arbejdsdage.\n\nVenlig hilsen\nAffald og Genbrug',
  },
  {
    kle: '07.18.00',
    kind: 'citizen_inquiry',
    subject: 'Bestilling af storskrald',
    body: 'Hej, jeg skal af med en gammel sofa og et køleskab. Hvordan bestiller jeg storskrald til {street} {no}?\n\nVh {name}',
    reply:
      'Kære {name}\n\nDu bestiller afhentning af storskrald på kommunens selvbetjening. Køleskabe hentes som elektronikaffald.\n\nVenlig hilsen\nAffald og Genbrug',
  },
  {
    kle: '07.01.00',
    kind: 'complaint',
    subject: 'Klage over nyt affaldsgebyr',
    body: 'Jeg forstår ikke, hvorfor mit affaldsgebyr er steget så meget. Jeg bor alene og sorterer alt. Jeg klager over gebyret.\n\n{name}, {street} {no}',
    reply:
      'Kære {name}\n\nGebyret fastsættes efter hvile-i-sig-selv-princippet og er ens for alle husstande af samme type. Vi har vedlagt en oversigt over taksterne.\n\nVenlig hilsen\nAffald og Genbrug',
  },
  {
    kle: '07.13.00',
    kind: 'citizen_inquiry',
    subject: 'Hvor afleverer jeg maling og kemikalier?',
    body: 'Jeg har rester af maling og terpentin efter en renovering. Kan det hentes, eller skal jeg køre på genbrugspladsen?\n\n{name}',
    reply:
      'Kære {name}\n\nFarligt affald som maling og terpentin kan afleveres på genbrugspladsen eller sættes i den røde miljøkasse ved dit skraldestativ.\n\nVenlig hilsen\nAffald og Genbrug',
  },
  {
    kle: '02.34.00',
    kind: 'citizen_inquiry',
    subject: 'Skal jeg søge byggetilladelse til carport?',
    body: 'Jeg vil bygge en carport på 30 m² ved mit hus på {street} {no}. Kræver det byggetilladelse, og hvor tæt må den ligge på skel?\n\nVenlig hilsen {name}',
    reply:
      'Kære {name}\n\nEn carport under 50 m² kan normalt opføres uden byggetilladelse, men skal overholde afstandskravene i bygningsreglementet. Kontakt os, hvis den skal ligge tættere end 2,5 meter på skel.\n\nVenlig hilsen\nByggeri',
  },
  {
    kle: '02.34.00',
    kind: 'citizen_inquiry',
    subject: 'Status på min byggesag',
    body: 'Jeg søgte om tilbygning for otte uger siden og har ikke hørt noget. Hvornår kan jeg forvente en afgørelse?\n\n{name}, {street} {no}',
    reply:
      'Kære {name}\n\nDin ansøgning er under behandling. Den forventede sagsbehandlingstid er i øjeblikket 10 uger; vi kontakter dig, hvis vi mangler oplysninger.\n\nVenlig hilsen\nByggeri',
  },
  {
    kle: '02.00.00',
    kind: 'access_request',
    subject: 'Aktindsigt i byggesag for {street} {no}',
    body: 'Jeg anmoder om aktindsigt i alle dokumenter i byggesagen for ejendommen {street} {no}, herunder tegninger og dispensationer.\n\nMed venlig hilsen\n{name}',
    reply:
      'Kære {name}\n\nDu får hermed aktindsigt i byggesagen for {street} {no}. Dokumenterne er vedlagt. Enkelte oplysninger er undtaget efter offentlighedslovens § 30.\n\nVenlig hilsen\nByggeri',
  },
  {
    kle: '01.02.00',
    kind: 'citizen_inquiry',
    subject: 'Spørgsmål til lokalplan',
    body: 'Hvad siger lokalplanen om, hvor højt man må bygge på {street}? Jeg overvejer at sætte en kvist på taget.\n\n{name}',
    reply:
      'Kære {name}\n\nLokalplanen for området tillader bebyggelse i højst to etager. Kviste kræver en konkret vurdering; send os gerne en skitse.\n\nVenlig hilsen\nByggeri',
  },
  {
    kle: '28.70.00',
    kind: 'citizen_inquiry',
    subject: 'Venteliste til vuggestue',
    body: 'Vores datter {child} bliver et år i marts. Hvornår kan vi forvente en plads i vuggestue tæt på {street}, og kan vi ønske en bestemt institution?\n\nVenlig hilsen {name}',
    reply:
      'Kære {name}\n\nI har pladsgaranti fra barnet er 26 uger. Du kan ønske op til tre institutioner i pladsanvisningens selvbetjening, og vi tilbyder plads senest på garantidatoen.\n\nVenlig hilsen\nDagtilbud',
  },
  {
    kle: '28.77.00',
    kind: 'citizen_inquiry',
    subject: 'Søskenderabat og fripladstilskud',
    body: 'Vi har to børn i dagtilbud og lav indkomst. Kan vi få søskenderabat og økonomisk friplads?\n\n{name}',
    reply:
      'Kære {name}\n\nI får automatisk søskenderabat. Økonomisk friplads søger I digitalt; tilskuddet afhænger af husstandens indkomst.\n\nVenlig hilsen\nDagtilbud',
  },
  {
    kle: '28.09.00',
    kind: 'complaint',
    subject: 'Klage over lukkedage i børnehaven',
    body: 'Børnehaven holder lukket fem dage i sommerferien, og vi kan ikke få passet {child}. Det er ikke rimeligt over for forældre, der arbejder.\n\n{name}',
    reply:
      'Kære {name}\n\nKommunen tilbyder alternativ pasning på lukkedage i en nabo-institution. Kontakt børnehavens leder for at tilmelde {child}.\n\nVenlig hilsen\nDagtilbud',
  },
  {
    kle: '27.36.00',
    kind: 'citizen_inquiry',
    subject: 'Hjemmehjælp til min far',
    body: 'Min far på 88 har brug for hjælp til rengøring og indkøb efter en hospitalsindlæggelse. Hvordan søger vi hjemmehjælp? Hans cpr-nummer er 0101361234.\n\n{name}',
    reply:
      'Kære {name}\n\nVi har modtaget ansøgningen om hjemmehjælp. En visitator kontakter din far inden for fem arbejdsdage for at aftale et besøg.\n\nVenlig hilsen\nÆldre og Sundhed',
  },
  {
    kle: '27.60.00',
    kind: 'citizen_inquiry',
    subject: 'Ansøgning om rollator',
    body: 'Jeg har svært ved at gå efter en hofteoperation og vil gerne søge om en rollator som hjælpemiddel.\n\nVenlig hilsen {name}, {street} {no}',
    reply:
      'Kære {name}\n\nEn rollator kan lånes gennem kommunens hjælpemiddeldepot. En terapeut ringer til dig for at afklare behovet.\n\nVenlig hilsen\nÆldre og Sundhed',
  },
  {
    kle: '27.42.00',
    kind: 'complaint',
    subject: 'Klage over plejehjemmets mad',
    body: 'Min mor bor på plejehjemmet, og maden er kold og ensformig. Vi har klaget til personalet uden resultat.\n\n{name}',
    reply:
      'Kære {name}\n\nTak for din klage. Vi har drøftet maden med plejehjemmets leder og køkkenet, og der følges op med en kvalitetsmåling.\n\nVenlig hilsen\nÆldre og Sundhed',
  },
  {
    kle: '23.00.00',
    kind: 'citizen_inquiry',
    subject: 'Bestilling af pas',
    body: 'Jeg skal rejse om seks uger og mit pas er udløbet. Kan jeg nå at få et nyt, og skal jeg bestille tid?\n\n{name}',
    reply: 'Kære {name}\n\nDu bestiller tid i Borgerservice på hjemmesiden. Leveringstiden for pas er normalt to til tre uger.\n\nVenlig hilsen\nBorgerservice',
  },
  {
    kle: '32.06.00',
    kind: 'citizen_inquiry',
    subject: 'Boligstøtte efter skilsmisse',
    body: 'Jeg er blevet skilt og bor nu alene med to børn på {street} {no}. Kan jeg få boligstøtte?\n\n{name}',
    reply:
      'Kære {name}\n\nBoligstøtte søges hos Udbetaling Danmark via borger.dk. Støtten afhænger af husleje, indkomst og antal børn.\n\nVenlig hilsen\nBorgerservice',
  },
  {
    kle: '25.02.00',
    kind: 'citizen_inquiry',
    subject: 'Spørgsmål til ejendomsskat',
    body: 'Min ejendomsskat på {street} {no} er steget. Hvordan er den beregnet, og kan jeg klage?\n\n{name}',
    reply:
      'Kære {name}\n\nEjendomsskatten beregnes ud fra den offentlige ejendomsvurdering og kommunens grundskyldspromille. Klage over vurderingen sendes til Vurderingsstyrelsen.\n\nVenlig hilsen\nBorgerservice',
  },
  {
    kle: '00.22.00',
    kind: 'politician_question',
    subject: 'Spørgsmål fra byrådsmedlem om ventetid på byggesager',
    body: 'Jeg vil gerne vide, hvad den gennemsnitlige sagsbehandlingstid for byggesager har været i år, og hvad forvaltningen gør for at nedbringe den.\n\n{name}, byrådsmedlem',
    reply:
      'Kære {name}\n\nDen gennemsnitlige sagsbehandlingstid har i år været 9,5 uger. Forvaltningen har indført digital forhåndsdialog og styrket bemandingen.\n\nVenlig hilsen\nPolitisk Sekretariat',
  },
  {
    kle: '00.22.00',
    kind: 'politician_question',
    subject: 'Spørgsmål om affaldssortering i etageboliger',
    body: 'Hvor mange etageboliger har fået de nye sorteringsstativer, og hvornår er alle omfattet?\n\n{name}, medlem af Teknik- og Miljøudvalget',
    reply:
      'Kære {name}\n\nOmkring 70 procent af etageboligerne har fået de nye stativer. Resten forventes omfattet inden udgangen af næste år.\n\nVenlig hilsen\nPolitisk Sekretariat',
  },
];

export const firstNames = [
  'Anne',
  'Mikkel',
  'Sara',
  'Jens',
  'Louise',
  'Mohammed',
  'Camilla',
  'Henrik',
  'Ida',
  'Ahmad',
  'Karen',
  'Søren',
  'Emma',
  'Niels',
  'Julie',
  'Thomas',
  'Maria',
  'Rasmus',
  'Zainab',
  'Poul',
  'Freja',
  'Kim',
  'Ayse',
  'Bo',
];
export const lastNames = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Yilmaz',
  'Hussein',
  'Møller',
  'Poulsen',
  'Johansen',
];
export const streets = [
  'Nørregade',
  'Vesterbrogade',
  'Åboulevard',
  'Skolevej',
  'Kirkestræde',
  'Havnegade',
  'Strandvejen',
  'Ringvejen',
  'Bøgevej',
  'Lindealle',
  'Møllevej',
  'Søndergade',
];
export const children = ['Alma', 'Oscar', 'Ella', 'Noah', 'Karla', 'William', 'Ida', 'Malthe'];
