import { useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { CaseDto, TransitionDto } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { postTransition } from '../api';

interface WorkflowActionsProps {
  c: CaseDto;
  transitions: TransitionDto[];
  onChanged: () => Promise<void>;
}

/** One button per workflow step the server says the user may take now, with an optional comment. */
export function WorkflowActions({ c, transitions, onChanged }: WorkflowActionsProps) {
  const { t, label } = useT();
  const id = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  const take = async (transition: TransitionDto) => {
    setBusy(transition.id);
    setError(null);
    setDone('');
    try {
      const result = await postTransition(c.id, transition.id, comment.trim() || undefined);
      setComment('');
      setDone(t('case.transitionDone', { state: label('states', result.case.state) }));
      await onChanged();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="workflow">
      {transitions.length === 0 ? (
        <p className="empty">{t('case.noTransitions')}</p>
      ) : (
        <>
          <p className="muted">{t('case.workflowHint')}</p>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('case.comment')}</label>
            <input id={`${id}-comment`} type="text" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
          </div>
        </>
      )}
      <div className="button-row">
        {transitions.map((tr) => (
          <button
            key={tr.id}
            type="button"
            className={`button ${tr.id === 'close' ? 'button--secondary' : 'button--primary'}`}
            disabled={busy !== null}
            aria-busy={busy === tr.id}
            data-transition={tr.id}
            onClick={() => void take(tr)}
          >
            {busy === tr.id ? t('case.working') : label('transitions', tr.id)}
          </button>
        ))}
      </div>
      <LiveStatus>{done}</LiveStatus>
      <ErrorAlert error={error} />
    </div>
  );
}
