import type { PDFFont } from 'pdf-lib';

/**
 * Replaces what the standard PDF fonts (WinAnsi) cannot draw, so a letter or report never fails to
 * render: Latin-1 and WinAnsi's typographic marks stay, mathematical signs get ASCII stand-ins.
 */
export const winAnsiSafe = (s: string): string =>
  s
    .replace(/−/g, '-')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff\n‘’“”„–—•…]/g, '?');

/** Breaks text into lines no wider than `width` at this font and size (words are never split). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    let line = '';
    for (const word of raw.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}
