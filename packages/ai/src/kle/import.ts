import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseKleXml } from './parse-kle-xml';
import { parseOs2AgoraJson } from './parse-os2agora';
import { KleParseError, parseOs2Kle } from './parse-os2kle';
import type { KleEntry, KleFormat } from './types';

/** Tells the KLE format from the first characters of a file. */
export function detectKleFormat(head: string): KleFormat | null {
  const start = head.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<')) return 'kle-online-xml';
  if (start.startsWith('KLENummer=')) return 'os2kle';
  if (start.startsWith('[') || start.startsWith('{')) return 'os2agora-json';
  return null;
}

/** Parses KLE text in any supported format, detected from its content. */
export async function parseKle(text: string): Promise<{ format: KleFormat; entries: KleEntry[] }> {
  const format = detectKleFormat(text.slice(0, 200));
  if (format === 'kle-online-xml') return { format, entries: await parseKleXml(text) };
  if (format === 'os2kle') return { format, entries: parseOs2Kle(text) };
  if (format === 'os2agora-json') return { format, entries: parseOs2AgoraJson(text) };
  throw new KleParseError('Ukendt KLE-format: forventede KLE-Online XML, OS2KLE (KLENummer=…) eller OS2agora JSON');
}

/** Reads a KLE file of any supported format; the XML is streamed, not read whole. */
export async function readKleFile(path: string): Promise<{ format: KleFormat; entries: KleEntry[] }> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, 256, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const format = detectKleFormat(head);
  if (format === 'kle-online-xml') return { format, entries: await parseKleXml(createReadStream(path)) };
  const { readFile } = await import('node:fs/promises');
  return parseKle(await readFile(path, 'utf8'));
}
