import { extname } from 'node:path';
import { extractDocument } from '../knowledge';
import { parseAgenda } from './agenda';
import { detectTranscriptFormat, parsePlainTranscript, parseTranscript } from './transcript';
import type { Agenda, TranscriptLine } from './types';

/** File types the minutes engine reads, by role. */
export const agendaExtensions = ['.docx', '.pdf', '.md', '.markdown', '.txt'] as const;
export const transcriptExtensions = ['.txt', '.vtt', '.srt', '.docx', '.md'] as const;

async function pdfText(content: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(content));
  const { text } = await extractText(pdf, { mergePages: true });
  return Array.isArray(text) ? text.join('\n') : text;
}

async function docxParagraphs(content: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(content) });
  return value
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** Reads an agenda file (DOCX, PDF, Markdown or text). */
export async function readAgenda(input: { filename: string; content: Uint8Array }): Promise<Agenda> {
  const ext = extname(input.filename).toLowerCase();
  if (ext === '.docx') {
    // Word's list numbering lives in the structure, not the text: the extracted blocks keep it.
    const doc = await extractDocument({ filename: input.filename, content: input.content });
    return parseAgenda(doc.blocks.flatMap((b) => b.text.split('\n')).join('\n'));
  }
  if (ext === '.pdf') return parseAgenda(await pdfText(input.content));
  return parseAgenda(new TextDecoder('utf-8').decode(input.content));
}

/** Reads a transcript or notes file (text, WebVTT, SRT, DOCX); DOCX lines are its paragraphs. */
export async function readTranscript(input: { filename: string; content: Uint8Array }): Promise<TranscriptLine[]> {
  if (extname(input.filename).toLowerCase() === '.docx') return parsePlainTranscript(await docxParagraphs(input.content));
  const text = new TextDecoder('utf-8').decode(input.content);
  return parseTranscript(text, detectTranscriptFormat(text, input.filename));
}
