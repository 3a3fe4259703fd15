import type { MailReceiptRepository } from '@ekspedit/core';
import { ImapFlow } from 'imapflow';
import { toBlob } from '../hash';
import type { IntakeLogger } from './process-receipts';

/** What to do with a mail on the server once its raw source is safely stored. */
export type AfterStore = { kind: 'seen' } | { kind: 'move'; folder: string };

export interface ImapIntakeOptions {
  /** imap://user:pass@host:143 or imaps://user:pass@host:993 */
  url: string;
  mailboxes: string[];
  after: AfterStore;
  /** Mails fetched per round trip, at most; also bounded by `batchBytes`. */
  batchSize?: number;
  batchBytes?: number;
  /** Accept a self-signed certificate (tests, internal servers). */
  allowInsecureTls?: boolean;
}

export interface ImapConnection {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  /** The receipt account: user@host, never the password. */
  account: string;
}

/** Splits an IMAP URL into connection settings; the account name carries no password. */
export function parseImapUrl(url: string): ImapConnection {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error('IMAP URL must start with imap:// or imaps://');
  const secure = u.protocol === 'imaps:';
  const user = decodeURIComponent(u.username);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user,
    pass: decodeURIComponent(u.password),
    account: `${user}@${u.hostname}`,
  };
}

/** Parses EKSPEDIT_IMAP_AFTER: `seen` or `move:<folder>`. */
export function parseAfterStore(value: string): AfterStore {
  if (value === 'seen') return { kind: 'seen' };
  const folder = /^move:(.+)$/.exec(value)?.[1]?.trim();
  if (folder) return { kind: 'move', folder };
  throw new Error('must be "seen" or "move:<folder>"');
}

export interface MailboxPollResult {
  mailbox: string;
  uidValidity: number;
  stored: number;
  marked: number;
}

const messageIdHeader = /^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)/im;

/** The Message-ID of a raw mail from its header block, cheaply (threading only, never identity). */
function quickMessageId(raw: Uint8Array): string | null {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.byteLength, 64 * 1024))).toString('latin1');
  const block = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return messageIdHeader.exec(block)?.[1]?.replace(/\s+/g, '').slice(0, 998) || null;
}

function createClient(c: ImapConnection, options: ImapIntakeOptions): ImapFlow {
  return new ImapFlow({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: { user: c.user, pass: c.pass },
    logger: false,
    ...(options.allowInsecureTls ? { tls: { rejectUnauthorized: false } } : {}),
  });
}

async function markDone(client: ImapFlow, uids: number[], after: AfterStore): Promise<void> {
  if (uids.length === 0) return;
  const range = uids.join(',');
  if (after.kind === 'seen') await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
  else await client.messageMove(range, after.folder, { uid: true });
}

/**
 * One pass over one mailbox: every UID without a receipt is fetched (with BODY.PEEK, so it stays
 * unseen), stored with its receipt in one transaction, and only then marked seen or moved. UIDs
 * stored by an earlier, interrupted run are marked now. A new UIDVALIDITY makes every mail new
 * again; processing recognises the raw sources it already has.
 */
async function pollMailbox(
  client: ImapFlow,
  c: ImapConnection,
  mailbox: string,
  options: ImapIntakeOptions,
  receipts: MailReceiptRepository,
): Promise<MailboxPollResult> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    const opened = client.mailbox;
    if (!opened) throw new Error('mailbox not open');
    const uidValidity = Number(opened.uidValidity);
    const all = (await client.search({ all: true }, { uid: true })) || [];
    const known = new Set(await receipts.listStoredUids(c.account, mailbox, uidValidity));
    const pending = all.filter((uid) => !known.has(uid)).sort((a, b) => a - b);
    let marked = 0;
    // Stored earlier but not yet marked (the process died between commit and STORE/MOVE).
    const leftovers =
      options.after.kind === 'seen'
        ? ((await client.search({ seen: false }, { uid: true })) || []).filter((uid) => known.has(uid))
        : all.filter((uid) => known.has(uid));
    await markDone(client, leftovers, options.after);
    marked += leftovers.length;

    let stored = 0;
    const batchSize = options.batchSize ?? 25;
    const batchBytes = options.batchBytes ?? 32 * 1024 * 1024;
    let index = 0;
    while (index < pending.length) {
      // Sizes first, so one batch never holds more than batchBytes of sources in memory.
      const window = pending.slice(index, index + batchSize);
      const sizes = await client.fetchAll(window.join(','), { uid: true, size: true }, { uid: true });
      const sizeOf = new Map(sizes.map((m) => [m.uid, m.size ?? 0]));
      const batch: number[] = [];
      let bytes = 0;
      for (const uid of window) {
        const size = sizeOf.get(uid) ?? 0;
        if (batch.length > 0 && bytes + size > batchBytes) break;
        batch.push(uid);
        bytes += size;
      }
      index += batch.length;
      const messages = await client.fetchAll(batch.join(','), { uid: true, source: true }, { uid: true });
      const done: number[] = [];
      for (const m of messages) {
        if (!m.source) continue;
        const raw = new Uint8Array(m.source);
        await receipts.store({
          raw: toBlob(raw, 'message/rfc822'),
          messageIdHeader: quickMessageId(raw),
          identities: [{ account: c.account, mailbox, uidValidity, uid: m.uid }],
        });
        stored++;
        done.push(m.uid);
      }
      // Only now, after every commit of this batch, does the server learn the mails are taken.
      await markDone(client, done, options.after);
      marked += done.length;
    }
    return { mailbox, uidValidity, stored, marked };
  } finally {
    lock.release();
  }
}

/** Connects once, polls every configured mailbox, disconnects. */
export async function pollImapOnce(options: ImapIntakeOptions, deps: { receipts: MailReceiptRepository; log?: IntakeLogger }): Promise<MailboxPollResult[]> {
  const c = parseImapUrl(options.url);
  const client = createClient(c, options);
  client.on('error', () => {
    // Connection errors surface as rejected commands; the listener keeps them from crashing the process.
  });
  await client.connect();
  try {
    if (options.after.kind === 'move') {
      const folder = options.after.folder;
      const list = await client.list();
      if (!list.some((b) => b.path === folder)) await client.mailboxCreate(folder);
    }
    const results: MailboxPollResult[] = [];
    for (const mailbox of options.mailboxes) {
      const result = await pollMailbox(client, c, mailbox, options, deps.receipts);
      if (result.stored > 0) deps.log?.info({ account: c.account, ...result }, 'imap mails stored');
      results.push(result);
    }
    return results;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * Polls every `intervalMs` and runs `afterPoll` (processing) after each pass; a failed pass is
 * logged and retried at the next tick. `stop()` waits for the running pass to end.
 */
export function startImapPoller(
  options: ImapIntakeOptions & { intervalMs: number },
  deps: { receipts: MailReceiptRepository; log?: IntakeLogger; afterPoll?: () => Promise<unknown> },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        await pollImapOnce(options, deps);
        await deps.afterPoll?.();
      } catch (error) {
        deps.log?.warn({ reason: (error as Error).name, code: (error as { code?: string }).code }, 'imap poll failed');
      }
    })().finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
