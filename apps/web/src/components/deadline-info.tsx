import { useT } from '../i18n';

interface DeadlineInfoProps {
  deadline: string | null;
  workingDaysLeft: number | null;
  isTerminal?: boolean;
  /** Compact shows the date and the days on one line (tables). */
  compact?: boolean;
}

/** A deadline with the working days left, or how far it is overdue — in words, never by colour alone. */
export function DeadlineInfo({ deadline, workingDaysLeft, isTerminal, compact }: DeadlineInfoProps) {
  const { t, formatDate } = useT();
  if (!deadline) return <span className="deadline deadline--none">{t('deadline.none')}</span>;
  const date = <time dateTime={deadline}>{formatDate(deadline)}</time>;
  if (isTerminal || workingDaysLeft === null) {
    return <span className="deadline">{date}</span>;
  }
  const overdue = workingDaysLeft < 0;
  const days = Math.abs(workingDaysLeft);
  const text = overdue
    ? days === 1
      ? t('deadline.overdueOne')
      : t('deadline.overdueMany', { count: days })
    : workingDaysLeft === 0
      ? t('deadline.today')
      : workingDaysLeft === 1
        ? t('deadline.leftOne')
        : t('deadline.leftMany', { count: workingDaysLeft });
  const tone = overdue ? 'overdue' : workingDaysLeft <= 2 ? 'soon' : 'ok';
  return (
    <span className={`deadline deadline--${tone}${compact ? ' deadline--compact' : ''}`}>
      {date}
      <span className={`deadline__days deadline__days--${tone}`}>{text}</span>
    </span>
  );
}
