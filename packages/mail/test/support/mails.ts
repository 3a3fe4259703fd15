// Factories for raw test mails (CRLF line ends, as on the wire), written for these tests.

export interface MailOptions {
  from?: string;
  to?: string;
  subject?: string;
  /** null leaves the header out. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  date?: string;
  body?: string;
  charset?: string;
  extraHeaders?: string[];
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}

/** A raw RFC 5322 mail. */
export function buildMail(o: MailOptions = {}): string {
  const headers = [
    `From: ${o.from ?? 'Anne Borger <anne@borger.example>'}`,
    `To: ${o.to ?? 'post@kommune.example'}`,
    `Subject: ${o.subject ?? 'Spørgsmål om storskrald'}`,
    `Date: ${o.date ?? 'Tue, 03 Nov 2026 09:15:00 +0100'}`,
    ...(o.messageId === null ? [] : [`Message-ID: ${o.messageId ?? `<${Math.random().toString(36).slice(2)}@borger.example>`}`]),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    ...(o.references ? [`References: ${o.references}`] : []),
    'MIME-Version: 1.0',
    ...(o.extraHeaders ?? []),
  ];
  const body = o.body ?? 'Hej\r\n\r\nHvornår henter I storskrald på Nørregade?\r\n\r\nVenlig hilsen\r\nAnne Borger';
  if (!o.attachments?.length) {
    return [...headers, `Content-Type: text/plain; charset=${o.charset ?? 'utf-8'}`, 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n');
  }
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  const parts = [`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body];
  for (const a of o.attachments) {
    const base64 = Buffer.from(a.content).toString('base64').replace(/.{76}/g, '$&\r\n');
    parts.push(
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64,
    );
  }
  parts.push(`--${boundary}--`, '');
  return [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts].join('\r\n');
}

/** A varied mail for bulk tests: plain, encoded-word subjects, Latin-1, no Message-ID, broken MIME, attachments. */
export function variedMail(i: number): string {
  const id = `<bulk-${i}@borger.example>`;
  switch (i % 10) {
    case 1:
      return buildMail({
        messageId: id,
        subject: `=?ISO-8859-1?Q?Sp=F8rgsm=E5l_nr._${i}?= =?UTF-8?B?IOKAkyBhZmZhbGQ=?=`,
        body: `Mail ${i} med blandede tegnsæt.`,
      });
    case 2:
      return buildMail({ messageId: null, subject: `Uden Message-ID ${i}`, body: `Mail ${i} uden Message-ID.` });
    case 3:
      return buildMail({
        messageId: '<genbrugt@borger.example>',
        subject: `Genbrugt Message-ID ${i}`,
        body: `Mail ${i}, samme Message-ID som andre, anden tekst.`,
      });
    case 4:
      return buildMail({
        messageId: id,
        subject: `Med bilag ${i}`,
        body: `Mail ${i} med bilag.`,
        attachments: [
          { filename: `bilag-${i}.txt`, contentType: 'text/plain', content: new TextEncoder().encode(`Bilag ${i}: CPR 010203-1236, tlf. 22 33 44 55`) },
        ],
      });
    case 5:
      // Broken MIME: a multipart without its boundary parameter, truncated.
      return `From: a${i}@borger.example\r\nSubject: Brudt ${i}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhalv mail ${i}`;
    case 6:
      return buildMail({ messageId: id, charset: 'iso-8859-1', subject: `Latin-1 ${i}`, body: `Mail ${i} på dansk: ae oe aa` });
    case 7:
      return buildMail({ messageId: id, subject: `=?UTF-8?Q?Hej=0D=0ABcc:_evil@example.com_${i}?=`, body: `Mail ${i} med CRLF i emnet.` });
    case 8:
      // Not a mail at all: no header block. Kept raw on a flagged case.
      return `Dette er ikke en e-mail ${i}\r\nbare tekst\r\n`;
    default:
      return buildMail({
        messageId: id,
        subject: `Henvendelse ${i}`,
        body: `Hej\r\n\r\nDette er henvendelse nummer ${i}. Mit navn er Karen Jensen, tlf. 22 33 44 ${String(i % 100).padStart(2, '0')}.\r\n`,
      });
  }
}
