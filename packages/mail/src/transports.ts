import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport, OutgoingMail } from '@ekspedit/core';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

function compose(mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
    date: new Date(),
  })
    .compile()
    .build();
}

/** The embedded default: every outgoing message becomes an .eml file in the outbox folder. */
export function createOutboxTransport(dir: string): MailTransport {
  return {
    name: 'outbox',
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const raw = await compose(mail);
      const safeId = mail.messageId.replace(/[^A-Za-z0-9.@_-]/g, '');
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`;
      // Written under a temporary name first, so a reader of the folder never sees half a file.
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, raw);
      await rename(tmp, join(dir, name));
      return { deliveryRef: name };
    },
  };
}

/** Outbound SMTP, e.g. smtp://user:pass@mail.kommune.dk:587. */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
        });
        return { deliveryRef: String(info.response ?? info.messageId) };
      } catch (error) {
        // Failures that can only happen before the content was handed over (no server, DNS, TLS,
        // login, a refused sender or recipient) mean nothing arrived. A connection that dies later
        // is reported by nodemailer as ECONNECTION whatever the phase, so it may have arrived.
        const e = error as { code?: string; message?: string };
        const isBeforeData = ['EDNS', 'EAUTH', 'EENVELOPE', 'ETLS', 'ECONNREFUSED'].includes(e.code ?? '') || /ECONNREFUSED|ENOTFOUND/.test(e.message ?? '');
        throw Object.assign(error as Error, { isDeliveryUncertain: !isBeforeData });
      }
    },
  };
}
