import { useCallback, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { type MessageKey, useT } from '../../../i18n';
import { type DocumentSetDetail, fetchSet, isActive, type JobDto, startIndexing, startSummaries } from '../api';
import { useJob } from '../use-job';
import { AskForm } from './ask-form';
import { useDocumentErrorText } from './error-text';
import { FileUpload } from './file-upload';
import { JobProgress } from './job-progress';
import { SummariesView } from './summaries';

const documentStatusKeys: Record<string, MessageKey> = {
  ok: 'documents.statusOk',
  no_text: 'documents.statusNoText',
  unreadable: 'documents.statusUnreadable',
};

/** The files of the set; after indexing, with their pages and whether they could be read. */
function FilesTable({ set }: { set: DocumentSetDetail }) {
  const { t, formatBytes, formatNumber } = useT();
  if (set.files.length === 0) return <p className="empty">{t('documents.noFiles')}</p>;
  const indexed = new Map((set.index?.documents ?? []).map((d) => [d.document, d]));
  return (
    <div className="table-scroll">
      <table className="case-table" data-testid="set-files">
        <caption className="visually-hidden">{t('documents.filesCaption', { count: set.files.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.colFile')}</th>
            <th scope="col">{t('documents.colSize')}</th>
            <th scope="col">{t('documents.colPages')}</th>
            <th scope="col">{t('documents.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {set.files.map((f) => {
            const d = indexed.get(f.name);
            return (
              <tr key={f.name} data-testid="set-file">
                <th scope="row">{f.name}</th>
                <td>{formatBytes(f.size)}</td>
                <td>{d ? formatNumber(d.pages) : '–'}</td>
                <td>{d ? t(documentStatusKeys[d.status] ?? 'documents.statusOk') : t('documents.statusNotIndexed')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What became of the last indexing run, in a sentence. */
function useOutcomeText(): (job: JobDto) => string | null {
  const { t, formatNumber } = useT();
  return (job) => {
    const r = (job.result ?? {}) as Record<string, unknown>;
    const n = (k: string) => formatNumber(typeof r[k] === 'number' ? (r[k] as number) : 0);
    if (job.status === 'done' && job.kind === 'document-set.index')
      return t('documents.indexDone', { documents: n('documents'), pages: n('pages'), resumed: n('resumedPages') });
    if (job.status === 'done') return t('documents.summariesDone');
    if (job.status === 'cancelled') return job.kind === 'document-set.index' ? t('documents.indexCancelled') : t('documents.jobCancelled');
    if (job.status === 'failed') return t('documents.jobFailed');
    return null;
  };
}

/** One job's section: start button, progress with cancel, and the outcome. */
function JobSection({
  setId,
  job: initial,
  label,
  startLabel,
  canStart,
  start,
  onSettled,
  testId,
}: {
  setId: string;
  job: JobDto | null;
  label: string;
  startLabel: string;
  canStart: boolean;
  start: () => Promise<{ job: JobDto }>;
  onSettled: () => void;
  testId: string;
}) {
  const { t } = useT();
  const errorText = useDocumentErrorText();
  const [started, setStarted] = useState<JobDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isStarting, setStarting] = useState(false);
  const [status, setStatus] = useState('');
  const outcome = useOutcomeText();
  const settle = (job: JobDto) => {
    setStatus(outcome(job) ?? '');
    onSettled();
  };
  const { job, cancel, isCancelling, error: pollError } = useJob(setId, started ?? initial, settle);

  const run = async () => {
    setError(null);
    setStarting(true);
    try {
      const res = await start();
      setStarted(res.job);
      setStatus(t('documents.jobStarted', { what: label }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setStarting(false);
    }
  };

  const active = isActive(job);
  const text = job && !active ? outcome(job) : null;
  return (
    <div data-testid={testId}>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={!canStart || active || isStarting}
          aria-busy={isStarting}
          data-testid={`${testId}-start`}
        >
          {startLabel}
        </button>
      </div>
      {job && active ? <JobProgress job={job} label={label} onCancel={() => void cancel()} isCancelling={isCancelling} canCancel /> : null}
      {text ? (
        <p className={`notice ${job?.status === 'done' ? 'notice--info' : 'notice--warning'}`} data-testid={`${testId}-outcome`} data-status={job?.status}>
          {text}
        </p>
      ) : null}
      {error || pollError ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__text">{errorText((error ?? pollError) as ApiError)}</p>
          <p className="notice__code">{t('errors.code', { code: ((error ?? pollError) as ApiError).code })}</p>
        </div>
      ) : null}
      <LiveStatus visuallyHidden>{status}</LiveStatus>
    </div>
  );
}

/** A document set: its files and upload, indexing with progress, questions and summaries. */
export function SetPanel({ setId, onChanged }: { setId: string; onChanged: () => void }) {
  const { t, formatNumber, formatDateTime } = useT();
  const id = useId();
  const state = useApi(`docset:${setId}`, (signal) => fetchSetDetail(setId, signal));
  const set = state.data;
  const reload = state.reload;
  const refresh = useCallback(() => {
    void reload();
    onChanged();
  }, [reload, onChanged]);

  if (state.error && !set) return <ErrorAlert error={state.error} />;
  if (!set) return <p className="loading">{t('app.loading')}</p>;
  const indexJob = set.jobs.index;
  const isIndexing = isActive(indexJob);

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="set-panel" data-set-id={set.id}>
      <h2 id={`${id}-title`} className="panel__title">
        {set.name}
      </h2>
      <p className="muted" data-testid="set-status">
        {set.index
          ? t('documents.indexedAt', {
              at: formatDateTime(set.index.indexedAt),
              documents: formatNumber(set.index.documents.length),
              pages: formatNumber(set.index.stats.pages),
            })
          : t('documents.notIndexedYet')}
        {set.index && !set.isIndexCurrent ? ` ${t('documents.indexOutdated')}` : ''}
      </p>

      <h3 id={`${id}-files`}>{t('documents.filesTitle')}</h3>
      <FileUpload setId={set.id} onUploaded={async () => refresh()} isDisabled={isIndexing} />
      <FilesTable set={set} />

      <h3 id={`${id}-index`}>{t('documents.indexTitle')}</h3>
      <p>{t('documents.indexIntro')}</p>
      <JobSection
        setId={set.id}
        job={indexJob}
        label={t('documents.indexing')}
        startLabel={set.index ? t('documents.reindex') : t('documents.startIndexing')}
        canStart={set.files.length > 0}
        start={() => startIndexing(set.id)}
        onSettled={refresh}
        testId="index-job"
      />

      <h3 id={`${id}-ask`}>{t('documents.askTitle')}</h3>
      <AskForm setId={set.id} isReady={set.isIndexCurrent && !isIndexing} />

      <h3 id={`${id}-summaries`}>{t('documents.summariesTitle')}</h3>
      <JobSection
        setId={set.id}
        job={set.jobs.summarize}
        label={t('documents.summarizing')}
        startLabel={t('documents.startSummaries')}
        canStart={set.isIndexCurrent && !isIndexing}
        start={() => startSummaries(set.id)}
        onSettled={refresh}
        testId="summaries-job"
      />
      {set.summaries ? <SummariesView setId={set.id} version={set.summaries.createdAt} /> : null}
    </section>
  );
}

const fetchSetDetail = async (setId: string, signal: AbortSignal): Promise<DocumentSetDetail> => (await fetchSet(setId, signal)).set;
