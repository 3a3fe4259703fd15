import { useT } from '../../../i18n';

interface PaginationProps {
  total: number;
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
}

/** Previous/next paging for the inbox; buttons (not links) because they change the view in place. */
export function Pagination({ total, offset, pageSize, onOffset }: PaginationProps) {
  const { t } = useT();
  if (total <= pageSize && offset === 0) return null;
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t('inbox.paging')}>
      <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('inbox.previous')}
      </button>
      <span className="pagination__status">{t('inbox.pageOf', { page, pages })}</span>
      <button type="button" className="button button--secondary" disabled={offset + pageSize >= total} onClick={() => onOffset(offset + pageSize)}>
        {t('inbox.next')}
      </button>
    </nav>
  );
}
