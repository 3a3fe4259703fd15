import { useCallback } from 'react';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { fetchSets } from '../features/documents/api';
import { CreateSetForm, SetList } from '../features/documents/components/set-list';
import { SetPanel } from '../features/documents/components/set-panel';
import { useT } from '../i18n';
import { navigate, useSearchParams } from '../router';

/**
 * Questions over a document set (/dokumenter): create a set, upload reports, memos and minutes,
 * index them in the background with progress, ask with cited answers, and summarise.
 */
export function DocumentsPage() {
  const { t } = useT();
  const params = useSearchParams();
  const currentId = params.get('saet');
  const sets = useApi('docsets', (signal) => fetchSets(signal));
  const reloadSets = sets.reload;
  const onChanged = useCallback(() => void reloadSets(), [reloadSets]);

  return (
    <div className="page page--documents">
      <PageHeading title={t('documents.title')}>{t('documents.title')}</PageHeading>
      <p>{t('documents.intro')}</p>
      <section className="panel" aria-labelledby="docsets-title">
        <h2 id="docsets-title" className="panel__title">
          {t('documents.setsTitle')}
        </h2>
        <ErrorAlert error={sets.error} />
        {sets.data ? <SetList sets={sets.data.items} currentId={currentId} /> : sets.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
        <h3>{t('documents.newSetTitle')}</h3>
        <CreateSetForm
          onCreated={(id) => {
            void reloadSets();
            navigate(`/dokumenter?saet=${encodeURIComponent(id)}`);
          }}
        />
      </section>
      {/* Keyed so moving between sets starts from a clean panel. */}
      {currentId ? <SetPanel key={currentId} setId={currentId} onChanged={onChanged} /> : null}
    </div>
  );
}
