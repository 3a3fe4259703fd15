import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { fetchInbox, type InboxFilters, pageSize } from '../features/cases/api';
import { CaseTable } from '../features/cases/components/case-table';
import { InboxFilterForm } from '../features/cases/components/inbox-filter-form';
import { Pagination } from '../features/cases/components/pagination';
import { filtersFromSearch, filtersToSearch } from '../features/cases/inbox-filters';
import { useDirectory } from '../features/cases/use-directory';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';

/** The unit's inbox: filters in the URL, a table of cases, paging. */
export function InboxPage() {
  const { t } = useT();
  const user = useUser();
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const key = filtersToSearch(filters) || '?';
  const inbox = useApi(key, (signal) => fetchInbox(filters, signal));
  const unitName = useDirectory().unitName(user.unitId);

  const apply = (next: InboxFilters) => navigate(`/${filtersToSearch(next)}`);
  const sortLabel = {
    deadline: t('inbox.sortDeadline'),
    received: t('inbox.sortReceived'),
    number: t('inbox.sortNumber'),
  }[filters.sort];

  const data = inbox.data;
  const from = data && data.total > 0 ? filters.offset + 1 : 0;
  const to = data ? filters.offset + data.items.length : 0;

  return (
    <div className="page page--inbox">
      <PageHeading title={t('inbox.title')}>{unitName ? t('inbox.titleUnit', { unit: unitName }) : t('inbox.title')}</PageHeading>
      {/* Keyed by the query so the form shows what the URL says after back/forward. */}
      <InboxFilterForm key={key} initial={filters} onApply={apply} />
      <LiveStatus visuallyHidden>{inbox.isLoading ? t('app.loading') : data ? t('inbox.loaded', { total: data.total }) : ''}</LiveStatus>
      <ErrorAlert error={inbox.error} />
      {data ? (
        <section className="inbox-results" aria-busy={inbox.isLoading}>
          {data.items.length === 0 ? (
            <p className="empty">{t('inbox.empty')}</p>
          ) : (
            <CaseTable
              items={data.items}
              caption={t('inbox.caption')}
              summary={`(${t('inbox.showing', { from, to, total: data.total })}, ${t('inbox.captionCount', { sort: sortLabel.toLowerCase() })})`}
            />
          )}
          <Pagination total={data.total} offset={filters.offset} pageSize={pageSize} onOffset={(offset) => apply({ ...filters, offset })} />
        </section>
      ) : inbox.isLoading ? (
        <p className="loading">{t('app.loading')}</p>
      ) : null}
    </div>
  );
}
