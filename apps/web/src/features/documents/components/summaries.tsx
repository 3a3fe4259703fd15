import { useId } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { fetchSummaries, type SummaryDto } from '../api';
import { CitationList, CitedSentences } from './citations';

function SummaryBlock({ summary, testId }: { summary: SummaryDto; testId: string }) {
  const { t } = useT();
  return (
    <div data-testid={testId}>
      <CitedSentences sentences={summary.sentences} testId={`${testId}-sentences`} />
      {summary.citations.length > 0 ? (
        <details>
          <summary>{t('documents.sourcesTitle')}</summary>
          <CitationList citations={summary.citations} testId={`${testId}-citations`} />
        </details>
      ) : null}
    </div>
  );
}

/** The latest summaries of the set: across the set first, then each document. */
export function SummariesView({ setId, version }: { setId: string; version: string }) {
  const { t, formatDateTime } = useT();
  const id = useId();
  const state = useApi(`docset-summaries:${setId}:${version}`, (signal) => fetchSummaries(setId, signal));
  if (state.error) return <ErrorAlert error={state.error} />;
  if (!state.data) return state.isLoading ? <p className="loading">{t('app.loading')}</p> : null;
  const s = state.data.summaries;
  if (!s) return <p className="empty">{t('documents.noSummaries')}</p>;
  return (
    <div data-testid="summaries">
      <p className="muted">
        {t('documents.summariesMade', { at: formatDateTime(s.createdAt) })}{' '}
        {s.engine === 'llm' ? t('documents.engineLlm', { model: s.model ?? '?' }) : t('documents.engineOffline')}
      </p>
      {s.isCurrent ? null : <p className="notice notice--warning">{t('documents.summariesOutdated')}</p>}
      <h4 id={`${id}-overall`} className="draft-view__heading">
        {t('documents.overallSummary')}
      </h4>
      <SummaryBlock summary={s.overall} testId="summary-overall" />
      <h4 className="draft-view__heading">{t('documents.documentSummaries')}</h4>
      {s.documents.map((d) => (
        <details key={d.document} data-testid="summary-document" data-document={d.document} style={{ marginBottom: 'var(--space-2)' }}>
          <summary>
            <strong>{d.title}</strong> <span className="muted">({t('documents.documentPages', { document: d.document, pages: d.pages })})</span>
          </summary>
          <SummaryBlock summary={d} testId="summary-document-body" />
        </details>
      ))}
    </div>
  );
}
