import { useT } from '../../../i18n';
import { isActive, type JobDto } from '../api';

/** "ca. 12 s tilbage" / "ca. 3 min 20 s tilbage". */
function useTimeLeft(): (seconds: number) => string {
  const { t } = useT();
  return (seconds) => {
    const s = Math.max(1, Math.round(seconds));
    if (s < 60) return t('documents.etaSeconds', { s });
    return s % 60 ? t('documents.etaMinutesSeconds', { m: Math.floor(s / 60), s: s % 60 }) : t('documents.etaMinutes', { m: s / 60 });
  };
}

/** What the job has done, in words: "42 % · 120 af 310 sider · ca. 12 s tilbage". */
export function useProgressText(): (job: JobDto) => string {
  const { t, formatNumber } = useT();
  const timeLeft = useTimeLeft();
  return (job) => {
    if (job.status === 'queued') return t('documents.jobQueued');
    if (job.status !== 'running') return t('documents.percent', { percent: job.percent });
    if (job.message === 'scan' || job.total === 0) return t('documents.jobScanning');
    const count =
      job.message === 'pages'
        ? t('documents.countPages', { done: formatNumber(job.done), total: formatNumber(job.total) })
        : t('documents.countDocuments', { done: formatNumber(Math.min(job.done, job.total)), total: formatNumber(job.total) });
    const left = job.etaSeconds === null ? t('documents.etaUnknown') : job.etaSeconds <= 0 ? t('documents.etaAlmostDone') : timeLeft(job.etaSeconds);
    return [t('documents.percent', { percent: job.percent }), count, left].join(' · ');
  };
}

interface JobProgressProps {
  job: JobDto;
  /** The accessible name of the bar ("Indeksering"). */
  label: string;
  onCancel: () => void;
  isCancelling: boolean;
  canCancel: boolean;
}

/**
 * A running job: a progress bar (role=progressbar, with the percentage and time left as its value
 * text), the same in words, and a cancel button. The bar is not a live region: screen readers read
 * it on demand, and the page announces only the start and the end.
 */
export function JobProgress({ job, label, onCancel, isCancelling, canCancel }: JobProgressProps) {
  const { t } = useT();
  const text = useProgressText()(job);
  const percent = Math.max(0, Math.min(100, job.percent));
  return (
    <div className="job-progress" data-testid="job-progress" data-status={job.status} style={{ margin: 'var(--space-3) 0' }}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        data-testid="progressbar"
        style={{
          height: '1rem',
          borderRadius: '999px',
          border: '1px solid var(--color-border-strong)',
          background: '#e3e8ee',
          overflow: 'hidden',
        }}
      >
        <div style={{ width: `${percent}%`, height: '100%', background: 'var(--color-primary)', transition: 'width 0.3s ease-out' }} />
      </div>
      <p className="job-progress__text" data-testid="progress-text" style={{ margin: 'var(--space-2) 0' }}>
        {text}
      </p>
      {isActive(job) && canCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={isCancelling || job.isCancelRequested} data-testid="cancel-job">
          {isCancelling || job.isCancelRequested ? t('documents.cancelling') : t('documents.cancel')}
        </button>
      ) : null}
    </div>
  );
}
