import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Reads text from an image file. */
export interface OcrEngine {
  /** Text of the image, or null when the engine is not installed. */
  recognise(image: Uint8Array, extension: string): Promise<string | null>;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

const available = new Map<string, Promise<boolean>>();

/** True when the `tesseract` binary can be run (checked once per process and binary). */
export function isTesseractAvailable(binary = 'tesseract'): Promise<boolean> {
  let known = available.get(binary);
  if (!known) {
    known = run(binary, ['--version'], 10_000).then(
      () => true,
      () => false,
    );
    available.set(binary, known);
  }
  return known;
}

/**
 * Tesseract with Danish (`tesseract <img> - -l dan`), English as a second language when present.
 * The image goes through a private temporary folder that is removed afterwards.
 */
export function createTesseractOcr(options: { binary?: string; languages?: string; timeoutMs?: number } = {}): OcrEngine {
  const binary = options.binary ?? 'tesseract';
  return {
    async recognise(image, extension) {
      if (!(await isTesseractAvailable(binary))) return null;
      const dir = await mkdtemp(join(tmpdir(), 'ekspedit-ocr-'));
      try {
        const file = join(dir, `page.${extension.replace(/[^a-z0-9]/gi, '') || 'png'}`);
        await writeFile(file, image, { mode: 0o600 });
        return await run(binary, [file, '-', '-l', options.languages ?? 'dan'], options.timeoutMs ?? 120_000);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Raw pixels (1, 3 or 4 channels) as a binary PNM file, which Tesseract reads without extra libraries. */
export function pixelsToPnm(data: Uint8ClampedArray | Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Uint8Array {
  const gray = channels === 1;
  const header = new TextEncoder().encode(`${gray ? 'P5' : 'P6'}\n${width} ${height}\n255\n`);
  const body = new Uint8Array(width * height * (gray ? 1 : 3));
  if (channels === 4) {
    for (let i = 0, j = 0; i < width * height; i++, j += 4) {
      body[i * 3] = data[j] ?? 0;
      body[i * 3 + 1] = data[j + 1] ?? 0;
      body[i * 3 + 2] = data[j + 2] ?? 0;
    }
  } else body.set(data.subarray(0, body.length));
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
