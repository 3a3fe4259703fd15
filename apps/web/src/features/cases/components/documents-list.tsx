import type { DocumentDto } from '../../../api/types';
import { useT } from '../../../i18n';

/** Documents filed on the case. */
export function DocumentsList({ documents }: { documents: DocumentDto[] }) {
  const { t, formatBytes, formatDateTime } = useT();
  if (documents.length === 0) return <p className="empty">{t('case.noDocuments')}</p>;
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li key={d.id} className="document">
          <span className="document__name">{d.filename}</span>
          <span className="muted">
            {d.mediaType} · {formatBytes(d.size)} · <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
