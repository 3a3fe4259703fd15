import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { createMeeting, generateMinutes } from '../api';

/**
 * A new meeting from its agenda and transcript (or notes); the first draft of the minutes is
 * written straight after. A meeting stored without a draft (the draft failed) opens anyway, and
 * its page offers to draft again.
 */
export function MeetingForm({ onDone }: { onDone: (meetingId: string) => void }) {
  const { t } = useT();
  const id = useId();
  const agendaRef = useRef<HTMLInputElement>(null);
  const transcriptRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [problems, setProblems] = useState({ agenda: false, transcript: false });
  const [isWorking, setWorking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const agenda = agendaRef.current?.files?.[0];
    const transcript = transcriptRef.current?.files?.[0];
    setProblems({ agenda: !agenda, transcript: !transcript });
    if (!agenda) return agendaRef.current?.focus();
    if (!transcript) return transcriptRef.current?.focus();
    setWorking(true);
    let meetingId: string | null = null;
    try {
      meetingId = (await createMeeting({ title, date, agenda, transcript })).meeting.id;
      await generateMinutes(meetingId);
      onDone(meetingId);
    } catch (e) {
      if (meetingId) onDone(meetingId);
      else setError(toApiError(e));
    } finally {
      setWorking(false);
    }
  };

  const fileField = (kind: 'agenda' | 'transcript', accept: string) => {
    const fieldId = `${id}-${kind}`;
    const hasProblem = problems[kind];
    return (
      <div className="field">
        <label htmlFor={fieldId}>{t(kind === 'agenda' ? 'minutes.fieldAgenda' : 'minutes.fieldTranscript')}</label>
        <p id={`${fieldId}-hint`} className="field__hint">
          {t(kind === 'agenda' ? 'minutes.agendaHint' : 'minutes.transcriptHint')}
        </p>
        {hasProblem ? (
          <p id={`${fieldId}-error`} className="field__error">
            {t(kind === 'agenda' ? 'minutes.agendaRequired' : 'minutes.transcriptRequired')}
          </p>
        ) : null}
        <input
          ref={kind === 'agenda' ? agendaRef : transcriptRef}
          id={fieldId}
          type="file"
          accept={accept}
          data-testid={`meeting-${kind}`}
          aria-invalid={hasProblem || undefined}
          aria-describedby={`${fieldId}-hint${hasProblem ? ` ${fieldId}-error` : ''}`}
        />
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={isWorking} data-testid="meeting-form">
      {fileField('agenda', '.docx,.pdf,.md,.markdown,.txt')}
      {fileField('transcript', '.txt,.vtt,.srt,.docx,.md')}
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('minutes.fieldTitle')}</label>
        <p id={`${id}-title-hint`} className="field__hint">
          {t('minutes.titleHint')}
        </p>
        <input
          id={`${id}-title`}
          type="text"
          maxLength={300}
          value={title}
          readOnly={isWorking}
          aria-describedby={`${id}-title-hint`}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('minutes.fieldDate')}</label>
        <p id={`${id}-date-hint`} className="field__hint">
          {t('minutes.dateHint')}
        </p>
        <input id={`${id}-date`} type="date" value={date} readOnly={isWorking} aria-describedby={`${id}-date-hint`} onChange={(e) => setDate(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="meeting-submit" disabled={isWorking}>
          {t('minutes.submit')}
        </button>
      </div>
      <LiveStatus>{isWorking ? t('minutes.working') : ''}</LiveStatus>
      <ErrorAlert error={error} />
    </form>
  );
}
