/** Downloads of the process map: the SVG as drawn, a PNG of it, and CSV tables. */

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Late enough for the browser to have started the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as YYYY-MM-DD, for file names. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The SVG as a standalone file: the namespaces set, the page's styling attributes kept. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  // The page sizes the map by CSS; a file needs its size back (Graphviz draws in points).
  const box = svg.viewBox.baseVal;
  if (!clone.hasAttribute('width') && box && box.width > 0) {
    clone.setAttribute('width', `${box.width}pt`);
    clone.setAttribute('height', `${box.height}pt`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

export function downloadSvg(svg: SVGSVGElement, fileName: string): void {
  download(new Blob([svgText(svg)], { type: 'image/svg+xml;charset=utf-8' }), fileName);
}

/** Draws the SVG on a canvas (twice the size, on white) and downloads it as PNG. */
export async function downloadPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const box = svg.viewBox.baseVal;
  // Graphviz sizes in points; 1 pt = 4/3 px.
  const width = Math.max(1, Math.ceil((box?.width || svg.getBoundingClientRect().width) * (4 / 3)));
  const height = Math.max(1, Math.ceil((box?.height || svg.getBoundingClientRect().height) * (4 / 3)));
  const scale = 2;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', `${width}px`);
  clone.setAttribute('height', `${height}px`);
  const url = URL.createObjectURL(new Blob([svgText(clone)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The PNG could not be made');
    download(blob, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export type CsvCell = string | number;

/**
 * A CSV file that spreadsheet programs open directly: a byte-order mark for UTF-8, and in Danish the
 * semicolon separator and decimal comma that Danish Excel expects.
 */
export function toCsv(rows: CsvCell[][], lang: 'da' | 'en'): string {
  const separator = lang === 'da' ? ';' : ',';
  const cell = (value: CsvCell) => {
    const text =
      typeof value === 'number' ? (Number.isInteger(value) ? String(value) : lang === 'da' ? value.toFixed(2).replace('.', ',') : value.toFixed(2)) : value;
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}

export function downloadCsv(rows: CsvCell[][], lang: 'da' | 'en', fileName: string): void {
  download(new Blob([toCsv(rows, lang)], { type: 'text/csv;charset=utf-8' }), fileName);
}
