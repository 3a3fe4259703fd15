import { z } from 'zod';
import { AppError } from './errors';

const monthDay = /^\d{2}-\d{2}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

// One line per variable says what it is for; README's configuration table is drawn from this.
const schema = z.object({
  /** Folder of the embedded PGlite database, the outbox and the lock file. */
  EKSPEDIT_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** HTTP port of the server. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address the server listens on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** development | production | test. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino log level. */
  EKSPEDIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outbound SMTP, e.g. smtp://user:pass@mail.kommune.dk:587; without it mail goes to the outbox folder. */
  EKSPEDIT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Folder for outgoing .eml files when no SMTP server is configured (default: <data dir>/outbox). */
  EKSPEDIT_OUTBOX_DIR: z.string().optional(),
  /** Sender address of outgoing mail. */
  EKSPEDIT_MAIL_FROM: z.string().default('Ekspedit <postkasse@kommune.example>'),
  /** Seed the demo municipality into an empty database (default: yes on the embedded database). */
  EKSPEDIT_SEED_DEMO: bool.optional(),
  /** Yearly closed days besides public holidays, as MM-DD (default 06-05,12-24,12-31). */
  EKSPEDIT_CLOSED_DAYS: z.string().optional(),
  /** One-off closed dates, YYYY-MM-DD, comma separated. */
  EKSPEDIT_EXTRA_CLOSED_DATES: z.string().optional(),
  /** Mark session cookies Secure (default: yes in production). */
  EKSPEDIT_SECURE_COOKIES: bool.optional(),
  /** Hours a session lasts without activity. */
  EKSPEDIT_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(10),
  /** Largest JSON request body in bytes. */
  EKSPEDIT_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Days the AI usage log is kept before it is deleted; at least 183 (six months). */
  EKSPEDIT_AI_USAGE_RETENTION_DAYS: z.coerce.number().int().min(183, 'must be at least 183 days (six months)').max(3650).default(365),
  /** Seconds between retries of outgoing mail whose delivery failed or is uncertain (same Message-ID). */
  EKSPEDIT_DELIVERY_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Largest uploaded file (EML, document) in bytes. */
  EKSPEDIT_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 1_048_576),
  /** Mailbox to fetch incoming mail from, e.g. imaps://user:pass@mail.kommune.dk:993; off when unset. */
  EKSPEDIT_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\/[^@/]+@[^/]+/, 'must look like imaps://user:pass@host:993')
    .optional(),
  /** IMAP mailboxes to fetch from, comma separated (default INBOX). */
  EKSPEDIT_IMAP_MAILBOXES: z.string().default('INBOX'),
  /** Seconds between two IMAP polls. */
  EKSPEDIT_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  /** What happens to a mail on the server once stored: seen (flag \\Seen) or move:<folder>. */
  EKSPEDIT_IMAP_AFTER: z
    .string()
    .regex(/^(seen|move:.+)$/, 'must be "seen" or "move:<folder>"')
    .default('seen'),
  /** Accept mail by SMTP (direct delivery) on this port or host:port; off when unset. */
  EKSPEDIT_SMTP_LISTEN: z
    .string()
    .regex(/^(.+:)?\d{1,5}$/, 'must be a port or host:port')
    .optional(),
  /** Local domains the SMTP receiver accepts mail for, comma separated. */
  EKSPEDIT_SMTP_DOMAINS: z.string().optional(),
  /** Host names web pages may be imported into the knowledge base from, comma separated (subdomains included); empty refuses URL import. */
  EKSPEDIT_KB_ALLOWED_DOMAINS: z.string().optional(),
});

export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  port: number;
  host: string;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  smtpUrl: string | null;
  outboxDir: string;
  mailFrom: string;
  seedDemo: boolean;
  calendar: { closedDays: string[]; extraClosedDates: string[] };
  secureCookies: boolean;
  sessionHours: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  aiUsageRetentionDays: number;
  deliveryRetrySeconds: number;
  imap: { url: string; mailboxes: string[]; pollSeconds: number; after: string } | null;
  smtpReceiver: { listen: string; domains: string[] } | null;
  kbAllowedDomains: string[];
}

/** Parses the environment once; lists every invalid variable in one error. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const closedDays = env.EKSPEDIT_CLOSED_DAYS === undefined ? ['06-05', '12-24', '12-31'] : list(env.EKSPEDIT_CLOSED_DAYS);
  for (const d of closedDays) if (!monthDay.test(d)) problems.push(`EKSPEDIT_CLOSED_DAYS: "${d}" is not MM-DD`);
  const extra = list(env.EKSPEDIT_EXTRA_CLOSED_DATES);
  for (const d of extra) if (!isoDate.test(d)) problems.push(`EKSPEDIT_EXTRA_CLOSED_DATES: "${d}" is not YYYY-MM-DD`);
  for (const d of list(env.EKSPEDIT_KB_ALLOWED_DOMAINS)) if (!/^[a-z0-9.-]+$/i.test(d)) problems.push(`EKSPEDIT_KB_ALLOWED_DOMAINS: "${d}" is not a host name`);
  if (env.EKSPEDIT_SMTP_LISTEN && list(env.EKSPEDIT_SMTP_DOMAINS).length === 0)
    problems.push('EKSPEDIT_SMTP_DOMAINS: required when EKSPEDIT_SMTP_LISTEN is set');
  if (!parsed.success || problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', { message: `Invalid configuration:\n  ${problems.join('\n  ')}`, details: { problems } });
  }
  const v = parsed.data;
  const dataDir = v.EKSPEDIT_DATA_DIR.replace(/\/+$/, '') || '.';
  return {
    dataDir,
    databaseUrl: v.DATABASE_URL ?? null,
    port: v.PORT,
    host: v.HOST,
    env: v.NODE_ENV,
    logLevel: v.EKSPEDIT_LOG_LEVEL,
    smtpUrl: v.EKSPEDIT_SMTP_URL ?? null,
    outboxDir: v.EKSPEDIT_OUTBOX_DIR ?? `${dataDir}/outbox`,
    mailFrom: v.EKSPEDIT_MAIL_FROM,
    seedDemo: v.EKSPEDIT_SEED_DEMO ?? !v.DATABASE_URL,
    calendar: { closedDays, extraClosedDates: extra },
    secureCookies: v.EKSPEDIT_SECURE_COOKIES ?? v.NODE_ENV === 'production',
    sessionHours: v.EKSPEDIT_SESSION_HOURS,
    maxBodyBytes: v.EKSPEDIT_MAX_BODY_BYTES,
    maxUploadBytes: v.EKSPEDIT_MAX_UPLOAD_BYTES,
    aiUsageRetentionDays: v.EKSPEDIT_AI_USAGE_RETENTION_DAYS,
    deliveryRetrySeconds: v.EKSPEDIT_DELIVERY_RETRY_SECONDS,
    imap: v.EKSPEDIT_IMAP_URL
      ? { url: v.EKSPEDIT_IMAP_URL, mailboxes: list(v.EKSPEDIT_IMAP_MAILBOXES), pollSeconds: v.EKSPEDIT_IMAP_POLL_SECONDS, after: v.EKSPEDIT_IMAP_AFTER }
      : null,
    smtpReceiver: v.EKSPEDIT_SMTP_LISTEN ? { listen: v.EKSPEDIT_SMTP_LISTEN, domains: list(v.EKSPEDIT_SMTP_DOMAINS).map((d) => d.toLowerCase()) } : null,
    kbAllowedDomains: list(v.EKSPEDIT_KB_ALLOWED_DOMAINS).map((d) => d.toLowerCase()),
  };
}
