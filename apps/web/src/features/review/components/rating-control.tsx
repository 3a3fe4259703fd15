import { useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { type MessageKey, useT } from '../../../i18n';
import { postRating, type RatingInput } from '../api';

const reasons = ['good', 'wrong', 'incomplete', 'tone', 'sources', 'too_long', 'other'] as const;

/** A quick thumbs up or down on an AI suggestion, with an optional reason and comment. */
export function RatingControl({ caseId, targetType, targetId }: { caseId: string | null; targetType: RatingInput['targetType']; targetId: string | null }) {
  const { t } = useT();
  const id = useId();
  const [rating, setRating] = useState<'up' | 'down' | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [isDone, setDone] = useState(false);

  const submit = async () => {
    if (!rating) return;
    setError(null);
    try {
      await postRating({ caseId, targetType, targetId, rating, reason: reason || null, comment: comment.trim() || null });
      setDone(true);
      setStatus(t('rating.thanks'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <fieldset className="rating" data-testid={`rating-${targetType}`}>
      <legend>{t('rating.title')}</legend>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={rating === 'up'}
          data-testid="rate-up"
          disabled={isDone}
          onClick={() => setRating('up')}
        >
          <span aria-hidden="true">👍 </span>
          {t('rating.up')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={rating === 'down'}
          data-testid="rate-down"
          disabled={isDone}
          onClick={() => setRating('down')}
        >
          <span aria-hidden="true">👎 </span>
          {t('rating.down')}
        </button>
      </div>
      {rating && !isDone ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('rating.reason')}</label>
            <select id={`${id}-reason`} value={reason} data-testid="rate-reason" onChange={(e) => setReason(e.target.value)}>
              <option value="">–</option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`rating.reasons_${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('rating.comment')}</label>
            <textarea id={`${id}-comment`} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <button type="button" className="button button--secondary" data-testid="rate-submit" onClick={() => void submit()}>
            {t('rating.submit')}
          </button>
        </>
      ) : null}
      <LiveStatus>{status}</LiveStatus>
      <ErrorAlert error={error} />
    </fieldset>
  );
}
