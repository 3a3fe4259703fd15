import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { fetchConsultations, rolesThatMayActOnConsultations } from '../features/consultations/api';
import { ConsultationList } from '../features/consultations/components/consultation-list';
import { ImportForm } from '../features/consultations/components/import-form';
import { useT } from '../i18n';
import { navigate } from '../router';

/** Consultations (høringer): the list, and a form that opens a new one from a file of responses. */
export function ConsultationsPage() {
  const { t } = useT();
  const user = useUser();
  const list = useApi('consultations', (signal) => fetchConsultations(signal));
  const mayAct = user.roles.some((r) => (rolesThatMayActOnConsultations as readonly string[]).includes(r));
  return (
    <div className="page page--consultations">
      <PageHeading title={t('consultations.title')}>{t('consultations.title')}</PageHeading>
      <p className="page-intro">{t('consultations.intro')}</p>
      {mayAct ? (
        <section className="panel" aria-labelledby="consultation-import-title">
          <h2 id="consultation-import-title" className="panel__title">
            {t('consultations.importTitle')}
          </h2>
          <ImportForm onCreated={() => void list.reload()} onImported={({ id }) => navigate(`/hoeringer/${id}`)} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="consultation-list-title">
        <h2 id="consultation-list-title" className="panel__title">
          {t('consultations.listTitle')}
        </h2>
        <ErrorAlert error={list.error} />
        {list.data ? <ConsultationList items={list.data.items} /> : list.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
      </section>
    </div>
  );
}
