import { PageHeading } from '../components/page-heading';
import { useT } from '../i18n';
import { Link } from '../router';

/** Any path the router does not know. */
export function NotFoundPage({ path }: { path: string }) {
  const { t } = useT();
  return (
    <div className="page page--narrow">
      <PageHeading title={t('app.notFoundTitle')}>{t('app.notFoundTitle')}</PageHeading>
      <p>{t('app.notFoundText', { path })}</p>
      <p>
        <Link to="/">{t('app.backToInbox')}</Link>
      </p>
    </div>
  );
}
