import { PageHeading } from '../components/page-heading';
import { EmlImportForm } from '../features/import/components/eml-import-form';
import { useT } from '../i18n';

/** Upload of .eml files; each becomes a case, unreadable ones are kept on a flagged case. */
export function ImportPage() {
  const { t } = useT();
  return (
    <div className="page page--narrow page--import">
      <PageHeading title={t('import.title')}>{t('import.title')}</PageHeading>
      <p>{t('import.intro')}</p>
      <EmlImportForm />
    </div>
  );
}
