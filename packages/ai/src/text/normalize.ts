/**
 * Text normalisation before tokenising: one Unicode form, one case, one kind of dash and quote,
 * and words that a line break split with a hyphen joined again.
 */

// Soft hyphens and zero-width characters hide inside pasted mail text and split words invisibly.
const invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// A word broken over two lines ("affalds-\nsortering") is one word; a real compound hyphen is kept.
const lineBreakHyphen = /(\p{L})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu;
const dashes = /[\u2010-\u2015\u2212]/g;
const quotes = /[\u2018\u2019\u201a\u201b\u00b4`]/g;

/** Normalises text for analysis: NFC, lower case, soft hyphens removed, broken lines re-joined. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(invisible, '').replace(lineBreakHyphen, '$1$2').replace(dashes, '-').replace(quotes, "'").toLowerCase();
}

/**
 * Cuts quoted earlier messages and signatures off a mail body, so a reply is classified by what
 * the sender wrote now and not by the thread below it.
 */
export function stripQuotedReply(body: string): string {
  const lines = body.split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    // Outlook and Gmail reply headers in Danish and English start the quoted part.
    if (/^(-{2,}\s*(oprindelig meddelelse|original message|videresendt)|(den|on) .{4,120}\b(skrev|wrote)\b.*:$|fra:\s.+@|from:\s.+@)/i.test(trimmed)) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n');
}
