import {
  approveReply,
  assignCase,
  type Clock,
  contentHash,
  type MailTransport,
  saveReply,
  seededRandom,
  sendApprovedReply,
  transitionCase,
  type UserRecord,
  WorkflowRegistry,
  WorkingCalendar,
} from '@ekspedit/core';
import { count } from 'drizzle-orm';
import type { DatabaseHandle } from '../open';
import { hashPassword } from '../passwords';
import { createRepositories } from '../repositories';
import { users } from '../schema';
import { createDemoAiPeriod } from './demo-ai-period';
import { children, demoPassword, demoTemplates, demoUnits, demoUsers, firstNames, lastNames, streets } from './demo-content';
import { demoKle } from './demo-kle';

export { demoPassword, demoUsers } from './demo-content';

/** True when the database has no users yet (first start). */
export async function isDatabaseEmpty(handle: DatabaseHandle): Promise<boolean> {
  const [row] = await handle.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export interface SeedOptions {
  /** The demo's "now": cases spread over the months before it. */
  now?: Date;
  cases?: number;
  months?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

const HOUR = 3_600_000;

/**
 * Seeds the demo municipality: units, one account per role, and realistic inquiries whose whole
 * history (assignment, work, replies, closing) is played through the real use cases with a
 * moving clock, so the case log looks like months of real work.
 */
export async function seedDemo(handle: DatabaseHandle, options: SeedOptions = {}): Promise<{ units: number; users: number; cases: number }> {
  const repos = createRepositories(handle.db);
  const rand = seededRandom(options.seed ?? 20261129);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = options.now ?? new Date();
  const total = options.cases ?? 300;
  const months = options.months ?? 6;

  for (const unit of demoUnits) await repos.auth.upsertUnit({ ...unit, kleCodes: [...unit.kleCodes] });
  // The demo's own small KLE subset, so the offline classifier can sort from the first start.
  await repos.kle.upsertSubjects(
    demoKle.map((k) => ({
      code: k.code,
      level: k.code.split('.').length,
      title: k.title,
      parentCode: k.code.includes('.') ? k.code.slice(0, k.code.lastIndexOf('.')) : null,
      keywords: k.keywords,
      description: null,
    })),
    'demo',
  );
  const hash = await hashPassword(demoPassword);
  const accounts: UserRecord[] = [];
  for (const u of demoUsers) {
    accounts.push(await repos.auth.createUser({ ...u, email: `${u.username}@kommune.example`, passwordHash: hash }));
  }
  const caseworkerOf = new Map(
    accounts.filter((u) => (u.roles.includes('caseworker') || u.roles.includes('secretariat')) && !u.roles.includes('team_lead')).map((u) => [u.unitId, u]),
  );

  const clock = {
    t: now,
    now() {
      return this.t;
    },
  } satisfies Clock & { t: Date };
  const calendar = new WorkingCalendar();
  const deps = {
    cases: repos.cases,
    directory: repos.directory,
    audit: { record: async () => {} }, // the demo's own acts are not security events
    workflows: new WorkflowRegistry(),
    calendar,
    clock,
    mail: { name: 'demo', send: async () => ({ deliveryRef: 'demo' }) } satisfies MailTransport,
    fromAddress: 'Demo Kommune <postkasse@kommune.example>',
    newMessageId: () => `<demo-${Math.floor(rand() * 1e12)}@kommune.example>`,
    reviews: repos.reviews,
    outbox: repos.outbox,
    policy: repos.policy,
    usageReview: repos.aiUsage,
  };
  // The older half of the months runs without AI, the newer half with it (see demo-ai-period.ts).
  const ai = createDemoAiPeriod(handle, { now, months, seed: options.seed, clock, accounts });

  // Moves the clock forward by working hours, skipping nights, weekends and holidays.
  const later = (from: Date, hours: number): Date => {
    let t = from.getTime() + hours * HOUR;
    for (;;) {
      const d = new Date(t);
      const h = d.getUTCHours();
      const working = calendar.isWorkingDay(d.toISOString().slice(0, 10));
      if (working && h >= 7 && h < 15) return d;
      // Before office hours on a working day: later that morning; otherwise the next day's morning.
      const day = working && h < 7 ? d.getUTCDate() : d.getUTCDate() + 1;
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day, 7, Math.floor(rand() * 60));
    }
  };

  const span = months * 30 * 24 * HOUR;
  const starts = Array.from({ length: total }, () => later(new Date(now.getTime() - rand() * span), 0)).sort((a, b) => a.getTime() - b.getTime());
  let made = 0;
  for (const receivedAt of starts) {
    if (receivedAt > now) continue;
    const template = pick(demoTemplates);
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    const fill = (text: string) =>
      text
        .replaceAll('{name}', name)
        .replaceAll('{street}', pick(streets))
        .replaceAll('{no}', String(1 + Math.floor(rand() * 120)))
        .replaceAll('{date}', receivedAt.toISOString().slice(0, 10))
        .replaceAll('{child}', pick(children))
        .replaceAll(
          '{plate}',
          `${String.fromCharCode(65 + Math.floor(rand() * 26))}${String.fromCharCode(65 + Math.floor(rand() * 26))} ${10000 + Math.floor(rand() * 89999)}`,
        );
    const isPolitician = template.kind === 'politician_question';
    // A few items arrive unsorted and wait for the mail reception.
    const unsorted = rand() < 0.05;
    clock.t = receivedAt;
    const created = await ai.createCase(
      {
        kind: template.kind,
        title: fill(template.subject),
        body: fill(template.body),
        channel: rand() < 0.6 ? 'email' : 'web',
        actor: { kind: 'system', id: 'demo-seed' },
        receivedAt,
        kleCode: unsorted ? null : template.kle,
        sender: { kind: isPolitician ? 'politician' : 'citizen', name, email: `${name.toLowerCase().replace(/[^a-zæøå]+/g, '.')}@borger.example` },
        priority: rand() < 0.08 ? 'high' : 'normal',
      },
      deps,
    );
    made++;
    options.onProgress?.(made, total);
    // A case filed under a KLE code is history the classifier learns from.
    if (created.kleCode)
      await repos.classifier.addTrainingExamples([
        { caseId: created.id, kleCode: created.kleCode, kind: template.kind === 'citizen_inquiry' ? 'question' : template.kind, source: 'history' },
      ]);
    const worker = created.unitId ? caseworkerOf.get(created.unitId) : undefined;
    if (!worker) continue;
    // A real inbox has a backlog: recent items not yet picked up, and a few forgotten ones.
    const ageDays = (now.getTime() - receivedAt.getTime()) / (24 * HOUR);
    if ((ageDays < 14 && rand() < 0.5) || rand() < 0.03) continue;
    const lead = accounts.find((u) => u.roles.includes('team_lead') && u.unitId === created.unitId) ?? accounts.find((u) => u.roles.includes('admin'));
    if (!lead) continue;

    const step = async (hours: number, act: () => Promise<unknown>): Promise<boolean> => {
      const t = later(clock.t, hours);
      if (t > now) return false;
      clock.t = t;
      await act();
      return true;
    };
    const workload = (1 + rand() * 3) * ai.pace(receivedAt);
    if (!(await step(0.5 + rand() * 20, () => assignCase({ caseId: created.id, assigneeId: worker.id, user: worker }, deps)))) continue;
    if (!(await step(rand() * 16 * workload, () => transitionCase({ caseId: created.id, transitionId: 'start', user: worker }, deps)))) continue;
    if (!isPolitician && rand() < 0.2) {
      if (
        !(await step(2 + rand() * 8, () =>
          transitionCase({ caseId: created.id, transitionId: 'await_party', user: worker, comment: 'Afventer oplysninger' }, deps),
        ))
      )
        continue;
      if (!(await step(8 + rand() * 40, () => transitionCase({ caseId: created.id, transitionId: 'resume', user: worker }, deps)))) continue;
    }
    const replyText = fill(template.reply);
    if (isPolitician) {
      // Caseworker writes and approves, team lead gives the second approval and sends: the politicians' chain.
      let draftId = '';
      if (
        !(await step(4 + rand() * 30 * workload, async () => {
          const { draft } = await saveReply({ caseId: created.id, user: worker, body: replyText }, deps);
          draftId = draft.id;
          await approveReply({ caseId: created.id, draftId, user: worker, contentHash: contentHash(draft) }, deps);
          return transitionCase({ caseId: created.id, transitionId: 'submit_for_approval', user: worker }, deps);
        }))
      )
        continue;
      const hash = contentHash({ caseId: created.id, subject: '', body: replyText });
      if (!(await step(2 + rand() * 16, () => approveReply({ caseId: created.id, draftId, user: lead, contentHash: hash }, deps)))) continue;
      if (!(await step(0.5, () => sendApprovedReply({ caseId: created.id, draftId, user: lead, contentHash: hash, thenTransition: 'answer' }, deps)))) continue;
    } else {
      const finalTransition = template.kind === 'access_request' ? 'decide' : 'answer';
      if (
        !(await step(2 + rand() * 40 * workload, () =>
          ai.sendReply({ caseId: created.id, user: worker, text: replyText, thenTransition: finalTransition }, deps),
        ))
      )
        continue;
    }
    if (rand() < 0.85) await step(1 + rand() * 24, () => transitionCase({ caseId: created.id, transitionId: 'close', user: worker }, deps));
  }
  return { units: demoUnits.length, users: accounts.length, cases: made };
}
