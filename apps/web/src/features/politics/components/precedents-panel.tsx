import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { type MessageKey, useT } from '../../../i18n';
import { fetchPrecedents } from '../api';

/** "Has this been asked before, and what did we answer?" — shown on a politician's question. */
export function PrecedentsPanel({ query, onUse }: { query: string; onUse?: (answer: string) => void }) {
  const { t, formatDate } = useT();
  const hits = useApi(`precedents:${query}`, (signal) => fetchPrecedents(query, signal));
  const items = (hits.data?.items ?? []).filter((h) => h.match !== 'weak');
  return (
    <div data-testid="precedents">
      <ErrorAlert error={hits.error} />
      {hits.data && items.length === 0 ? <p className="empty">{t('politics.noPrecedents')}</p> : null}
      <ol className="precedents">
        {items.map((h) => (
          <li key={h.id} data-testid="precedent" data-match={h.match}>
            <p>
              <strong>{h.id}</strong> · {formatDate(h.date)} · {h.asker} · <span className="badge">{t(`politics.match_${h.match}` as MessageKey)}</span>
            </p>
            <p className="precedent__question">{h.question}</p>
            <details>
              <summary>{t('politics.answerGiven')}</summary>
              <p className="precedent__answer">{h.answer}</p>
            </details>
            {onUse ? (
              <button type="button" className="button button--secondary" data-testid="use-precedent" onClick={() => onUse(h.answer)}>
                {t('politics.usePrecedent')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
