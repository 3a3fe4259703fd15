import type { AddressInfo } from 'node:net';
import type { MailReceiptRepository } from '@ekspedit/core';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { toBlob } from '../hash';
import type { IntakeLogger } from './process-receipts';

export interface SmtpReceiverOptions {
  /** Port, or host:port; port 0 picks a free one (tests). */
  listen: string;
  /** Local domains mail is accepted for; every other recipient is refused with 550. */
  domains: string[];
  /** Largest message in bytes (announced in EHLO SIZE and enforced while reading). */
  maxBytes: number;
  /** Host name in the greeting. */
  name?: string;
}

/** The receipt identity of SMTP: account `smtp`, mailbox = recipient, UIDVALIDITY 1 and a monotonic id. */
export const smtpAccount = 'smtp';

/** Microseconds since the epoch, strictly increasing within the process: a UID no restart reuses. */
function monotonicIds() {
  let last = 0;
  return () => {
    last = Math.max(last + 1, Date.now() * 1000);
    return last;
  };
}

/** Parses EKSPEDIT_SMTP_LISTEN: "2525" or "0.0.0.0:2525". */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(listen.trim());
  if (!m) throw new Error('must be a port or host:port');
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2]) };
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * An SMTP server for direct delivery. A message is answered 250 only after its raw source and a
 * receipt per local recipient are committed, so an accepted mail is never lost; a database error
 * answers 451 and the sending server tries again later.
 */
export async function startSmtpReceiver(
  options: SmtpReceiverOptions,
  deps: { receipts: MailReceiptRepository; log?: IntakeLogger; afterStore?: () => void },
): Promise<{ port: number; host: string; stop(): Promise<void> }> {
  const domains = new Set(options.domains.map((d) => d.toLowerCase()));
  const nextId = monotonicIds();
  const server = new SMTPServer({
    name: options.name,
    size: options.maxBytes,
    authOptional: true,
    // Direct delivery from the municipality's own relay; no login, no STARTTLS without certificates.
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'Ekspedit',
    onRcptTo(address, _session, callback) {
      const domain = address.address.split('@').pop()?.toLowerCase() ?? '';
      if (!domains.has(domain)) {
        const error = new Error('Recipient not accepted here') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            const error = new Error('Message exceeds the size limit') as Error & { responseCode: number };
            error.responseCode = 552;
            callback(error);
            return;
          }
          const recipients = [...new Set(session.envelope.rcptTo.map((r) => r.address.toLowerCase()))];
          const result = await deps.receipts.store({
            raw: toBlob(new Uint8Array(raw), 'message/rfc822'),
            messageIdHeader: null,
            identities: recipients.map((mailbox) => ({ account: smtpAccount, mailbox, uidValidity: 1, uid: nextId() })),
          });
          deps.log?.info({ stored: result.created, bytes: raw.byteLength }, 'smtp mail stored');
          callback(null, 'Stored');
          deps.afterStore?.();
        })
        .catch((error: Error) => {
          deps.log?.warn({ reason: error.name }, 'smtp store failed');
          const reply = new Error('Temporary failure, try again later') as Error & { responseCode: number };
          reply.responseCode = 451;
          callback(reply);
        });
    },
  });
  server.on('error', (error) => deps.log?.warn({ reason: error.name }, 'smtp server error'));
  const { host, port } = parseListen(options.listen);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
