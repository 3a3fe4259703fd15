import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MiningError } from '../errors';

/** Reads the first bytes of a file, turning a missing or unreadable file into a MiningError. */
export async function readHead(path: string, length = 512): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MiningError('FILE_NOT_FOUND', `File not found: ${path}`, { cause: error });
    throw new MiningError('FILE_UNREADABLE', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await handle?.close();
  }
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Opens a file as a stream of UTF-8 text, gunzipping on the fly when it is gzip-compressed
 * (detected from its bytes, not its name), so that large logs are never held whole in memory.
 */
export async function openTextStream(path: string): Promise<Readable> {
  const head = await readHead(path, 2);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = isGzip(head) ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  if (stream !== file) file.on('error', (error) => stream.destroy(error));
  stream.setEncoding('utf8');
  return stream;
}

/** Reads a whole (possibly gzip-compressed) text file; only for small formats such as PNML and OCEL. */
export async function readText(path: string): Promise<string> {
  const stream = await openTextStream(path);
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text;
}
