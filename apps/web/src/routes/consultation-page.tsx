import { useCallback, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { type ConsultationViewDto, fetchConsultation, memoUrl, rolesThatMayActOnConsultations } from '../features/consultations/api';
import { BreakdownTables } from '../features/consultations/components/breakdown-tables';
import { CampaignTable } from '../features/consultations/components/campaign-table';
import { ImportForm } from '../features/consultations/components/import-form';
import { QualityBox } from '../features/consultations/components/quality-box';
import { ResponseTable } from '../features/consultations/components/response-table';
import { type RunAction, ThemeReview } from '../features/consultations/components/theme-review';
import { useT } from '../i18n';
import { Link } from '../router';

/**
 * One consultation: the live quality of the AI against the reviewers, theme review, every response
 * with the AI's assignment and a correction control, breakdowns, campaigns and the memo download.
 */
export function ConsultationPage({ consultationId }: { consultationId: string }) {
  const { t } = useT();
  const user = useUser();
  const loaded = useApi(`consultation:${consultationId}`, (signal) => fetchConsultation(consultationId, signal));
  const [view, setView] = useState<ConsultationViewDto | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const canAct = user.roles.some((r) => (rolesThatMayActOnConsultations as readonly string[]).includes(r));

  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  const run: RunAction = useCallback(async (change, message) => {
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      const next = await change();
      setView(next);
      setStatus(message(next));
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const title = view?.consultation.title ?? t('consultations.title');
  return (
    <div className="page page--consultation">
      <p className="breadcrumb">
        <Link to="/hoeringer">{t('consultations.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorAlert error={loaded.error} />
      {!view && loaded.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
      {view ? (
        <>
          {view.run ? (
            <p data-testid="consultation-summary">
              <span className="badge badge--engine" data-testid="consultation-engine">
                {view.run.engine === 'llm' ? t('consultations.engineLlm', { model: view.run.model ?? '?' }) : t('consultations.engineOffline')}
              </span>{' '}
              {t('consultations.summary', { responses: view.responses.length, campaigns: view.campaigns.length, unthemed: view.unthemed })}
            </p>
          ) : null}
          {!canAct ? <p className="notice notice--info">{t('consultations.mayNotAct')}</p> : null}
          <LiveStatus>{status}</LiveStatus>
          <ErrorAlert error={error} />
          {view.responses.length === 0 ? (
            canAct ? (
              <section className="panel" aria-labelledby="consultation-upload-title">
                <h2 id="consultation-upload-title" className="panel__title">
                  {t('consultations.uploadTitle')}
                </h2>
                <p>{t('consultations.uploadIntro')}</p>
                <ImportForm consultationId={view.consultation.id} onImported={({ view: next }) => setView(next)} />
              </section>
            ) : (
              <p className="empty">{t('consultations.uploadIntro')}</p>
            )
          ) : (
            <>
              <QualityBox quality={view.quality} />
              <section className="panel" aria-labelledby="consultation-memo-title">
                <h2 id="consultation-memo-title" className="panel__title">
                  {t('consultations.memoTitle')}
                </h2>
                <p className="field__hint">{t('consultations.memoHint')}</p>
                <a className="button button--secondary" href={memoUrl(view.consultation.id)} download data-testid="memo-download">
                  {t('consultations.memoDownload')}
                </a>
              </section>
              <section className="panel" aria-labelledby="consultation-themes-title">
                <h2 id="consultation-themes-title" className="panel__title">
                  {t('consultations.themesTitle')}
                </h2>
                <ThemeReview view={view} canAct={canAct} run={run} isBusy={isBusy} />
              </section>
              <section className="panel" aria-labelledby="consultation-responses-title">
                <h2 id="consultation-responses-title" className="panel__title">
                  {t('consultations.responsesTitle')}
                </h2>
                <ResponseTable view={view} canAct={canAct} run={run} />
              </section>
              <section className="panel" aria-labelledby="consultation-breakdown-title">
                <h2 id="consultation-breakdown-title" className="panel__title">
                  {t('consultations.breakdownTitle')}
                </h2>
                <BreakdownTables view={view} />
              </section>
              <section className="panel" aria-labelledby="consultation-campaigns-title">
                <h2 id="consultation-campaigns-title" className="panel__title">
                  {t('consultations.campaignsTitle')}
                </h2>
                <p>{t('consultations.campaignsIntro')}</p>
                <CampaignTable view={view} />
              </section>
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
