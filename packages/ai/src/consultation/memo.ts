import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { markdownBlocks } from '../knowledge/extract';
import { themeBreakdowns } from './output';
import type { LiveQuality } from './quality';
import {
  type ConsultationAnalysis,
  type ConsultationResponse,
  type RespondentType,
  respondentTypeLabels,
  respondentTypes,
  type Stance,
  stanceLabels,
  stances,
} from './types';

export interface MemoOptions {
  /** The analysed responses (their texts go in the appendix). */
  responses: readonly ConsultationResponse[];
  /** Title of the proposal; default: the first heading of `proposal`. */
  title?: string;
  /** The proposal as Markdown; its text opens the memo. */
  proposal?: string;
  /** Date of the draft, YYYY-MM-DD. */
  date?: string;
  /** Agreement with human review so far, shown so readers know how far to trust the counts. */
  quality?: LiveQuality | null;
}

const placeholder = 'Administrationens bemærkninger: …';
const typeLabel = (t: RespondentType | null) => (t ? respondentTypeLabels[t] : 'Ukendt');
const singularType: Record<RespondentType, string> = {
  citizen: 'Borger',
  association: 'Forening',
  business: 'Virksomhed',
  local_council: 'Lokalråd',
  staff: 'Medarbejder',
};
const pct = (n: number, total: number) => (total ? `${Math.round((n / total) * 100)} %` : '–');

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
}

function para(text: string, options: { italics?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 120 } });
}

function labelled(label: string, text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(text)], spacing: { after: 80 } });
}

function table(header: string[], rows: (string | number)[][]): Table {
  const cell = (text: string | number, bold = false, right = false) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text: String(text), bold })], alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, i > 0)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i > 0)) })),
    ],
  });
}

/** The proposal's Markdown as memo paragraphs. */
function proposalParagraphs(markdown: string): Paragraph[] {
  return markdownBlocks(markdown)
    .filter((b, i) => !(i === 0 && b.kind === 'heading'))
    .map((b) => (b.kind === 'heading' ? para(b.text, { bold: true }) : para(b.text.replace(/^>\s?/gm, ''))));
}

const stanceLine = (byStance: Record<Stance, number>) => stances.map((s) => `${stanceLabels[s]} ${byStance[s]}`).join(' · ');

/**
 * A draft consultation memo (høringsnotat) as DOCX: the proposal, who responded, each theme with its
 * count, stance split, representative quotes with response ids and a placeholder for the
 * administration's comment, campaigns shown apart, breakdowns by respondent type and stance, and an
 * appendix with every response.
 */
export async function buildConsultationMemo(analysis: ConsultationAnalysis, options: MemoOptions): Promise<Uint8Array> {
  const { responses } = options;
  const byId = new Map(responses.map((r) => [r.id, r]));
  const assignmentOf = new Map(analysis.responses.map((a) => [a.id, a]));
  const { all, byTheme } = themeBreakdowns(analysis, responses);
  const firstHeading = options.proposal ? markdownBlocks(options.proposal).find((b) => b.kind === 'heading')?.text : undefined;
  const title = options.title ?? firstHeading ?? 'Forslag i høring';
  const themeName = new Map(analysis.themes.map((t) => [t.id, t.name]));
  const inCampaigns = analysis.campaigns.reduce((s, c) => s + c.size, 0);
  const themes = [...analysis.themes].sort((a, b) => b.count - a.count || b.responseCount - a.responseCount);
  const body: (Paragraph | Table)[] = [];

  body.push(new Paragraph({ text: 'Høringsnotat (udkast)', heading: HeadingLevel.TITLE }));
  body.push(para(title, { bold: true }));
  const engine = analysis.engine === 'llm' ? `med sprogmodel (${analysis.llm?.model ?? 'ukendt model'})` : 'uden sprogmodel (offline metode)';
  body.push(
    para(
      `Udkast lavet af Ekspedit ${engine}${options.date ? ` den ${options.date}` : ''}. Temaer, holdninger og citater er maskinens forslag; administrationen gennemgår og retter dem, før notatet bruges.`,
      { italics: true },
    ),
  );
  if (options.quality) {
    const q = options.quality;
    body.push(
      para(
        `Kvalitet: på ${q.reviewed} svar, som en medarbejder har gennemgået, er overensstemmelsen mellem maskinens og medarbejderens temaer F1 = ${q.f1.toFixed(2)} (95 %-interval ${q.interval[0].toFixed(2)}–${q.interval[1].toFixed(2)}). ${q.isTrustworthy ? 'Det er over tærsklen for at stole på optællingerne.' : 'Det er under tærsklen (F1 0,75 på mindst 30 svar): læs svarene, før optællingerne bruges.'}`,
        { italics: true },
      ),
    );
  }

  body.push(heading('1. Forslaget', HeadingLevel.HEADING_1));
  if (options.proposal) body.push(...proposalParagraphs(options.proposal));
  else body.push(para('[Kort beskrivelse af forslaget]', { italics: true }));

  body.push(heading('2. Høringen', HeadingLevel.HEADING_1));
  const kinds = respondentTypes
    .filter((t) => all.byRespondentType[t] > 0)
    .map((t) => `${all.byRespondentType[t]} fra ${respondentTypeLabels[t].toLowerCase()}`);
  if (all.byRespondentType.unknown > 0) kinds.push(`${all.byRespondentType.unknown} fra afsendere af ukendt type`);
  body.push(para(`Der er modtaget ${responses.length} høringssvar: ${kinds.join(', ')}.`));
  if (analysis.campaigns.length > 0) {
    body.push(
      para(
        `Heraf er ${inCampaigns} svar enslydende svar i ${analysis.campaigns.length} ${analysis.campaigns.length === 1 ? 'kampagne' : 'kampagner'}. En kampagne tælles som ét synspunkt under temaerne og beskrives for sig i afsnit 4.`,
      ),
    );
  }
  body.push(
    table(
      ['Afsendertype', 'Antal svar', 'Andel'],
      [...respondentTypes, 'unknown' as const]
        .filter((t) => all.byRespondentType[t] > 0)
        .map((t) => [t === 'unknown' ? 'Ukendt' : respondentTypeLabels[t], all.byRespondentType[t], pct(all.byRespondentType[t], all.total)]),
    ),
  );
  body.push(para(''));
  body.push(
    table(
      ['Holdning til forslaget', 'Antal svar', 'Andel'],
      stances.map((s) => [stanceLabels[s], all.byStance[s], pct(all.byStance[s], all.total)]),
    ),
  );

  body.push(heading('3. Temaer i høringssvarene', HeadingLevel.HEADING_1));
  body.push(
    para(
      `Svarene er fordelt på ${themes.length} temaer. Et svar kan handle om flere temaer. Antal svar er talt med hver kampagne som ét svar; tallet i parentes tæller hvert enkelt svar.`,
    ),
  );
  themes.forEach((t, i) => {
    const b = byTheme.get(t.id);
    body.push(heading(`3.${i + 1} ${t.name}: ${t.count} svar${t.responseCount !== t.count ? ` (${t.responseCount})` : ''}`, HeadingLevel.HEADING_2));
    if (t.description) body.push(para(t.description, { italics: true }));
    if (b) {
      body.push(labelled('Holdning (hvert svar talt):', stanceLine(b.byStance)));
      body.push(
        labelled(
          'Afsendere:',
          [...respondentTypes, 'unknown' as const]
            .filter((x) => b.byRespondentType[x] > 0)
            .map((x) => `${x === 'unknown' ? 'Ukendt' : respondentTypeLabels[x]} ${b.byRespondentType[x]}`)
            .join(' · '),
        ),
      );
    }
    if (t.examples.length > 0) body.push(para('Eksempler fra svarene:', { bold: true }));
    for (const q of t.examples) {
      body.push(
        new Paragraph({
          children: [new TextRun({ text: `»${q.text}«`, italics: true }), new TextRun(` (svar ${q.responseId})`)],
          indent: { left: 400 },
          spacing: { after: 80 },
        }),
      );
    }
    body.push(para(placeholder, { bold: true }));
  });
  const unthemed = analysis.responses.filter((r) => r.themes.length === 0);
  if (unthemed.length > 0) {
    body.push(heading(`3.${themes.length + 1} Svar uden tema: ${unthemed.length} svar`, HeadingLevel.HEADING_2));
    body.push(para(`Svar, der tager stilling uden at begrunde det, eller som ingen af temaerne passer på: ${unthemed.map((r) => r.id).join(', ')}.`));
    body.push(
      labelled('Holdning:', stanceLine(Object.fromEntries(stances.map((s) => [s, unthemed.filter((r) => r.stance === s).length])) as Record<Stance, number>)),
    );
  }

  body.push(heading('4. Kampagner (enslydende svar)', HeadingLevel.HEADING_1));
  if (analysis.campaigns.length === 0) body.push(para('Der er ikke fundet enslydende svar.'));
  for (const c of analysis.campaigns) {
    const rep = assignmentOf.get(c.representativeId);
    body.push(heading(`Kampagne ${c.id}: ${c.size} enslydende svar`, HeadingLevel.HEADING_2));
    body.push(labelled('Svar:', c.ids.join(', ')));
    if (rep) {
      body.push(labelled('Holdning:', stanceLabels[rep.stance]));
      body.push(labelled('Temaer:', rep.themes.map((id) => themeName.get(id) ?? id).join(', ') || 'ingen'));
    }
    body.push(para(`Teksten (svar ${c.representativeId}; de øvrige svar afviger kun i småting):`, { bold: true }));
    for (const line of (byId.get(c.representativeId)?.text ?? '').split(/\n\s*\n/)) {
      if (line.trim())
        body.push(new Paragraph({ children: [new TextRun({ text: line.trim(), italics: true })], indent: { left: 400 }, spacing: { after: 80 } }));
    }
    body.push(para(placeholder, { bold: true }));
  }

  body.push(heading('5. Oversigter', HeadingLevel.HEADING_1));
  body.push(para('Temaer fordelt på afsendertype (hvert svar talt):', { bold: true }));
  const usedTypes = [...respondentTypes, 'unknown' as const].filter((t) => all.byRespondentType[t] > 0);
  body.push(
    table(
      ['Tema', ...usedTypes.map((t) => (t === 'unknown' ? 'Ukendt' : respondentTypeLabels[t])), 'I alt'],
      themes.map((t) => {
        const b = byTheme.get(t.id);
        return [t.name, ...usedTypes.map((x) => b?.byRespondentType[x] ?? 0), b?.total ?? 0];
      }),
    ),
  );
  body.push(para(''));
  body.push(para('Temaer fordelt på holdning (hvert svar talt):', { bold: true }));
  body.push(
    table(
      ['Tema', ...stances.map((s) => stanceLabels[s]), 'I alt'],
      themes.map((t) => {
        const b = byTheme.get(t.id);
        return [t.name, ...stances.map((s) => b?.byStance[s] ?? 0), b?.total ?? 0];
      }),
    ),
  );

  body.push(heading('Bilag: Alle høringssvar', HeadingLevel.HEADING_1));
  for (const r of responses) {
    const a = assignmentOf.get(r.id);
    const meta = [
      r.respondentType ? singularType[r.respondentType] : typeLabel(null),
      a ? stanceLabels[a.stance] : null,
      a?.themes.length ? `Temaer: ${a.themes.map((id) => themeName.get(id) ?? id).join(', ')}` : 'Intet tema',
      a?.campaignId ? `Kampagne ${a.campaignId}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    body.push(new Paragraph({ children: [new TextRun({ text: `Svar ${r.id}`, bold: true }), new TextRun(` — ${meta}`)], spacing: { before: 200, after: 60 } }));
    for (const line of r.text.split(/\n\s*\n/))
      if (line.trim()) body.push(new Paragraph({ text: line.trim().replace(/\s*\n\s*/g, ' '), spacing: { after: 60 } }));
  }

  const doc = new Document({
    creator: 'Ekspedit',
    title: `Høringsnotat (udkast): ${title}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: body }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
