import { type FormEvent, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { CaseDto, TransitionDto } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { DraftPanel } from '../../drafting/components/draft-panel';
import { postReply } from '../api';

interface ReplyFormProps {
  c: CaseDto;
  transitions: TransitionDto[];
  onSent: () => Promise<void>;
}

/** Writes and sends the reply to the sender; can mark the case answered in the same step. */
export function ReplyForm({ c, transitions, onSent }: ReplyFormProps) {
  const { t } = useT();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [markAnswered, setMarkAnswered] = useState(false);
  const [approveForReuse, setApproveForReuse] = useState(false);
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missingText, setMissingText] = useState(false);
  const [status, setStatus] = useState('');
  const canAnswer = transitions.some((tr) => tr.id === 'answer');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    if (!text.trim()) {
      setMissingText(true);
      textRef.current?.focus();
      return;
    }
    setMissingText(false);
    setSending(true);
    try {
      const { message, approvedSource } = await postReply(c.id, {
        text,
        subject: subject.trim() || undefined,
        thenTransition: markAnswered && canAnswer ? 'answer' : undefined,
        approveForReuse: approveForReuse || undefined,
      });
      setText('');
      setSubject('');
      setMarkAnswered(false);
      setApproveForReuse(false);
      const sentStatus = message.status === 'sent' ? t('case.replySent') : t('case.replyQueued');
      // The reply has gone either way; the status says whether it was also stored for reuse.
      setStatus(approveForReuse ? t(approvedSource ? 'case.replyApproved' : 'case.replyApproveFailed') : sentStatus);
      await onSent();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSending(false);
    }
  };

  // The draft is copied into the field for editing; only "Send svar" sends anything.
  const takeDraft = (draftText: string) => {
    setText(draftText);
    setMissingText(false);
    textRef.current?.focus();
  };

  return (
    <>
      <DraftPanel caseId={c.id} onUse={takeDraft} />
      <form className="reply-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('case.replyLabel')}</label>
          {missingText ? (
            <p id={`${id}-text-error`} className="field__error">
              {t('case.replyRequired')}
            </p>
          ) : null}
          <textarea
            ref={textRef}
            id={`${id}-text`}
            data-testid="reply-text"
            rows={10}
            value={text}
            required
            aria-invalid={missingText || undefined}
            aria-describedby={missingText ? `${id}-text-error` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('case.replySubject')}</label>
          <input
            id={`${id}-subject`}
            type="text"
            value={subject}
            maxLength={300}
            aria-describedby={`${id}-subject-hint`}
            onChange={(e) => setSubject(e.target.value)}
          />
          <p id={`${id}-subject-hint`} className="field__hint">
            {t('case.replySubjectHint')}
          </p>
        </div>
        {canAnswer ? (
          <div className="checkbox">
            <input id={`${id}-answered`} type="checkbox" checked={markAnswered} onChange={(e) => setMarkAnswered(e.target.checked)} />
            <label htmlFor={`${id}-answered`}>{t('case.markAnswered')}</label>
          </div>
        ) : null}
        <div className="checkbox">
          <input
            id={`${id}-reuse`}
            type="checkbox"
            data-testid="approve-for-reuse"
            checked={approveForReuse}
            aria-describedby={`${id}-reuse-hint`}
            onChange={(e) => setApproveForReuse(e.target.checked)}
          />
          <label htmlFor={`${id}-reuse`}>{t('case.approveForReuse')}</label>
        </div>
        <p id={`${id}-reuse-hint`} className="field__hint">
          {t('case.approveForReuseHint')}
        </p>
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="send-reply" disabled={isSending} aria-busy={isSending}>
            {t('case.sendReply')}
          </button>
          {isSending ? <span className="muted">{t('case.sending')}</span> : null}
        </div>
        <LiveStatus>{status}</LiveStatus>
        <ErrorAlert error={error} />
      </form>
    </>
  );
}
