/**
 * A generated set of Danish municipal documents for question answering: reports, minutes and
 * memos as PDFs (30–80 pages, with running headers, page numbers, a table of contents), Word
 * documents (one with page breaks, one without) and a Markdown memo, plus a scanned PDF without
 * text and a spreadsheet that is not read. Filler is written from topic templates with a seeded
 * random generator, so every run writes the same bytes; facts are planted on known pages and
 * paragraphs, each with near-miss distractors elsewhere (another year, another place).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { seededRandom } from '@ekspedit/core';
import { Document, Footer, Header, HeadingLevel, Packer, PageBreak, PageNumber, Paragraph, TextRun } from 'docx';
import { PSEUDO_PAGE_PARAGRAPHS } from '../../src/document-qa';
import { fitsOnPage, type PdfBlock, type PdfPage, textPdf } from './text-pdf';

/** A fact written on a known page and paragraph, with a question it answers. */
export interface PlantedFact {
  id: string;
  document: string;
  page: number;
  /** 1-based paragraph on the page (headings, running headers and page numbers not counted). */
  paragraph: number;
  sentence: string;
  question: string;
  /** Words the answer must contain. */
  expect: string;
}

export interface GeneratedDocumentSet {
  dir: string;
  documents: { document: string; pages: number; kind: 'pdf' | 'docx' | 'md' | 'scan' }[];
  facts: PlantedFact[];
  /** A question nothing in the set answers. */
  unanswerable: string;
  /** Pages of all documents (pseudo pages for Word without breaks and Markdown). */
  totalPages: number;
}

// ── Random ──────────────────────────────────────────────────────────────────────────────────

type Rng = () => number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const decimal = (rng: Rng, lo: number, hi: number) => (lo + rng() * (hi - lo)).toFixed(1).replace('.', ',');
const thousands = (n: number) => n.toLocaleString('da-DK').replace(/\u00a0/g, '.');

// ── Vocabulary ──────────────────────────────────────────────────────────────────────────────

const streets = [
  'Skovvej',
  'Strandvejen',
  'Kirkegade',
  'Møllevej',
  'Bakkedraget',
  'Industrivej',
  'Søndergade',
  'Vestergade',
  'Ringvejen',
  'Engvej',
  'Stationsvej',
  'Havnegade',
];
const districts = ['Nordby', 'Søndermark', 'Østerbro', 'Havnekvarteret', 'Bakkebjerg', 'Midtbyen', 'Engparken', 'Skovlunden', 'Fjordsiden'];
const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'august', 'september', 'oktober', 'november'];
const schools = ['Nordskolen', 'Sydskolen', 'Vestre Skole', 'Bakkeskolen', 'Engskolen', 'Fjordskolen'];
const centres = ['Plejecenter Solgården', 'Plejecenter Lindehøj', 'Plejecenter Egebo', 'Plejecenter Kastanjehaven', 'Plejecenter Fjordly'];
const partners = ['forsyningsselskabet', 'politiet', 'Vejdirektoratet', 'de lokale borgerforeninger', 'nabokommunerne', 'regionen', 'skolebestyrelserne'];
const streams = ['Tingbækken', 'Lilleå', 'Kærgrøften', 'Vesterå'];

type Template = (rng: Rng, year: number) => string;

const generic: Template[] = [
  (r) => `Forvaltningen følger udviklingen tæt og afrapporterer til udvalget ${pick(r, ['halvårligt', 'hvert kvartal', 'én gang om året'])}.`,
  (r, y) => `Tallene bygger på kommunens egne registreringer og er opgjort pr. 1. ${pick(r, months)} ${y}.`,
  (r) => `Der er taget højde for den forventede befolkningsudvikling i ${pick(r, districts)}.`,
  (r) => `Arbejdet sker i tæt samarbejde med ${pick(r, partners)}.`,
  () => 'Udgifterne afholdes inden for den eksisterende økonomiske ramme.',
  () => 'Forvaltningen vurderer, at indsatsen samlet set har haft en positiv effekt.',
  (r) => `Der henvises i øvrigt til bilag ${int(r, 1, 9)} for en detaljeret opgørelse.`,
  (_r, y) => `Området indgår i budgetforhandlingerne for ${y + 1}, hvor der skal tages stilling til det videre forløb.`,
  (r) => `Borgerne er inddraget gennem ${pick(r, ['borgermøder', 'en digital høring', 'dialogmøder', 'en spørgeskemaundersøgelse'])} i ${pick(r, districts)}.`,
  (r) => `Resultaterne drøftes på udvalgets møde i ${pick(r, months)}.`,
  () => 'Det er forvaltningens vurdering, at målene kan nås inden for den fastsatte tidsramme.',
  (r) => `Erfaringerne fra ${pick(r, districts)} viser, at en tidlig dialog med de berørte borgere sparer tid senere i forløbet.`,
  () => 'Der er fortsat usikkerhed om de langsigtede udgifter, og skønnet vil blive opdateret løbende.',
  (r) => `Indsatsen evalueres i ${pick(r, months)}, og en eventuel justering forelægges udvalget.`,
  () => 'Den administrative arbejdsgang er forenklet, så sagsbehandlingen går hurtigere.',
];

const topics: Record<'roads' | 'climate' | 'care' | 'schools' | 'waste' | 'council' | 'parking', Template[]> = {
  roads: [
    (r) => `Vejnettet i ${pick(r, districts)} omfatter ${int(r, 40, 160)} km kommuneveje og ${int(r, 10, 60)} km cykelstier.`,
    (r, y) => `Belægningen på ${pick(r, streets)} er vurderet til tilstandsklasse ${int(r, 1, 5)} og skal fornyes inden ${y + int(r, 1, 4)}.`,
    (r, y) => `Der blev i ${y - 1} lagt nyt slidlag på ${int(r, 8, 30)} km vej.`,
    (r) => `Vintertjenesten omfatter saltning af ${int(r, 300, 420)} km vej og ${int(r, 40, 90)} km cykelsti.`,
    (r) => `Ved glatføre prioriteres busruter, skoleveje og adgangsveje til ${pick(r, ['sygehuset', 'plejecentrene', 'brandstationen', 'skolerne'])}.`,
    (r, y) => `Der var ${int(r, 40, 90)} udkald til glatførebekæmpelse i sæsonen ${y - 2}/${String(y - 1).slice(2)}.`,
    (r) => `Trafiktællinger på ${pick(r, streets)} viser en årsdøgntrafik på ${thousands(int(r, 2000, 14000))} køretøjer.`,
    (r, y) => `Der skete ${int(r, 3, 25)} uheld med personskade på kommunens veje i ${y - 1}.`,
    (r) => `Krydset mellem ${pick(r, streets)} og ${pick(r, streets)} er udpeget som en uheldsbelastet lokalitet.`,
    (r) => `Forvaltningen anbefaler hastighedsdæmpende foranstaltninger på ${pick(r, streets)}, hvor mange børn krydser vejen.`,
    (r) => `Gadebelysningen i ${pick(r, districts)} udskiftes til LED-armaturer, som bruger op til ${int(r, 40, 65)} procent mindre strøm.`,
    (r) => `Cykelstien langs ${pick(r, streets)} forlænges med ${decimal(r, 0.8, 4.5)} km.`,
    (r) => `Efterslæbet på vedligeholdelsen af broer og tunneler er opgjort til ${decimal(r, 4, 30)} mio. kr.`,
    (r) => `Der er registreret ${int(r, 150, 600)} huller i vejene efter vinteren, og de fleste er lappet.`,
    (r) => `Fortovene i ${pick(r, districts)} gennemgås hvert ${int(r, 2, 4)}. år.`,
    (r, y) => `Prisen på asfalt er steget med ${int(r, 5, 18)} procent siden ${y - 2}.`,
    (r) => `Der er opsat ${int(r, 10, 40)} nye fartvisere ved skoler og institutioner.`,
    (_r, y) => `Trafiksikkerhedsplanen sætter et mål om at halvere antallet af alvorligt tilskadekomne inden ${y + 5}.`,
    (r) => `Kantklipning langs de større veje sker ${int(r, 2, 3)} gange om året af hensyn til oversigtsforholdene.`,
    (r) => `På ${pick(r, streets)} blev der målt en gennemsnitshastighed på ${int(r, 48, 64)} km/t.`,
  ],
  climate: [
    (r, y) => `Kraftige regnskyl i ${pick(r, months)} ${y - 1} gav oversvømmede kældre i ${int(r, 20, 140)} boliger i ${pick(r, districts)}.`,
    (r) => `Kloaknettet i ${pick(r, districts)} er dimensioneret til en regnhændelse, der statistisk forekommer hvert ${pick(r, ['5.', '10.', '20.'])} år.`,
    (r) => `Højvandssikringen langs fjorden skal klare en vandstand på ${decimal(r, 1.4, 2.6)} meter over daglig vande.`,
    (r, y) => `Forsyningen separerer kloakken i ${pick(r, districts)} i perioden ${y}-${y + 3}.`,
    (r) => `Grønne tage og regnbede kan tilbageholde op til ${int(r, 30, 70)} procent af regnvandet, hvor det falder.`,
    () => 'Klimatilpasningen finansieres i samarbejde med forsyningsselskabet og grundejerne.',
    (r) => `Risikokortlægningen viser, at ${int(r, 200, 900)} bygninger ligger i områder med høj risiko for oversvømmelse.`,
    (r) => `Grundvandet står højt i ${pick(r, districts)}, og der er registreret fugt i ${int(r, 10, 60)} boliger.`,
    (r) => `Vandløbet ${pick(r, streams)} er rettet ud, og der er planlagt genslyngning på ${decimal(r, 0.5, 3)} km.`,
    (r) => `Der etableres et forsinkelsesbassin ved ${pick(r, streets)}, så regnvandet kan ledes langsomt videre.`,
    (r) => `Stormfloden i ${pick(r, months)} satte vand på ${int(r, 5, 40)} ejendomme i Havnekvarteret.`,
    (r) => `Kommunen har plantet ${thousands(int(r, 2000, 12000))} træer som led i klimaplanen.`,
    (r) => `CO2-udledningen fra kommunens egne bygninger er faldet med ${int(r, 10, 35)} procent.`,
    (r) => `Et skybrudsvej langs ${pick(r, streets)} skal lede vandet uden om boligområdet.`,
    () => 'Lokal afledning af regnvand kræver tilladelse, hvis vandet ledes til et vandløb.',
    (r) => `Kystbeskyttelsen ved ${pick(r, districts)} planlægges sammen med grundejerlauget.`,
  ],
  care: [
    (r) => `Der er ${int(r, 380, 520)} plejeboliger fordelt på ${int(r, 6, 11)} plejecentre.`,
    (r, y) => `Antallet af borgere over 80 år forventes at stige med ${int(r, 15, 40)} procent frem mod ${y + 10}.`,
    (r) => `Hjemmeplejen leverede i gennemsnit ${thousands(int(r, 9000, 16000))} besøg om ugen.`,
    (r) => `Sygefraværet blandt medarbejderne på ${pick(r, centres)} var ${decimal(r, 5, 9.5)} procent.`,
    (r) => `Tilfredsheden med hjemmehjælpen var ${int(r, 78, 93)} procent i brugerundersøgelsen.`,
    (r, y) => `Visitationen behandlede ${thousands(int(r, 1800, 3200))} ansøgninger om hjælp i ${y}.`,
    () => 'En plejebolig er en bolig med personale tilknyttet døgnet rundt.',
    (r) => `Der er en ledig plads på ${pick(r, centres)} fra ${pick(r, months)}.`,
    () => 'Rehabiliteringsforløb tilbydes alle borgere, der søger om hjemmehjælp første gang.',
    (r) => `Madservice leveres til ${int(r, 300, 700)} borgere, der bor i eget hjem.`,
    (r) => `Kommunen har ansat ${int(r, 10, 40)} nye social- og sundhedsassistenter.`,
    (r) => `Demenskoordinatorerne fulgte ${int(r, 200, 450)} borgere og deres pårørende.`,
    () => 'Velfærdsteknologi som vasketoiletter og loftlifte udbredes til alle plejecentre.',
    (r) => `Ventetiden på genoptræning efter udskrivning var ${int(r, 5, 20)} dage.`,
    (r) => `Aflastningspladserne på ${pick(r, centres)} var belagt ${int(r, 80, 98)} procent af tiden.`,
    (r) => `Pårørenderådet på ${pick(r, centres)} mødes ${int(r, 4, 6)} gange om året.`,
    () => 'Borgere, der er visiteret til en plejebolig, kan ønske et bestemt plejecenter.',
  ],
  schools: [
    (r) => `${pick(r, schools)} har ${int(r, 280, 650)} elever fordelt på ${int(r, 14, 28)} klasser.`,
    (r) => `Prognosen bygger på fødselstal og tilflytning i ${pick(r, districts)}.`,
    (r) => `Klassekvotienten er i gennemsnit ${decimal(r, 19, 24.5)}.`,
    (r) => `Skolevejen fra ${pick(r, districts)} til ${pick(r, schools)} er vurderet som trafikfarlig ved ${pick(r, streets)}.`,
    (r) => `Der er ledig kapacitet på ${pick(r, schools)} svarende til ${int(r, 2, 6)} klasser.`,
    (r) => `En ændring af distriktsgrænsen vil flytte cirka ${int(r, 20, 90)} elever.`,
    (r) => `Skolebestyrelsen på ${pick(r, schools)} har afgivet høringssvar.`,
    (r) => `Buskørslen til ${pick(r, schools)} koster årligt ${decimal(r, 0.4, 2.2)} mio. kr.`,
    (r) => `Andelen af elever, der vælger privatskole, er ${int(r, 8, 18)} procent i ${pick(r, districts)}.`,
    (r) => `Specialklasserne på ${pick(r, schools)} har plads til ${int(r, 24, 60)} elever.`,
    () => 'Analysen ser på tre modeller for nye distriktsgrænser.',
    (r) => `Model ${pick(r, ['A', 'B', 'C'])} giver den jævneste fordeling af elever mellem skolerne.`,
    (r) => `SFO-pladserne på ${pick(r, schools)} er udnyttet ${int(r, 70, 99)} procent.`,
    () => 'Forældre kan fortsat søge om optagelse på en anden skole end distriktsskolen.',
  ],
  waste: [
    () => 'Restaffald og madaffald hentes i den todelte beholder.',
    (r) => `Genbrugspladsen på ${pick(r, streets)} har åbent alle dage fra kl. 7 til 19.`,
    () => 'Storskrald hentes efter bestilling på kommunens hjemmeside.',
    (r, y) => `Gebyret for en standardordning bliver ${thousands(int(r, 2600, 3400))} kr. om året i ${y}.`,
    (r) => `Sorteringsgraden for papir og pap er steget til ${int(r, 60, 85)} procent.`,
    () => 'Glas og metal afleveres i de nye kuber ved indkøbscentrene.',
    () => 'Husstande med kompostbeholder kan søge om fritagelse for afhentning af madaffald.',
    (r) => `Der er udleveret ${thousands(int(r, 20000, 38000))} nye beholdere.`,
    () => 'Renovationsvognene kører om dagen og undgår skoleveje i myldretiden.',
    (r) => `Farligt affald kan afleveres i den røde boks, som hentes ${int(r, 2, 4)} gange om året.`,
    () => 'Haveaffald kan altid afleveres gratis på genbrugspladsen.',
    () => 'Ordningen har været i høring hos grundejerforeningerne.',
  ],
  council: [
    (r) => `Lokalplanen for ${pick(r, districts)} giver mulighed for ${int(r, 40, 220)} nye boliger.`,
    (r) => `Salget af grunden ved ${pick(r, streets)} forventes at indbringe ${decimal(r, 2, 12)} mio. kr.`,
    () => 'Sagen blev sendt tilbage til fagudvalget til yderligere belysning.',
    (r) => `Idrætshallen i ${pick(r, districts)} får nyt gulv for ${decimal(r, 0.8, 2.5)} mio. kr.`,
    () => 'Borgmesteren orienterede om status på budgetaftalen.',
    (r) => `Der var ${int(r, 3, 30)} høringssvar, som fremgår af bilaget.`,
    () => 'Et mindretal stemte imod og ønskede sin stemmeafgivning ført til protokol.',
    () => 'Indstillingen blev godkendt uden bemærkninger.',
    (r) => `Kulturhuset havde ${thousands(int(r, 40000, 90000))} besøgende sidste år.`,
    (r) => `Tilskuddet til foreningslivet i ${pick(r, districts)} hæves med ${int(r, 50, 400)} tusind kr.`,
    () => 'Medlemmerne drøftede tidsplanen for det videre arbejde.',
  ],
  parking: [
    () => 'Parkering i midtbyen er gratis i de første to timer med p-skive.',
    (r) => `Der er ${int(r, 900, 1600)} offentlige p-pladser i midtbyen.`,
    () => 'En erhvervslicens koster 1.800 kr. om året og gælder for virksomhedens biler.',
    () => 'Kontrollen udføres af kommunens parkeringsvagter alle hverdage.',
    (r) => `Belægningen på p-pladserne ved ${pick(r, streets)} er over ${int(r, 85, 97)} procent om formiddagen.`,
    () => 'Der etableres ladestandere til elbiler på de større pladser.',
    () => 'Handicapparkering er gratis og uden tidsbegrænsning.',
    () => 'Beboere i zonen kan købe én licens pr. husstand.',
  ],
};

type Topic = keyof typeof topics;

/** A paragraph of 3–5 filler sentences on a topic, with now and then a general sentence. */
function fillerParagraph(rng: Rng, topic: Topic, year: number): string[] {
  const n = int(rng, 3, 5);
  const out: string[] = [];
  while (out.length < n) {
    const s = (rng() < 0.25 ? pick(rng, generic) : pick(rng, topics[topic]))(rng, year);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

// ── Document plans ──────────────────────────────────────────────────────────────────────────

interface Plant {
  page: number;
  paragraph: number;
  sentence: string;
  fact?: { id: string; question: string; expect: string };
}

interface PdfPlan {
  document: string;
  title: string;
  unit: string;
  topic: Topic;
  year: number;
  pages: number;
  sections: string[];
  /** Minutes: agenda items as headings instead of report sections. */
  minutes?: boolean;
  plants: Plant[];
}

const fact = (id: string, question: string, expect: string) => ({ id, question, expect });

const pdfPlans: PdfPlan[] = [
  {
    document: 'rapporter/vejrapport-2025.pdf',
    title: 'Vej- og trafikrapport 2025',
    unit: 'Teknik og Miljø, Vej og Park',
    topic: 'roads',
    year: 2025,
    pages: 80,
    sections: [
      'Vejnettets tilstand',
      'Vedligeholdelse af belægninger',
      'Vintertjeneste og glatførebekæmpelse',
      'Trafiksikkerhed',
      'Cykelstier og stier',
      'Gadebelysning',
      'Broer og bygværker',
      'Økonomi og prioritering',
    ],
    plants: [
      {
        page: 57,
        paragraph: 3,
        sentence: 'Budgettet for vintertjenesten 2025 er 14,2 mio. kr., som dækker saltning, snerydning og vagtberedskab på 412 km kommuneveje.',
        fact: fact('vintertjeneste', 'Hvad er budgettet for vintertjenesten i 2025?', '14,2 mio. kr.'),
      },
    ],
  },
  {
    document: 'rapporter/klimatilpasningsplan-2024-2030.pdf',
    title: 'Klimatilpasningsplan 2024–2030',
    unit: 'Teknik og Miljø, Natur og Klima',
    topic: 'climate',
    year: 2024,
    pages: 60,
    sections: ['Klimaets udvikling', 'Skybrud og regnvand', 'Havvand og stormflod', 'Grundvand', 'Vandløb', 'Handleplan 2024–2030'],
    plants: [
      {
        page: 41,
        paragraph: 2,
        sentence: 'Regnvandsbassinet ved Møllebækken skal kunne rumme 38.000 kubikmeter vand og ventes færdigt i oktober 2027.',
        fact: fact('regnvandsbassin', 'Hvor mange kubikmeter vand skal regnvandsbassinet ved Møllebækken kunne rumme?', '38.000 kubikmeter'),
      },
      { page: 18, paragraph: 4, sentence: 'Regnvandsbassinet ved Lindegården blev udvidet i 2022 og kan i dag rumme 12.500 kubikmeter vand.' },
    ],
  },
  {
    document: 'rapporter/aarsrapport-aeldreomraadet-2024.pdf',
    title: 'Årsrapport for ældreområdet 2024',
    unit: 'Social og Sundhed',
    topic: 'care',
    year: 2024,
    pages: 70,
    sections: [
      'Året i overblik',
      'Visitation og hjemmepleje',
      'Plejeboliger og plejecentre',
      'Rehabilitering og genoptræning',
      'Demens',
      'Medarbejdere',
      'Økonomi',
    ],
    plants: [
      {
        page: 23,
        paragraph: 4,
        sentence: 'Den gennemsnitlige ventetid på en plejeboligplads var 47 dage i 2024 mod 39 dage året før.',
        fact: fact('ventetid', 'Hvor lang var ventetiden på en plejebolig i 2024?', '47 dage'),
      },
      { page: 31, paragraph: 2, sentence: 'Ventetiden på hjemmehjælp efter visitation var i gennemsnit 9 dage i 2024.' },
    ],
  },
  {
    document: 'referater/teknik-og-miljoeudvalget-2024.pdf',
    title: 'Teknik- og Miljøudvalget: referater 2024',
    unit: 'Teknik- og Miljøudvalget',
    topic: 'roads',
    year: 2024,
    pages: 45,
    minutes: true,
    sections: [
      'Trafiksikkerhedsplan, status',
      'Hastighedsgrænser på lokalveje',
      'Vintertjeneste, regnskab',
      'Spildevandsplan, høring',
      'Cykelstiprojekter 2025',
      'Affaldsplan, forslag',
      'Vejbelysning i landområder',
      'Lokalplan for Engparken',
    ],
    plants: [
      {
        page: 31,
        paragraph: 2,
        sentence: 'Udvalget besluttede at nedsætte hastigheden på Skovvej til 40 km/t fra 1. marts 2025, og forvaltningen sætter nye skilte op inden da.',
        fact: fact('skovvej', 'Hvad besluttede udvalget om hastigheden på Skovvej?', '40 km/t'),
      },
      {
        page: 12,
        paragraph: 3,
        sentence: 'Budgettet for vintertjenesten 2024 var 13,6 mio. kr., men forbruget endte på 15,1 mio. kr. på grund af den kolde januar.',
      },
    ],
  },
  {
    document: 'notater/skoledistrikter-analyse-2025.pdf',
    title: 'Analyse af skoledistrikter 2025',
    unit: 'Børn og Unge',
    topic: 'schools',
    year: 2025,
    pages: 35,
    sections: ['Baggrund', 'Elevtal og prognoser', 'Kapacitet', 'Skoleveje', 'Modeller for nye distrikter', 'Anbefaling'],
    plants: [
      {
        page: 18,
        paragraph: 3,
        sentence: 'Elevtallet på Nordskolen forventes at falde fra 612 elever i dag til 548 elever i skoleåret 2030/31.',
        fact: fact('nordskolen', 'Hvor mange elever forventes Nordskolen at have i 2030?', '548 elever'),
      },
      { page: 9, paragraph: 2, sentence: 'Elevtallet på Sydskolen forventes at stige fra 455 til 490 elever frem mod 2030.' },
    ],
  },
];

/** The blocks of one PDF page of a plan. */
function pdfPageBlocks(plan: PdfPlan, rng: Rng, page: number): PdfBlock[] {
  if (page === 1)
    return [
      { kind: 'heading', text: plan.title },
      { kind: 'paragraph', text: `Ekspedit Kommune, ${plan.unit}.` },
      { kind: 'paragraph', text: `Udgivet i ${pick(rng, months)} ${plan.year}. Dokumentet er offentligt og kan genbruges med kildeangivelse.` },
    ];
  if (page === 2)
    return [
      { kind: 'heading', text: 'Indhold' },
      ...plan.sections.map((s, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${s} ${3 + Math.floor((i * (plan.pages - 3)) / plan.sections.length)}` })),
    ];
  const blocks: PdfBlock[] = [];
  const sectionAt = (p: number) => Math.floor(((p - 3) * plan.sections.length) / (plan.pages - 2));
  const section = sectionAt(page);
  if (page === 3 || sectionAt(page - 1) !== section) {
    const name = plan.sections[section] ?? 'Bilag';
    blocks.push({ kind: 'heading', text: plan.minutes ? `Punkt ${section + 1}. ${name}` : `${section + 1}. ${name}` });
  } else if (rng() < 0.3) blocks.push({ kind: 'heading', text: `${section + 1}.${int(rng, 1, 6)} ${pick(rng, plan.sections)}` });
  const plants = plan.plants.filter((p) => p.page === page);
  const count = Math.max(int(rng, 4, 6), ...plants.map((p) => p.paragraph));
  const paragraphs: string[][] = [];
  for (let i = 0; i < count; i++) {
    const sentences = fillerParagraph(rng, plan.topic, plan.year);
    if (plan.minutes && i === 0 && blocks.length) sentences.unshift('Sagsfremstilling:');
    paragraphs.push(sentences);
  }
  for (const p of plants) paragraphs[p.paragraph - 1]?.splice(1, 0, p.sentence);
  if (plan.minutes && !plants.length)
    paragraphs.push([pick(rng, ['Beslutning: Godkendt.', 'Beslutning: Indstillingen blev godkendt.', 'Beslutning: Taget til efterretning.'])]);
  const out = [...blocks, ...paragraphs.map((s) => ({ kind: 'paragraph' as const, text: s.join(' ') }))];
  // Filler is trimmed from the end until the page fits; planted paragraphs are never dropped.
  const keep = Math.max(0, ...plants.map((p) => p.paragraph + blocks.length));
  while (!fitsOnPage({ blocks: out }) && out.length > keep) out.pop();
  return out;
}

function writePdfPlan(plan: PdfPlan, rng: Rng): Uint8Array {
  const pages: PdfPage[] = [];
  for (let page = 1; page <= plan.pages; page++)
    pages.push({
      blocks: pdfPageBlocks(plan, rng, page),
      header: page > 1 ? `${plan.title} · Ekspedit Kommune` : undefined,
      footer: `Side ${page} af ${plan.pages}`,
    });
  return textPdf(pages, { title: plan.title });
}

// ── Word and Markdown ───────────────────────────────────────────────────────────────────────

/** The memo on the new waste scheme: a Word document with explicit page breaks, 12 pages. */
async function wasteMemo(rng: Rng): Promise<{ bytes: Uint8Array; pages: number; plants: Plant[] }> {
  const plants: Plant[] = [
    {
      page: 7,
      paragraph: 2,
      sentence: 'Med den nye ordning hentes haveaffald hver 14. dag fra april til november, og i vintermånederne er der ingen afhentning.',
      fact: fact('haveaffald', 'Hvor ofte bliver haveaffald hentet med den nye ordning?', 'hver 14. dag'),
    },
    { page: 3, paragraph: 3, sentence: 'Med den nuværende ordning hentes haveaffald hver 4. uge i sommerhalvåret.' },
  ];
  const sections = ['Baggrund', 'Den nuværende ordning', 'Erfaringer fra andre kommuner', 'Forslag til ny ordning', 'Økonomi og gebyrer', 'Tidsplan'];
  const children: Paragraph[] = [];
  const pages = 12;
  for (let page = 1; page <= pages; page++) {
    if (page > 1) children.push(new Paragraph({ children: [new PageBreak()] }));
    if (page === 1) children.push(new Paragraph({ text: 'Notat: Ny ordning for affald og genbrug', heading: HeadingLevel.HEADING_1 }));
    else if (page % 2 === 0) children.push(new Paragraph({ text: sections[(page / 2 - 1) % sections.length] ?? 'Bilag', heading: HeadingLevel.HEADING_2 }));
    const count = int(rng, 4, 5);
    for (let k = 1; k <= count; k++) {
      const sentences = fillerParagraph(rng, 'waste', 2025);
      for (const p of plants) if (p.page === page && p.paragraph === k) sentences.splice(1, 0, p.sentence);
      children.push(new Paragraph({ children: [new TextRun(sentences.join(' '))] }));
    }
  }
  const doc = new Document({
    creator: 'Ekspedit Kommune',
    title: 'Notat: Ny ordning for affald og genbrug',
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('Ekspedit Kommune · Teknik og Miljø')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Side ', PageNumber.CURRENT] })] })] }) },
        children,
      },
    ],
  });
  return { bytes: new Uint8Array(await Packer.toBuffer(doc)), pages, plants };
}

/** Minutes of a city council meeting: a Word document without page breaks (pseudo pages). */
async function councilMinutes(rng: Rng): Promise<{ bytes: Uint8Array; pages: number; plants: Plant[] }> {
  const items = [
    'Godkendelse af dagsorden',
    'Lokalplan for boliger i Engparken',
    'Salg af grund ved Industrivej',
    'Kulturhuset, anlægsbevillinger',
    'Budgetopfølgning',
    'Tilskud til foreninger',
    'Idrætshal i Søndermark',
    'Eventuelt',
  ];
  const planted = 'Byrådet godkendte en anlægsbevilling på 3,8 mio. kr. til renovering af taget på Kulturhuset, så arbejdet kan begynde i foråret.';
  const distractor = 'Byrådet godkendte en anlægsbevilling på 1,2 mio. kr. til nye toiletter i Kulturhuset.';
  const plantOrdinal = 43;
  const distractorOrdinal = 39;
  const children: Paragraph[] = [new Paragraph({ text: 'Referat af byrådsmødet den 28. november 2024', heading: HeadingLevel.HEADING_1 })];
  let ordinal = 0;
  let plantedOrdinal = 0;
  for (const [i, item] of items.entries()) {
    children.push(new Paragraph({ text: `Punkt ${i + 1}. ${item}`, heading: HeadingLevel.HEADING_2 }));
    const count = i === 3 ? 14 : 12;
    for (let k = 0; k < count; k++) {
      ordinal++;
      const sentences = fillerParagraph(rng, 'council', 2024);
      if (ordinal === plantOrdinal) {
        sentences.splice(1, 0, planted);
        plantedOrdinal = ordinal;
      }
      if (ordinal === distractorOrdinal) sentences.splice(0, 0, distractor);
      children.push(new Paragraph({ children: [new TextRun(sentences.join(' '))] }));
    }
  }
  const doc = new Document({ creator: 'Ekspedit Kommune', sections: [{ children }] });
  const at = (o: number) => ({ page: Math.ceil(o / PSEUDO_PAGE_PARAGRAPHS), paragraph: ((o - 1) % PSEUDO_PAGE_PARAGRAPHS) + 1 });
  return {
    bytes: new Uint8Array(await Packer.toBuffer(doc)),
    pages: Math.ceil(ordinal / PSEUDO_PAGE_PARAGRAPHS),
    plants: [
      {
        ...at(plantedOrdinal),
        sentence: planted,
        fact: fact('kulturhus', 'Hvor stor er anlægsbevillingen til renovering af Kulturhusets tag?', '3,8 mio. kr.'),
      },
    ],
  };
}

/** An earlier memo on parking, in Markdown (pseudo pages). */
function parkingMemo(rng: Rng): { text: string; pages: number; plants: Plant[] } {
  const planted = 'En beboerlicens til parkering i midtbyen koster 600 kr. om året og gælder for én bil pr. husstand.';
  const plantOrdinal = 13;
  const lines = ['# Notat om parkering i midtbyen', '', 'Dato: 3. juni 2023. Sagsbehandler: Vej og Park.', ''];
  let ordinal = 1;
  const headings = ['Baggrund', 'Zoner og regler', 'Licenser', 'Kontrol', 'Fremtidige tiltag'];
  for (const h of headings) {
    lines.push(`## ${h}`, '');
    for (let k = 0; k < 5; k++) {
      ordinal++;
      const sentences = fillerParagraph(rng, 'parking', 2023);
      if (ordinal === plantOrdinal) sentences.splice(1, 0, planted);
      lines.push(sentences.join(' '), '');
    }
  }
  lines.push('- Zone A: midtbyen inden for ringvejen', '- Zone B: havneområdet', '');
  ordinal++;
  return {
    text: lines.join('\n'),
    pages: Math.ceil(ordinal / PSEUDO_PAGE_PARAGRAPHS),
    plants: [
      {
        page: Math.ceil(plantOrdinal / PSEUDO_PAGE_PARAGRAPHS),
        paragraph: ((plantOrdinal - 1) % PSEUDO_PAGE_PARAGRAPHS) + 1,
        sentence: planted,
        fact: fact('beboerlicens', 'Hvad koster en beboerlicens i midtbyen?', '600 kr.'),
      },
    ],
  };
}

// ── The set ─────────────────────────────────────────────────────────────────────────────────

const archiveTopics: { topic: Topic; slug: string; title: string; unit: string; sections: string[]; minutes?: boolean }[] = [
  { topic: 'roads', slug: 'vejrapport', title: 'Vej- og trafikrapport', unit: 'Teknik og Miljø', sections: pdfPlans[0]?.sections ?? [] },
  { topic: 'climate', slug: 'klimastatus', title: 'Klimastatus', unit: 'Natur og Klima', sections: pdfPlans[1]?.sections ?? [] },
  { topic: 'care', slug: 'aarsrapport-aeldre', title: 'Årsrapport for ældreområdet', unit: 'Social og Sundhed', sections: pdfPlans[2]?.sections ?? [] },
  {
    topic: 'roads',
    slug: 'referater-tmu',
    title: 'Teknik- og Miljøudvalget: referater',
    unit: 'Teknik- og Miljøudvalget',
    sections: pdfPlans[3]?.sections ?? [],
    minutes: true,
  },
  { topic: 'schools', slug: 'skoleanalyse', title: 'Skoleanalyse', unit: 'Børn og Unge', sections: pdfPlans[4]?.sections ?? [] },
];

/**
 * Writes the set into `dir` and returns where every planted fact is. With `pages` above the
 * ~320 pages of the base set, archive reports of earlier years (filler only, with their own
 * winter-service budgets as distractors) are added until the set has at least that many pages.
 */
export async function writeDocumentSet(dir: string, options: { pages?: number; seed?: number } = {}): Promise<GeneratedDocumentSet> {
  const rng = seededRandom(options.seed ?? 20250520);
  const documents: GeneratedDocumentSet['documents'] = [];
  const facts: PlantedFact[] = [];
  const write = async (document: string, bytes: Uint8Array | string) => {
    await mkdir(dirname(join(dir, document)), { recursive: true });
    await writeFile(join(dir, document), bytes);
  };
  const record = (document: string, plants: Plant[]) => {
    for (const p of plants) if (p.fact) facts.push({ ...p.fact, document, page: p.page, paragraph: p.paragraph, sentence: p.sentence });
  };

  for (const plan of pdfPlans) {
    await write(plan.document, writePdfPlan(plan, rng));
    documents.push({ document: plan.document, pages: plan.pages, kind: 'pdf' });
    record(plan.document, plan.plants);
  }
  const waste = await wasteMemo(rng);
  await write('notater/notat-ny-affaldsordning.docx', waste.bytes);
  documents.push({ document: 'notater/notat-ny-affaldsordning.docx', pages: waste.pages, kind: 'docx' });
  record('notater/notat-ny-affaldsordning.docx', waste.plants);
  const council = await councilMinutes(rng);
  await write('referater/byraadsmoede-2024-11-28.docx', council.bytes);
  documents.push({ document: 'referater/byraadsmoede-2024-11-28.docx', pages: council.pages, kind: 'docx' });
  record('referater/byraadsmoede-2024-11-28.docx', council.plants);
  const parking = parkingMemo(rng);
  await write('notater/tidligere-notat-parkering.md', parking.text);
  documents.push({ document: 'notater/tidligere-notat-parkering.md', pages: parking.pages, kind: 'md' });
  record('notater/tidligere-notat-parkering.md', parking.plants);
  // A scanned consultation response: pages without a text layer. And a spreadsheet, which is not read.
  await write('bilag/scannet-hoeringssvar.pdf', textPdf([{ blocks: [] }, { blocks: [] }]));
  documents.push({ document: 'bilag/scannet-hoeringssvar.pdf', pages: 2, kind: 'scan' });
  await write('bilag/budgetoversigt.xlsx', 'PK\u0003\u0004 not a real workbook');

  let total = documents.reduce((n, d) => n + d.pages, 0);
  let year = 2023;
  let k = 0;
  while (total < (options.pages ?? 0)) {
    const a = archiveTopics[k % archiveTopics.length] as (typeof archiveTopics)[number];
    const pages = int(rng, 60, 80);
    const plan: PdfPlan = {
      document: `arkiv/${a.slug}-${year}.pdf`,
      title: `${a.title} ${year}`,
      unit: a.unit,
      topic: a.topic,
      year,
      pages,
      sections: a.sections,
      minutes: a.minutes,
      plants:
        a.topic === 'roads' && !a.minutes
          ? [{ page: int(rng, 20, 50), paragraph: 2, sentence: `Budgettet for vintertjenesten ${year} var ${decimal(rng, 10, 13)} mio. kr.` }]
          : [],
    };
    await write(plan.document, writePdfPlan(plan, rng));
    documents.push({ document: plan.document, pages, kind: 'pdf' });
    total += pages;
    k++;
    if (k % archiveTopics.length === 0) year--;
  }
  return { dir, documents, facts, unanswerable: 'Hvornår åbner den nye svømmehal i Vestby?', totalPages: total };
}
