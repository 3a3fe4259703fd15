import { useT } from '../../../i18n';
import { Link } from '../../../router';
import type { MeetingSummaryDto } from '../api';
import { useOriginLabel } from './version-list';

/** The meetings as a table: name (a link), meeting date, newest version and its origin, created. */
export function MeetingList({ items }: { items: MeetingSummaryDto[] }) {
  const { t, formatDate, formatDateTime } = useT();
  const originLabel = useOriginLabel();
  if (items.length === 0) return <p className="empty">{t('minutes.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="case-table" data-testid="meeting-list">
        <caption className="visually-hidden">{t('minutes.listCaption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.colTitle')}</th>
            <th scope="col">{t('minutes.colDate')}</th>
            <th scope="col">{t('minutes.colVersion')}</th>
            <th scope="col">{t('minutes.colCreated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-testid="meeting-row">
              <th scope="row">
                <Link to={`/referater/${m.id}`}>{m.title}</Link>
              </th>
              <td>{m.meetingDate ? formatDate(m.meetingDate) : t('minutes.notStated')}</td>
              <td>
                {m.latestVersion !== null && m.latestOrigin
                  ? t('minutes.versionLabel', { version: m.latestVersion, origin: originLabel(m.latestOrigin) })
                  : t('minutes.noVersion')}
              </td>
              <td>
                {formatDateTime(m.createdAt)}
                {m.createdByName ? <span className="muted"> · {m.createdByName}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
