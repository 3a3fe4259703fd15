import { type MessageKey, useT } from '../../../i18n';
import { Link } from '../../../router';
import type { ConsultationSummaryDto } from '../api';

/** The consultations as a table: title (a link), status, responses, themes, reviewed, created. */
export function ConsultationList({ items }: { items: ConsultationSummaryDto[] }) {
  const { t, formatDateTime } = useT();
  if (items.length === 0) return <p className="empty">{t('consultations.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="case-table" data-testid="consultation-list">
        <caption className="visually-hidden">{t('consultations.listCaption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consultations.colTitle')}</th>
            <th scope="col">{t('consultations.colStatus')}</th>
            <th scope="col">{t('consultations.colResponses')}</th>
            <th scope="col">{t('consultations.colThemes')}</th>
            <th scope="col">{t('consultations.colReviewed')}</th>
            <th scope="col">{t('consultations.colCreated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid="consultation-row">
              <th scope="row">
                <Link to={`/hoeringer/${c.id}`}>{c.title}</Link>
              </th>
              <td>{t(`consultations.status_${c.status}` as MessageKey)}</td>
              <td>{c.responses}</td>
              <td>{t('consultations.themesCount', { approved: c.approvedThemes, proposed: c.proposedThemes })}</td>
              <td>{c.reviewed}</td>
              <td>{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
