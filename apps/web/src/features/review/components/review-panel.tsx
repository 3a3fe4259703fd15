import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { CaseDto, TransitionDto } from '../../../api/types';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { type MessageKey, useT } from '../../../i18n';
import { postReply } from '../../cases/api';
import { DraftPanel } from '../../drafting/components/draft-panel';
import { PrecedentsPanel } from '../../politics/components/precedents-panel';
import { approveReview, decideReview, fetchReview, type ReviewResponse, saveReview, sendReview } from '../api';
import { RatingControl } from './rating-control';
import { TextDiff } from './text-diff';
import { WhyPanel } from './why-panel';

interface ReviewPanelProps {
  c: CaseDto;
  transitions: TransitionDto[];
  onChanged: () => Promise<void>;
}

/** What a politician's question asks: its subject and sub-questions. */
function precedentQuery(c: CaseDto): string {
  const questions = Array.isArray(c.details?.questions) ? (c.details.questions as string[]) : [];
  return `${c.title} ${questions.join(' ')}`.slice(0, 2000);
}

/** The approval chain: who approved which step of exactly this text, and what is still missing. */
function ApprovalChain({ review }: { review: ReviewResponse }) {
  const { t, formatDateTime } = useT();
  return (
    <div className="approval-chain">
      <h4 className="draft-view__heading">{t('review.chainTitle')}</h4>
      <p className="field__hint">{t('review.chainIntro')}</p>
      <ol data-testid="approval-chain">
        {review.chain.map((role, i) => {
          const step = i + 1;
          const valid = review.approvals.find((a) => a.step === step && a.isValid);
          const voided = review.approvals.filter((a) => a.step === step && !a.isValid);
          return (
            <li key={`${role}-${step}`} data-testid="approval-step" data-state={valid ? 'approved' : 'pending'}>
              <strong>{t(`review.roles_${role}` as MessageKey)}</strong>:{' '}
              {valid ? t('review.stepDone', { name: valid.approverName, date: formatDateTime(valid.at) }) : t('review.stepPending')}
              {voided.map((a) => (
                <span key={a.id} className="muted" data-testid="approval-voided">
                  {' '}
                  ·{' '}
                  {a.isConsumed
                    ? t('review.stepConsumed')
                    : t('review.stepVoided', {
                        reason: a.voidReason ? t(`review.voidReasons_${a.voidReason}` as MessageKey) : '?',
                        name: a.approverName,
                      })}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * Writing, reviewing and sending the reply. The AI draft is only ever copied into the text; the
 * text is saved, approved by the chain the policy asks for (each approval bound to the exact text),
 * and only then sent. Kinds with a one-person chain approve and send in one step.
 */
export function ReviewPanel({ c, transitions, onChanged }: ReviewPanelProps) {
  const { t } = useT();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const review = useApi(`review:${c.id}`, (signal) => fetchReview(c.id, signal));
  const r = review.data;
  const [text, setText] = useState('');
  const [subject, setSubject] = useState('');
  const [basedOnId, setBasedOnId] = useState<string | null>(null);
  const [loadedReplyId, setLoadedReplyId] = useState<string | null>(null);
  const [markAnswered, setMarkAnswered] = useState(false);
  const [approveForReuse, setApproveForReuse] = useState(false);
  const [reason, setReason] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missingText, setMissingText] = useState(false);
  const [missingReason, setMissingReason] = useState(false);
  const [status, setStatus] = useState('');
  const canAnswer = transitions.some((tr) => tr.id === 'answer');

  // The saved working reply is loaded into the field once; after that the field is the person's.
  useEffect(() => {
    if (r?.reply && r.reply.id !== loadedReplyId) {
      setText(r.reply.body);
      setSubject(r.reply.subject);
      setBasedOnId(r.reply.basedOnId);
      setLoadedReplyId(r.reply.id);
    }
  }, [r, loadedReplyId]);

  // A memo is an internal document: it is approved through the chain and exported, never mailed.
  const isInternal = c.kind === 'memo';
  const isMultiStep = (r?.chain.length ?? 1) > 1 || isInternal;
  const isDirty = r?.reply ? text !== r.reply.body || subject !== r.reply.subject : text.trim() !== '';
  const aiText = typeof r?.aiDraft?.text === 'string' && (basedOnId === null || r.aiDraft.id === basedOnId) ? r.aiDraft.text : null;

  const act = async (work: () => Promise<string | null>) => {
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      const done = await work();
      if (done) setStatus(done);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const requireText = () => {
    if (text.trim()) return true;
    setMissingText(true);
    textRef.current?.focus();
    return false;
  };

  const save = () =>
    act(async () => {
      if (!requireText()) return null;
      setMissingText(false);
      const before = r?.approvals.filter((a) => a.isValid).length ?? 0;
      const next = await saveReview(c.id, { body: text, subject: subject.trim() || undefined, basedOnId });
      setLoadedReplyId(next.reply?.id ?? null);
      await review.reload();
      await onChanged();
      const after = next.approvals.filter((a) => a.isValid).length;
      return before > after ? t('review.voided') : t('review.saved');
    });

  const approve = () =>
    act(async () => {
      if (!r?.reply) return null;
      const next = await approveReview(c.id, r.reply.id, r.reply.contentHash);
      await review.reload();
      await onChanged();
      const mine = next.approvals.filter((a) => a.isValid).length;
      return t('review.approved', { step: mine, of: next.chain.length });
    });

  const sendApproved = () =>
    act(async () => {
      if (!r?.reply) return null;
      const { message } = await sendReview(c.id, r.reply.id, r.reply.contentHash, markAnswered && canAnswer ? 'answer' : undefined);
      setText('');
      setSubject('');
      setBasedOnId(null);
      await review.reload();
      await onChanged();
      return message.status === 'sent' ? t('review.sent') : t('review.uncertain');
    });

  // One-person chain: writing, approving and sending are one act of the caseworker.
  const approveAndSend = (event: FormEvent) => {
    event.preventDefault();
    if (isMultiStep) return;
    void act(async () => {
      if (!requireText()) return null;
      setMissingText(false);
      const { message, approvedSource } = await postReply(c.id, {
        text,
        subject: subject.trim() || undefined,
        thenTransition: markAnswered && canAnswer ? 'answer' : undefined,
        approveForReuse: approveForReuse || undefined,
        basedOnId,
      });
      setText('');
      setSubject('');
      setBasedOnId(null);
      setMarkAnswered(false);
      setApproveForReuse(false);
      await review.reload();
      await onChanged();
      if (approveForReuse) return t(approvedSource ? 'case.replyApproved' : 'case.replyApproveFailed');
      return message.status === 'sent' ? t('case.replySent') : t('review.uncertain');
    });
  };

  const decide = (decision: 'reject' | 'return') =>
    act(async () => {
      const target = decision === 'return' ? r?.reply?.id : (r?.reply?.id ?? (typeof r?.aiDraft?.id === 'string' ? r.aiDraft.id : null));
      if (!target) return null;
      if (!reason.trim()) {
        setMissingReason(true);
        return null;
      }
      setMissingReason(false);
      await decideReview(c.id, target, decision, reason.trim());
      setReason('');
      if (decision === 'reject') {
        setText('');
        setBasedOnId(null);
      }
      await review.reload();
      await onChanged();
      return decision === 'reject' ? t('review.rejected') : t('review.returned');
    });

  const takeDraft = (draftText: string, draftId: string | null) => {
    setText(draftText);
    setBasedOnId(draftId);
    setMissingText(false);
    textRef.current?.focus();
    // The review learns of the new AI draft (for the diff and the "why" panel).
    void review.reload();
  };

  return (
    <>
      {c.kind === 'politician_question' ? (
        <section aria-labelledby={`${id}-precedents`}>
          <h3 id={`${id}-precedents`} className="draft-panel__title">
            {t('politics.precedentsTitle')}
          </h3>
          <PrecedentsPanel query={precedentQuery(c)} onUse={(answer) => takeDraft(answer, null)} />
        </section>
      ) : null}
      <DraftPanel caseId={c.id} onUse={takeDraft} />
      {r?.aiDraft && typeof r.aiDraft.id === 'string' ? <RatingControl caseId={c.id} targetType="draft" targetId={r.aiDraft.id} /> : null}
      <form className="reply-form" onSubmit={approveAndSend} noValidate aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="draft-panel__title">
          {t('review.title')}
        </h3>
        {r?.reply?.status === 'returned' ? <p className="notice notice--warning">{t('review.returned')}</p> : null}
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
        {aiText !== null && text.trim() ? (
          <section aria-labelledby={`${id}-diff`}>
            <h4 id={`${id}-diff`} className="draft-view__heading">
              {t('review.diffTitle')}
            </h4>
            <TextDiff before={aiText} after={text} />
          </section>
        ) : null}
        {r ? <WhyPanel review={r} /> : null}
        {r && isMultiStep ? <ApprovalChain review={r} /> : null}
        {canAnswer ? (
          <div className="checkbox">
            <input id={`${id}-answered`} type="checkbox" checked={markAnswered} onChange={(e) => setMarkAnswered(e.target.checked)} />
            <label htmlFor={`${id}-answered`}>{t('case.markAnswered')}</label>
          </div>
        ) : null}
        {!isMultiStep ? (
          <>
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
          </>
        ) : null}
        {isMultiStep && isDirty && r?.reply ? <p className="notice notice--info">{t('review.unsaved')}</p> : null}
        <div className="button-row">
          {isMultiStep ? (
            <>
              <button type="button" className="button button--secondary" data-testid="save-reply" disabled={isBusy || !isDirty} onClick={() => void save()}>
                {t('review.save')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="approve-reply"
                disabled={isBusy || isDirty || !r?.canApprove}
                onClick={() => void approve()}
              >
                {t('review.approve')}
              </button>
              {isInternal ? null : (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="send-reply"
                  disabled={isBusy || isDirty || !r?.canSend}
                  onClick={() => void sendApproved()}
                >
                  {t('review.send')}
                </button>
              )}
            </>
          ) : (
            <>
              <button type="button" className="button button--secondary" data-testid="save-reply" disabled={isBusy || !isDirty} onClick={() => void save()}>
                {t('review.save')}
              </button>
              <button type="submit" className="button button--primary" data-testid="send-reply" disabled={isBusy} aria-busy={isBusy}>
                {t('review.approveAndSend')}
              </button>
            </>
          )}
          {isBusy ? <span className="muted">{t('case.working')}</span> : null}
        </div>
        {r?.reply || r?.aiDraft ? (
          <fieldset className="decision">
            <legend>{t('review.decisionTitle')}</legend>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('review.reason')}</label>
              {missingReason ? (
                <p id={`${id}-reason-error`} className="field__error">
                  {t('review.reasonRequired')}
                </p>
              ) : null}
              <textarea
                id={`${id}-reason`}
                data-testid="decision-reason"
                rows={2}
                maxLength={2000}
                value={reason}
                aria-invalid={missingReason || undefined}
                aria-describedby={missingReason ? `${id}-reason-error` : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <div className="button-row">
              <button type="button" className="button button--secondary" data-testid="reject-reply" disabled={isBusy} onClick={() => void decide('reject')}>
                {t('review.reject')}
              </button>
              {r?.reply && isMultiStep ? (
                <button type="button" className="button button--secondary" data-testid="return-reply" disabled={isBusy} onClick={() => void decide('return')}>
                  {t('review.returnToWriter')}
                </button>
              ) : null}
            </div>
          </fieldset>
        ) : null}
        <LiveStatus>{status}</LiveStatus>
        <ErrorAlert error={error ?? review.error} />
      </form>
    </>
  );
}
