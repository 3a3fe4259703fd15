import { useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { docxUrl, fetchMeeting, fetchTranscript, generateMinutes, type MeetingViewDto, saveMinutesEdit } from '../features/minutes/api';
import { Citation, TranscriptProvider } from '../features/minutes/components/citation';
import { MinutesItem } from '../features/minutes/components/minutes-item';
import { useOriginLabel, VersionList } from '../features/minutes/components/version-list';
import { useT } from '../i18n';
import { Link } from '../router';

/**
 * One meeting's minutes: attendance, every agenda item with its cited statements, inline
 * correction of decisions (each saved as a new version), the version history and the DOCX.
 */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { t, label, formatDate } = useT();
  const originLabel = useOriginLabel();
  // null: the newest version.
  const [selected, setSelected] = useState<number | null>(null);
  const loaded = useApi(`meeting:${meetingId}:${selected ?? 'latest'}`, (signal) => fetchMeeting(meetingId, selected, signal));
  const transcript = useApi(`meeting-transcript:${meetingId}`, (signal) => fetchTranscript(meetingId, signal));
  const [view, setView] = useState<MeetingViewDto | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busyText, setBusyText] = useState('');
  const isBusy = busyText !== '';

  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  /** Runs a change that makes a new version, saying what it is doing and what came of it. */
  const run = async (change: () => Promise<MeetingViewDto>, kind: 'generate' | 'edit'): Promise<boolean> => {
    setError(null);
    setStatus('');
    setBusyText(t(kind === 'generate' ? 'minutes.generating' : 'minutes.saving'));
    try {
      const next = await change();
      setView(next);
      setSelected(null);
      if (next.version) {
        const vars = { version: next.version.version, origin: originLabel(next.version.origin) };
        setStatus(t(kind === 'generate' ? 'minutes.generated' : 'minutes.saved', vars));
      }
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    } finally {
      setBusyText('');
    }
  };

  const shown = view?.version ?? null;
  const content = shown?.content ?? null;
  const isLatest = shown !== null && shown.version === view?.latestVersion;
  const canEdit = Boolean(view?.canEdit && isLatest);
  const title = view?.meeting.title ?? t('minutes.title');

  // "llm_failed:timeout" → the text for llm_failed with its code; an unknown reason is shown as it is.
  const fallbackText = (reason: string) => {
    const [code = '', detail = ''] = reason.split(':');
    const text = label('minutes', `fallback_${code}`, { code: detail });
    return text === `fallback_${code}` ? reason : text;
  };

  const saveDecision = (number: number, change: { decision: string | null; postponed: boolean }) =>
    run(() => saveMinutesEdit(meetingId, { baseVersion: shown?.version ?? 0, items: [{ number, ...change }] }), 'edit');

  return (
    <div className="page page--meeting">
      <p className="breadcrumb">
        <Link to="/referater">{t('minutes.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorAlert error={loaded.error} />
      {!view && loaded.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
      <LiveStatus>{busyText || status}</LiveStatus>
      <ErrorAlert error={error} />
      {view ? (
        <TranscriptProvider lines={transcript.data?.lines ?? null}>
          <p data-testid="meeting-summary">
            {view.meeting.meetingDate ? formatDate(view.meeting.meetingDate) : t('minutes.dateUnknown')}
            {shown ? (
              <>
                {' · '}
                <span data-testid="shown-version">{t('minutes.versionLabel', { version: shown.version, origin: originLabel(shown.origin) })}</span>{' '}
                <span className="badge badge--engine">{content?.engine === 'llm' ? t('minutes.engineLlm') : t('minutes.engineOffline')}</span>
              </>
            ) : null}
          </p>
          {content?.fallbackReason ? <p className="notice notice--info">{t('minutes.fallback', { reason: fallbackText(content.fallbackReason) })}</p> : null}
          {!view.canEdit ? <p className="notice notice--info">{t('minutes.mayNotEdit')}</p> : null}
          {shown && !isLatest ? (
            <div className="notice notice--info" data-testid="old-version">
              <p className="notice__text">{t('minutes.oldVersion', { version: shown.version })}</p>
              <button type="button" className="button button--secondary button--small" onClick={() => setSelected(null)}>
                {t('minutes.showLatest')}
              </button>
            </div>
          ) : null}
          <ErrorAlert error={transcript.error} />

          {content && shown ? (
            <>
              <section className="panel" aria-labelledby="minutes-attendance-title" data-testid="attendance">
                <h2 id="minutes-attendance-title" className="panel__title">
                  {t('minutes.attendanceTitle')}
                </h2>
                <p data-testid="attendees">
                  <strong>{t('minutes.attendees')}:</strong> {content.attendees.join(', ') || t('minutes.notStated')}{' '}
                  <Citation lines={content.attendanceLines} />
                </p>
                <p data-testid="absent">
                  <strong>{t('minutes.absent')}:</strong> {content.absent.join(', ') || t('minutes.nobody')}
                </p>
              </section>
              {content.items.map((item) => (
                <MinutesItem key={item.number} item={item} canEdit={canEdit} isBusy={isBusy} onSaveDecision={saveDecision} />
              ))}
              <section className="panel" aria-labelledby="minutes-download-title">
                <h2 id="minutes-download-title" className="panel__title">
                  {t('minutes.downloadTitle')}
                </h2>
                <p className="field__hint">{t('minutes.downloadHint')}</p>
                <a className="button button--secondary" href={docxUrl(meetingId, shown.version)} download data-testid="minutes-download">
                  {t('minutes.download', { version: shown.version })}
                </a>
              </section>
            </>
          ) : (
            <section className="panel" aria-labelledby="minutes-none-title">
              <h2 id="minutes-none-title" className="panel__title">
                {t('minutes.noMinutesTitle')}
              </h2>
              <p>{t('minutes.noMinutes')}</p>
              {view.canEdit ? (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="generate"
                  disabled={isBusy}
                  onClick={() => void run(() => generateMinutes(meetingId), 'generate')}
                >
                  {t('minutes.generate')}
                </button>
              ) : null}
            </section>
          )}

          {view.versions.length > 0 ? (
            <section className="panel" aria-labelledby="minutes-versions-title">
              <h2 id="minutes-versions-title" className="panel__title">
                {t('minutes.versionsTitle')}
              </h2>
              <p>{t('minutes.versionsIntro')}</p>
              <VersionList versions={view.versions} shown={shown?.version ?? null} onShow={(v) => setSelected(v === view.latestVersion ? null : v)} />
              {view.canEdit ? (
                <>
                  <p className="field__hint" id="minutes-regenerate-hint">
                    {t('minutes.regenerateHint')}
                  </p>
                  <button
                    type="button"
                    className="button button--secondary"
                    data-testid="regenerate"
                    aria-describedby="minutes-regenerate-hint"
                    disabled={isBusy}
                    onClick={() => void run(() => generateMinutes(meetingId), 'generate')}
                  >
                    {t('minutes.regenerate')}
                  </button>
                </>
              ) : null}
            </section>
          ) : null}
        </TranscriptProvider>
      ) : null}
    </div>
  );
}
