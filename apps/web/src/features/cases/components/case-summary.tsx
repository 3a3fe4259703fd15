import type { CaseDto } from '../../../api/types';
import { DeadlineInfo } from '../../../components/deadline-info';
import { StateBadge } from '../../../components/state-badge';
import { useT } from '../../../i18n';
import { useDirectory } from '../use-directory';

/** The case's key facts as a description list. */
export function CaseSummary({ c }: { c: CaseDto }) {
  const { t, label, formatDateTime } = useT();
  const { userName, unitName } = useDirectory();
  return (
    <dl className="facts">
      <div className="facts__item">
        <dt>{t('case.number')}</dt>
        <dd>{c.number}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.state')}</dt>
        <dd>
          <StateBadge state={c.state} isTerminal={c.isTerminal} testId="case-state" />
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.kind')}</dt>
        <dd>{label('kinds', c.kind)}</dd>
      </div>
      <div className="facts__item facts__item--wide">
        <dt>{t('case.deadline')}</dt>
        <dd>
          <DeadlineInfo deadline={c.deadline} workingDaysLeft={c.workingDaysLeft} isTerminal={c.isTerminal} />
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.unit')}</dt>
        <dd>{c.unitName ?? unitName(c.unitId) ?? c.unitId ?? t('case.noUnit')}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.assignee')}</dt>
        <dd>{c.assigneeName ?? userName(c.assigneeId) ?? c.assigneeId ?? t('inbox.unassigned')}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.priority')}</dt>
        <dd>
          <span className={`priority priority--${c.priority}`}>{label('priorities', c.priority)}</span>
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.received')}</dt>
        <dd>
          <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('case.channel')}</dt>
        <dd>{label('channels', c.channel)}</dd>
      </div>
      {c.kleCode ? (
        <div className="facts__item">
          <dt>{t('case.kle')}</dt>
          <dd>{c.kleCode}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Flags such as `unparsed_source`, shown as a visible warning above everything else. */
export function CaseFlags({ flags }: { flags: string[] }) {
  const { t, label, hasLabel } = useT();
  if (flags.length === 0) return null;
  return (
    <div className="notice notice--warning" data-testid="case-flags">
      <p className="notice__title">
        <strong>{t('case.flagsTitle')}</strong>
      </p>
      <ul className="notice__list">
        {flags.map((flag) => (
          <li key={flag} data-flag={flag}>
            {hasLabel('flags', flag) ? label('flags', flag) : t('flags.unknown', { flag })}
          </li>
        ))}
      </ul>
    </div>
  );
}
