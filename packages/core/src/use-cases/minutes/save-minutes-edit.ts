import { AppError } from '../../errors';
import type { UserRecord } from '../../types';
import { auditMeeting, getMeetingFor } from './access';
import { loadMeetingView, type MeetingView } from './get-meeting';
import type { MinutesDeps, MinutesItem } from './ports';
import { addMinutesVersion } from './versions';

/** A person's change to one agenda item: the decision (null: no decision), whether it was postponed, the account. */
export interface MinutesItemEdit {
  number: number;
  decision?: string | null;
  postponed?: boolean;
  summary?: string;
}

const clean = (text: string, max: number, what: string) => {
  const value = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (value.length > max) throw new AppError('VALIDATION_FAILED', { message: `${what} er for lang (højst ${max} tegn)` });
  return value;
};

/** The decision statement follows the new text; it keeps the lines the AI cited, marked as a person's wording. */
function setDecision(item: MinutesItem, decision: string | null): void {
  const cited = [...new Set(item.statements.filter((s) => s.kind === 'decision').flatMap((s) => s.lines))].sort((a, b) => a - b);
  const others = item.statements.filter((s) => s.kind !== 'decision');
  item.decision = decision;
  if (decision === null) {
    item.statements = others;
    return;
  }
  const statement = { kind: 'decision' as const, text: decision, lines: cited, supported: true, edited: true };
  const at = item.statements.findIndex((s) => s.kind === 'decision');
  item.statements = at === -1 ? [...others, statement] : [...others.slice(0, at), statement, ...others.slice(at)];
}

function setSummary(item: MinutesItem, summary: string): void {
  const cited = [...new Set(item.statements.filter((s) => s.kind === 'summary').flatMap((s) => s.lines))].sort((a, b) => a - b);
  item.summary = summary;
  const others = item.statements.filter((s) => s.kind !== 'summary');
  item.statements = summary ? [{ kind: 'summary', text: summary, lines: cited, supported: true, edited: true }, ...others] : others;
}

/**
 * Saves a person's correction of the newest minutes as a new version (`human_edit`); the version it
 * was made on must still be the newest, so nobody's work is silently overwritten.
 */
export async function saveMinutesEdit(
  input: { meetingId: string; user: UserRecord; baseVersion: number; items: MinutesItemEdit[] },
  deps: Pick<MinutesDeps, 'minutes' | 'audit' | 'clock'>,
): Promise<MeetingView> {
  const meeting = await getMeetingFor({ ...input, mode: 'write', action: 'minutes.edit' }, deps);
  const latest = await deps.minutes.findVersion(meeting.id, 'latest');
  if (!latest) throw new AppError('NOT_FOUND', { message: 'Mødet har endnu intet referat' });
  if (latest.version !== input.baseVersion) {
    throw new AppError('CONFLICT', {
      message: `Referatet er ændret (version ${latest.version}); indlæs siden igen`,
      details: { latestVersion: latest.version },
    });
  }
  if (new Set(input.items.map((i) => i.number)).size !== input.items.length)
    throw new AppError('VALIDATION_FAILED', { message: 'Et punkt er rettet to gange' });
  const content = structuredClone(latest.content);
  const changed: { number: number; fields: string[] }[] = [];
  for (const edit of input.items) {
    const item = content.items.find((i) => i.number === edit.number);
    if (!item) throw new AppError('VALIDATION_FAILED', { message: `Referatet har intet punkt ${edit.number}` });
    const fields: string[] = [];
    if (edit.decision !== undefined) {
      const decision = edit.decision === null ? null : clean(edit.decision, 2000, 'Beslutningen') || null;
      if (decision !== item.decision) {
        setDecision(item, decision);
        fields.push('decision');
      }
    }
    if (edit.postponed !== undefined && edit.postponed !== item.postponed) {
      item.postponed = edit.postponed;
      fields.push('postponed');
    }
    if (edit.summary !== undefined) {
      const summary = clean(edit.summary, 5000, 'Referatet af punktet');
      if (summary !== item.summary) {
        setSummary(item, summary);
        fields.push('summary');
      }
    }
    if (fields.length === 0) continue;
    item.decided = item.decision !== null && !item.postponed;
    changed.push({ number: item.number, fields });
  }
  if (changed.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Rettelsen ændrer intet' });
  const version = await addMinutesVersion({ meetingId: meeting.id, after: latest.version, origin: 'human_edit', content, user: input.user }, deps);
  await auditMeeting(deps.audit, input.user, 'minutes.edit', meeting.id, { version: version.version, baseVersion: latest.version, items: changed });
  return loadMeetingView(meeting, input.user, 'latest', deps);
}
