import type { EventDto } from '../../../api/types';
import { type MessageKey, type Translator, useT } from '../../../i18n';
import { formatPercent } from '../../triage/classification';
import { useDirectory } from '../use-directory';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function confidenceSuffix(tr: Translator, value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? ` (${formatPercent(tr, value)})` : '';
}

/** The unit a sorting event sent the case to, if any (shown beside the event). */
export function sortingUnitId(e: EventDto): string | undefined {
  if (e.activity === 'classification.corrected' || e.activity === 'classification.accepted') return str(e.data.toUnitId);
  if (e.activity === 'case.classified' && e.data.decision === 'auto_routed') return str(e.data.toUnitId) ?? str(e.data.unitId);
  return undefined;
}

/** One event in words: the activity translated, with state names and the assignee filled in. */
export function describeEvent(e: EventDto, tr: Translator, userName: (id: string) => string | null = () => null): string {
  const { t, label, hasLabel } = tr;
  const d = e.data;
  switch (e.activity) {
    case 'state.changed': {
      const from = str(d.from);
      const to = str(d.to);
      return t('activities.state.changed', {
        from: from ? label('states', from) : '?',
        to: to ? label('states', to) : '?',
      });
    }
    case 'case.assigned': {
      // The server records ids ({from, to}); older events may carry a name.
      const id = str(d.to) ?? str(d.assigneeId);
      const name = str(d.assigneeName) ?? str(d.toName) ?? (id ? (userName(id) ?? id) : undefined);
      return name ? t('activities.case.assigned', { name }) : t('activities.case.unassigned');
    }
    case 'case.flagged': {
      const flags = Array.isArray(d.flags) ? d.flags.filter((f): f is string => typeof f === 'string') : [str(d.flag) ?? ''];
      return t('activities.case.flagged', { flag: flags.map((f) => label('flagNames', f)).join(', ') });
    }
    case 'case.classified': {
      // "Sorteret automatisk: 07.18.00 (97 %)" or "Sendt til triage (41 %)".
      const kle = str(d.kleCode);
      if (d.decision === 'auto_routed' && kle) return t('activities.classifiedAuto', { kle }) + confidenceSuffix(tr, d.confidence);
      if (d.decision === 'triage') return t('activities.classifiedTriage') + confidenceSuffix(tr, d.confidence);
      return label('activities', e.activity);
    }
    case 'classification.corrected': {
      const to = str(d.kleCode);
      return to ? t('activities.corrected', { from: str(d.suggestedKleCode) ?? '–', to }) : label('activities', e.activity);
    }
    case 'reply.approved': {
      const role = str(d.role);
      if (typeof d.step !== 'number' || typeof d.of !== 'number' || !role) return label('activities', e.activity);
      return t('activities.approvedStep', { step: d.step, of: d.of, role: t(`review.roles_${role}` as MessageKey) });
    }
    case 'message.sent':
    case 'message.queued':
      if (e.actorKind === 'ai' && typeof d.policyVersion === 'number')
        return `${label('activities', e.activity)} – ${t('activities.sentByAi', { version: d.policyVersion })}`;
      return label('activities', e.activity);
    default:
      return hasLabel('activities', e.activity) ? label('activities', e.activity) : t('activities.unknown', { activity: e.activity });
  }
}

/** The case's history, newest last, with who did what and when (Copenhagen time). */
export function Timeline({ events }: { events: EventDto[] }) {
  const tr = useT();
  const { t, label, formatDateTime } = tr;
  const { userName, unitName } = useDirectory();
  if (events.length === 0) return <p className="empty">{t('case.noEvents')}</p>;
  const ordered = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <ol className="timeline" data-testid="timeline">
      {ordered.map((e) => {
        const transition = e.activity === 'state.changed' ? str(e.data.transition) : undefined;
        const comment = str(e.data.comment);
        const toUnitId = sortingUnitId(e);
        const toUnit = toUnitId ? (unitName(toUnitId) ?? toUnitId) : undefined;
        const actor =
          e.actorKind === 'system'
            ? t('case.bySystem')
            : e.actorKind === 'ai'
              ? t('case.byAi', { name: e.actorName ?? 'AI' })
              : e.actorName
                ? t('case.by', { name: e.actorName })
                : null;
        return (
          <li key={e.id} className={`timeline__item timeline__item--${e.activity.replace(/\W+/g, '-')}`} data-testid="timeline-item" data-activity={e.activity}>
            <p className="timeline__what">
              {describeEvent(e, tr, userName)}
              {toUnit ? <span className="muted"> {t('activities.toUnit', { unit: toUnit })}</span> : null}
              {transition ? <span className="muted"> {t('activities.viaTransition', { transition: label('transitions', transition) })}</span> : null}
            </p>
            {comment ? <p className="timeline__comment">{t('activities.comment', { comment })}</p> : null}
            <p className="timeline__meta muted">
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
              {actor ? ` · ${actor}` : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
