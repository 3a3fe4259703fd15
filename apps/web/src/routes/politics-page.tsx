import { useId } from 'react';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { fetchQuestions, type OverviewStatus } from '../features/politics/api';
import { type MessageKey, useT } from '../i18n';
import { Link } from '../router';

const groups: OverviewStatus[] = ['late', 'due_this_week', 'open', 'answered_on_time', 'answered_late'];

/** The secretariat's deadline overview of politicians' questions: what is late, due this week, who holds it, what was answered on time. */
export function PoliticsPage() {
  const { t, formatDate, formatDateTime } = useT();
  const id = useId();
  const data = useApi('politics:questions', (signal) => fetchQuestions(signal));
  const items = data.data?.items ?? [];
  return (
    <div className="page page--politics">
      <PageHeading title={t('politics.title')}>{t('politics.title')}</PageHeading>
      <p>{t('politics.intro')}</p>
      <p>
        <Link to="/sekretariat/ny" className="button button--primary" data-testid="new-question">
          {t('politics.newQuestion')}
        </Link>
      </p>
      <ErrorAlert error={data.error} />
      <ul className="summary-counts" data-testid="politics-counts">
        {groups.map((g) => (
          <li key={g} data-status={g}>
            <strong>{data.data?.counts[g] ?? 0}</strong> {t(`politics.status_${g}` as MessageKey)}
          </li>
        ))}
      </ul>
      {groups.map((g) => {
        const rows = items.filter((i) => i.status === g);
        if (rows.length === 0) return null;
        return (
          <section key={g} className="panel" aria-labelledby={`${id}-${g}`}>
            <h2 id={`${id}-${g}`} className="panel__title">
              {t(`politics.status_${g}` as MessageKey)} ({rows.length})
            </h2>
            <table className="table" data-testid={`politics-${g}`}>
              <thead>
                <tr>
                  <th scope="col">{t('case.number')}</th>
                  <th scope="col">{t('politics.questionTitle')}</th>
                  <th scope="col">{t('politics.asker')}</th>
                  <th scope="col">{t('politics.committee')}</th>
                  <th scope="col">{t('politics.questionCount')}</th>
                  <th scope="col">{t('politics.holder')}</th>
                  <th scope="col">{t('case.deadline')}</th>
                  <th scope="col">{t('politics.answeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.caseId} data-testid="politics-row" data-case-number={r.number} data-status={r.status}>
                    <td>
                      <Link to={`/sager/${r.number}`}>{r.number}</Link>
                    </td>
                    <td>{r.title}</td>
                    <td>{r.asker ?? '–'}</td>
                    <td>{r.committee ?? '–'}</td>
                    <td>{r.questionCount}</td>
                    <td>{r.assigneeName ?? r.unitName ?? '–'}</td>
                    <td>{r.deadline ? formatDate(r.deadline) : '–'}</td>
                    <td>{r.answeredAt ? formatDateTime(r.answeredAt) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
