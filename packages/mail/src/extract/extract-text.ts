import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { type OcrEngine, pixelsToPnm } from './ocr';

/** A file whose text we want: an attachment, an imported document, an entry of a zip. */
export interface FileInput {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface ZipLimits {
  /** Entries read at most; the rest are listed as skipped. */
  maxEntries: number;
  /** Uncompressed bytes of one entry at most. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together at most (the zip-bomb guard). */
  maxTotalBytes: number;
}

export interface ExtractOptions {
  /** Files larger than this are kept but not read. */
  maxBytes: number;
  /** OCR for images and scanned PDFs; null = skip with outcome `ocr_unavailable`. */
  ocr: OcrEngine | null;
  zip?: Partial<ZipLimits>;
  /** Pages of a scanned PDF sent through OCR at most. */
  maxOcrPages?: number;
}

/** What became of one file: its text (or null) and a stable outcome code for the case log. */
export interface Extraction {
  text: string | null;
  /** text | pdf_text | pdf_ocr | pdf_no_text | docx_text | ocr | ocr_unavailable | ocr_empty | zip | too_large | unsupported | failed:<reason> */
  outcome: string;
  /** The entries of a zip with their own outcomes. */
  entries?: { name: string; size: number; outcome: string }[];
}

const defaultZip: ZipLimits = { maxEntries: 200, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024 };

type Kind = 'text' | 'pdf' | 'docx' | 'zip' | 'image' | 'eml' | 'other';

/** The kind of a file from its media type, its name and its first bytes (names and types lie). */
export function detectKind(file: Pick<FileInput, 'filename' | 'contentType' | 'content'>): Kind {
  const type = file.contentType.toLowerCase();
  const name = file.filename.toLowerCase();
  const head = file.content.subarray(0, 8);
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) {
    return name.endsWith('.docx') || type.includes('wordprocessingml') ? 'docx' : 'zip';
  }
  if (startsWith(0x89, 0x50, 0x4e, 0x47) || startsWith(0xff, 0xd8, 0xff) || startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a))
    return 'image';
  if (type.startsWith('image/') || /\.(png|jpe?g|tiff?|bmp|gif|webp|pnm|pgm|ppm)$/.test(name)) return 'image';
  if (type === 'message/rfc822' || name.endsWith('.eml')) return 'eml';
  if (type.startsWith('text/') || /\.(txt|csv|md|log)$/.test(name)) return 'text';
  return 'other';
}

/** Decodes text as UTF-8, falling back to Windows-1252 when it is not valid UTF-8 (old Danish files). */
export function decodeText(content: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

function imageExtension(content: Uint8Array): string {
  if (content[0] === 0x89) return 'png';
  if (content[0] === 0xff) return 'jpg';
  if (content[0] === 0x49 || content[0] === 0x4d) return 'tif';
  if (content[0] === 0x50) return 'pnm';
  return 'img';
}

async function extractPdf(content: Uint8Array, options: ExtractOptions): Promise<Extraction> {
  const { extractImages, extractText, getDocumentProxy } = await import('unpdf');
  // pdf.js may detach the buffer it is given; the stored copy must stay intact.
  const pdf = await getDocumentProxy(new Uint8Array(content));
  try {
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    const trimmed = text.trim();
    // A scanned PDF has (nearly) no text layer: a few characters per page at most.
    if (trimmed.length >= 20 * Math.max(1, Math.min(totalPages, 3))) return { text: trimmed, outcome: 'pdf_text' };
    if (!options.ocr) return { text: trimmed || null, outcome: 'ocr_unavailable' };
    const parts: string[] = [];
    for (let page = 1; page <= Math.min(totalPages, options.maxOcrPages ?? 20); page++) {
      for (const image of await extractImages(pdf, page)) {
        if (image.width < 50 || image.height < 50) continue;
        const text = await options.ocr.recognise(pixelsToPnm(image.data, image.width, image.height, image.channels), 'pnm');
        if (text === null) return { text: trimmed || null, outcome: 'ocr_unavailable' };
        if (text.trim()) parts.push(text.trim());
      }
    }
    const ocrText = [trimmed, ...parts].filter(Boolean).join('\n\n');
    return ocrText ? { text: ocrText, outcome: 'pdf_ocr' } : { text: null, outcome: 'pdf_no_text' };
  } finally {
    await pdf.destroy();
  }
}

async function extractDocx(content: Uint8Array): Promise<Extraction> {
  const mammoth = (await import('mammoth')).default;
  const result = await mammoth.extractRawText({ buffer: Buffer.from(content) });
  return { text: result.value.trim(), outcome: 'docx_text' };
}

/**
 * Reads the entries of a zip with hard limits on count and real (not declared) uncompressed size,
 * so a zip bomb stops after `maxTotalBytes` instead of filling memory.
 */
export function readZip(
  content: Uint8Array,
  limits: Partial<ZipLimits> = {},
): { entries: { name: string; content: Uint8Array | null; size: number; outcome: string }[]; isLimited: boolean } {
  const l = { ...defaultZip, ...limits };
  const entries: { name: string; content: Uint8Array | null; size: number; outcome: string }[] = [];
  let total = 0;
  let isLimited = false;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    if (entries.length >= l.maxEntries) {
      isLimited = true;
      entries.push({ name: file.name, content: null, size: 0, outcome: 'skipped_entry_limit' });
      return;
    }
    const entry: { name: string; content: Uint8Array | null; size: number; outcome: string } = { name: file.name, content: null, size: 0, outcome: 'read' };
    entries.push(entry);
    if (total >= l.maxTotalBytes) {
      isLimited = true;
      entry.outcome = 'skipped_total_limit';
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (error, data, final) => {
      if (error) {
        entry.outcome = 'failed:corrupt';
        return;
      }
      if (entry.outcome !== 'read') return;
      entry.size += data.byteLength;
      total += data.byteLength;
      if (entry.size > l.maxEntryBytes || total > l.maxTotalBytes) {
        isLimited = true;
        entry.outcome = entry.size > l.maxEntryBytes ? 'skipped_entry_too_large' : 'skipped_total_limit';
        chunks.length = 0;
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) entry.content = Buffer.concat(chunks);
    };
    try {
      file.start();
    } catch {
      entry.outcome = 'failed:unsupported_compression';
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    unzip.push(content, true);
  } catch {
    entries.push({ name: '(arkiv)', content: null, size: 0, outcome: 'failed:corrupt' });
  }
  return { entries, isLimited };
}

/** Extracts the text of a file: PDF (with OCR for scans), DOCX, plain text, images, and the readable entries of a zip. */
export async function extractFileText(file: FileInput, options: ExtractOptions, depth = 0): Promise<Extraction> {
  if (file.content.byteLength > options.maxBytes) return { text: null, outcome: 'too_large' };
  const kind = detectKind(file);
  try {
    switch (kind) {
      case 'text':
        return { text: decodeText(file.content).trim(), outcome: 'text' };
      case 'pdf':
        return await extractPdf(file.content, options);
      case 'docx':
        return await extractDocx(file.content);
      case 'image': {
        if (!options.ocr) return { text: null, outcome: 'ocr_unavailable' };
        const text = await options.ocr.recognise(file.content, imageExtension(file.content));
        if (text === null) return { text: null, outcome: 'ocr_unavailable' };
        return text.trim() ? { text: text.trim(), outcome: 'ocr' } : { text: null, outcome: 'ocr_empty' };
      }
      case 'zip': {
        // One level of nesting: a zip inside a zip is listed, not opened (another bomb pattern).
        if (depth > 0) return { text: null, outcome: 'unsupported' };
        const { entries } = readZip(file.content, options.zip);
        const parts: string[] = [];
        const listed: { name: string; size: number; outcome: string }[] = [];
        for (const entry of entries) {
          if (!entry.content) {
            listed.push({ name: entry.name, size: entry.size, outcome: entry.outcome });
            continue;
          }
          const inner = await extractFileText({ filename: entry.name, contentType: 'application/octet-stream', content: entry.content }, options, depth + 1);
          listed.push({ name: entry.name, size: entry.size, outcome: inner.outcome });
          if (inner.text) parts.push(`--- ${entry.name} ---\n${inner.text}`);
        }
        return { text: parts.length > 0 ? parts.join('\n\n') : null, outcome: 'zip', entries: listed };
      }
      case 'eml':
        return { text: null, outcome: 'attached_message' };
      default:
        return { text: null, outcome: 'unsupported' };
    }
  } catch (error) {
    // The reason is a class of failure, never the content.
    return { text: null, outcome: `failed:${(error as Error).name || 'error'}` };
  }
}
