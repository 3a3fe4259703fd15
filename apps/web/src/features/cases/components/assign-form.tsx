import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { CaseDto } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { useUser } from '../../auth/auth-context';
import { postAssign } from '../api';
import { useDirectory } from '../use-directory';

/** Picks the caseworker; saved with a button so changing the select never acts by itself. */
export function AssignForm({ c, onAssigned }: { c: CaseDto; onAssigned: () => Promise<void> }) {
  const { t } = useT();
  const me = useUser();
  const id = useId();
  const directory = useDirectory();
  const [selected, setSelected] = useState(c.assigneeId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  // Follow the case when it is reloaded (another step may have changed the assignee).
  useEffect(() => setSelected(c.assigneeId ?? ''), [c.assigneeId]);

  const save = async (assigneeId: string | null) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const result = await postAssign(c.id, assigneeId);
      const name = result.case.assigneeName ?? directory.userName(result.case.assigneeId);
      setSelected(result.case.assigneeId ?? '');
      setStatus(result.case.assigneeId ? t('case.assigned', { name: name ?? result.case.assigneeId }) : t('case.unassignedDone'));
      await onAssigned();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(selected || null);
  };

  // Colleagues in the case's unit first; the current assignee stays listed even if elsewhere.
  const options = directory.users.filter((u) => !c.unitId || u.unitId === c.unitId || u.id === c.assigneeId);

  return (
    <form className="assign-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('case.assignTo')}</label>
        <select id={`${id}-assignee`} value={selected} onChange={(e) => setSelected(e.target.value)} disabled={directory.isLoading}>
          <option value="">{t('inbox.unassigned')}</option>
          {options.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
          {c.assigneeId && !options.some((u) => u.id === c.assigneeId) ? (
            <option value={c.assigneeId}>{c.assigneeName ?? directory.userName(c.assigneeId) ?? c.assigneeId}</option>
          ) : null}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy || directory.isLoading}>
          {t('case.assignSave')}
        </button>
        {c.assigneeId !== me.id ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(me.id)}>
            {t('case.assignMe')}
          </button>
        ) : null}
      </div>
      {directory.isLoading ? <p className="muted">{t('case.loadingUsers')}</p> : null}
      <LiveStatus>{status}</LiveStatus>
      <ErrorAlert error={error} />
    </form>
  );
}
