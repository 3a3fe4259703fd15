import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFileText } from '../src/extract/extract-text';
import { createTesseractOcr } from '../src/extract/ocr';

const has = (binary: string) => {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const fonts = '/usr/share/fonts/truetype/dejavu';
const canRender = has('tesseract') && existsSync('/usr/bin/text2image') && existsSync(fonts);

if (!canRender) {
  const reason = 'OCR tests skipped: tesseract, text2image or the DejaVu fonts are missing (scripts/test-all.sh installs them)';
  if (process.env.CI) throw new Error(reason);
  console.warn(reason);
}

describe.skipIf(!canRender)('OCR with Tesseract (Danish)', () => {
  it('reads a scanned image, æøå included', async () => {
    // A "scan" rendered by Tesseract's own text2image, so the test needs no image library.
    const dir = await mkdtemp(join(tmpdir(), 'ekspedit-ocr-test-'));
    try {
      await writeFile(join(dir, 'text.txt'), 'Ansøgning om byggetilladelse\nNørregade 12\n');
      execFileSync(
        'text2image',
        [`--text=${join(dir, 'text.txt')}`, `--outputbase=${join(dir, 'scan')}`, '--font=DejaVu Sans', `--fonts_dir=${fonts}`, '--ptsize=24'],
        // text2image writes a fonts.conf into its working directory: keep it in the temp folder.
        { stdio: 'ignore', cwd: dir },
      );
      const image = new Uint8Array(await readFile(join(dir, 'scan.tif')));
      const result = await extractFileText({ filename: 'scan.tif', contentType: 'image/tiff', content: image }, { maxBytes: 1e7, ocr: createTesseractOcr() });
      expect(result.outcome).toBe('ocr');
      expect(result.text).toContain('Ansøgning om byggetilladelse');
      expect(result.text).toContain('Nørregade 12');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing binary as unavailable, not as an error', async () => {
    const ocr = createTesseractOcr({ binary: '/nonexistent/tesseract' });
    expect(await ocr.recognise(new Uint8Array([1]), 'png')).toBeNull();
  });
});
