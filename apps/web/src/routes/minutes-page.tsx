import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { fetchMeetings, rolesThatMayWriteMinutes } from '../features/minutes/api';
import { MeetingForm } from '../features/minutes/components/meeting-form';
import { MeetingList } from '../features/minutes/components/meeting-list';
import { useT } from '../i18n';
import { navigate } from '../router';

/** Minutes (referater): the meetings, and a form that drafts new minutes from an agenda and a transcript. */
export function MinutesPage() {
  const { t } = useT();
  const user = useUser();
  const list = useApi('meetings', (signal) => fetchMeetings(signal));
  const mayWrite = user.roles.some((r) => (rolesThatMayWriteMinutes as readonly string[]).includes(r));
  return (
    <div className="page page--minutes">
      <PageHeading title={t('minutes.title')}>{t('minutes.title')}</PageHeading>
      <p className="page-intro">{t('minutes.intro')}</p>
      {mayWrite ? (
        <section className="panel" aria-labelledby="meeting-new-title">
          <h2 id="meeting-new-title" className="panel__title">
            {t('minutes.newTitle')}
          </h2>
          <MeetingForm onDone={(id) => navigate(`/referater/${id}`)} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="meeting-list-title">
        <h2 id="meeting-list-title" className="panel__title">
          {t('minutes.listTitle')}
        </h2>
        <ErrorAlert error={list.error} />
        {list.data ? <MeetingList items={list.data.items} /> : list.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
      </section>
    </div>
  );
}
