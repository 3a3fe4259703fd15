import type { DocumentParagraph, ExtractedFile } from './types';

// "12", "Side 12", "side 12 af 80", "12/80", "- 12 -", "Page 3 of 9".
const pageNumber = /^[-–—\s]*(?:(?:side|page|s\.)\s*)?\d{1,4}(?:\s*(?:af|of|\/)\s*\d{1,4})?[-–—\s]*$/i;
const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Numbers the paragraphs of an extracted file by page: running headers and footers (a line at a
 * page's edge that recurs on many pages, numbers aside) and page numbers are dropped first, so
 * "paragraph 2" is the second paragraph a reader sees in the text of the page. Headings are not
 * counted; they become the heading path of the paragraphs under them.
 */
export function addressParagraphs(document: string, file: Pick<ExtractedFile, 'pages'>): DocumentParagraph[] {
  const edgeCounts = new Map<string, number>();
  for (const page of file.pages)
    for (const b of page.blocks)
      if (b.edge) {
        const key = `${b.edge}:${shape(b.text)}`;
        edgeCounts.set(key, (edgeCounts.get(key) ?? 0) + 1);
      }
  const recurring = Math.max(3, Math.ceil(file.pages.length * 0.4));
  const isFurniture = (b: { text: string; edge?: 'top' | 'bottom' }) =>
    pageNumber.test(b.text) || (b.edge !== undefined && (edgeCounts.get(`${b.edge}:${shape(b.text)}`) ?? 0) >= recurring);

  const out: DocumentParagraph[] = [];
  const headings: { level: number; text: string }[] = [];
  for (const [pi, page] of file.pages.entries()) {
    let paragraph = 0;
    for (const b of page.blocks) {
      if (!b.text.trim() || isFurniture(b)) continue;
      if (b.kind === 'heading') {
        const level = b.level ?? 1;
        while (headings.length && (headings.at(-1)?.level ?? 0) >= level) headings.pop();
        headings.push({ level, text: b.text.trim() });
        continue;
      }
      paragraph++;
      out.push({
        id: `${document}#${pi + 1}.${paragraph}`,
        document,
        page: pi + 1,
        paragraph,
        ordinal: out.length + 1,
        heading: headings.map((h) => h.text).join(' › '),
        text: b.text.trim(),
      });
    }
  }
  return out;
}

/** The title of a document: the file's own title, else its first heading, else the file name. */
export function titleOf(document: string, file: Pick<ExtractedFile, 'pages' | 'title'>): string {
  if (file.title) return file.title;
  for (const page of file.pages) for (const b of page.blocks) if (b.kind === 'heading' && !b.edge && b.text.trim()) return b.text.trim();
  return (
    document
      .split('/')
      .at(-1)
      ?.replace(/\.[^.]+$/, '') ?? document
  );
}
