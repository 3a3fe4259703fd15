import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import type { MinutesItemDto } from '../api';
import { Citation } from './citation';
import { DecisionEditor } from './decision-editor';

/**
 * One agenda item of the minutes: the account, the decision (or postponement), votes and action
 * points, each statement with the transcript lines it cites; the decision can be corrected inline.
 */
export function MinutesItem({
  item,
  canEdit,
  isBusy,
  onSaveDecision,
}: {
  item: MinutesItemDto;
  canEdit: boolean;
  isBusy: boolean;
  onSaveDecision: (number: number, change: { decision: string | null; postponed: boolean }) => Promise<boolean>;
}) {
  const { t, formatDate } = useT();
  const [isEditing, setEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const headingId = `minutes-item-${item.number}`;

  // An older version is shown read-only: an open editor closes.
  useEffect(() => {
    if (!canEdit) setEditing(false);
  }, [canEdit]);

  // Focus goes back to the button that opened the editor.
  useEffect(() => {
    if (wasEditing.current && !isEditing) editButtonRef.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);

  const summaries = item.statements.filter((s) => s.kind === 'summary' && s.supported);
  const rejected = item.statements.filter((s) => !s.supported);
  const decision = item.statements.find((s) => s.kind === 'decision');
  const votes = item.statements.find((s) => s.kind === 'votes');
  const actionStatements = item.statements.filter((s) => s.kind === 'action');
  const isDiscussed = item.discussed.length > 0;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="minutes-item" data-number={item.number}>
      <h2 id={headingId} className="panel__title">
        {t('minutes.itemHeading', { number: item.number, title: item.title })}
      </h2>

      <h3>{t('minutes.summary')}</h3>
      {summaries.length > 0 ? (
        summaries.map((s) => (
          <p key={`${s.text}-${s.lines.join(',')}`} data-testid="summary-statement">
            {s.text} <Citation lines={s.lines} />
            {s.edited ? <span className="badge badge--neutral"> {t('minutes.edited')}</span> : null}
          </p>
        ))
      ) : item.summary ? (
        <p>{item.summary}</p>
      ) : (
        <p className="muted">{isDiscussed ? t('minutes.noSummary') : t('minutes.notDiscussed')}</p>
      )}
      {rejected.length > 0 ? (
        <div className="notice notice--warning">
          <p className="notice__text">{t('minutes.unsupported')}</p>
          <ul className="notice__list">
            {rejected.map((s) => (
              <li key={`${s.text}-${s.lines.join(',')}`}>
                {s.text} <Citation lines={s.lines} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3>{t('minutes.decision')}</h3>
      {isEditing ? (
        <DecisionEditor
          number={item.number}
          decision={item.decision}
          postponed={item.postponed}
          isBusy={isBusy}
          onSave={(change) => onSaveDecision(item.number, change)}
          onClose={() => setEditing(false)}
        />
      ) : (
        <>
          <p data-testid="decision">
            {item.postponed ? <span className="badge badge--warning">{t('minutes.postponed')}</span> : null}{' '}
            <span data-testid="decision-text">{item.decision ?? (isDiscussed ? t('minutes.noDecision') : t('minutes.notDiscussed'))}</span>
            {decision ? <Citation lines={decision.lines} /> : null}
            {decision?.edited ? (
              <>
                {' '}
                <span className="badge badge--neutral" data-testid="decision-edited">
                  {t('minutes.edited')}
                </span>
              </>
            ) : null}
          </p>
          {canEdit ? (
            <div className="button-row">
              <button
                ref={editButtonRef}
                type="button"
                className="button button--secondary button--small"
                data-testid="edit-decision"
                disabled={isBusy}
                onClick={() => setEditing(true)}
              >
                {t('minutes.editDecision')}
                <span className="visually-hidden"> {t('minutes.forItem', { number: item.number })}</span>
              </button>
            </div>
          ) : null}
        </>
      )}

      {item.votes ? (
        <>
          <h3>{t('minutes.votes')}</h3>
          <p data-testid="votes">
            {t('minutes.votesText', { for: item.votes.for, against: item.votes.against, abstained: item.votes.abstained })}{' '}
            {votes ? <Citation lines={votes.lines} /> : null}
          </p>
        </>
      ) : null}

      {item.actions.length > 0 ? (
        <>
          <h3>{t('minutes.actions')}</h3>
          {/* No scrolling wrapper: it would clip the citations' popovers. */}
          <table className="case-table" data-testid="actions">
            <caption className="visually-hidden">{t('minutes.actionsCaption', { number: item.number })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('minutes.colWhat')}</th>
                <th scope="col">{t('minutes.colWho')}</th>
                <th scope="col">{t('minutes.colDue')}</th>
                <th scope="col">{t('minutes.colSource')}</th>
              </tr>
            </thead>
            <tbody>
              {item.actions.map((a, i) => (
                <tr key={`${a.what}-${a.who ?? ''}-${a.due ?? ''}`} data-testid="action-row">
                  <td>{a.what}</td>
                  <td>{a.who ?? t('minutes.notStated')}</td>
                  <td>
                    {a.due ? formatDate(a.due) : t('minutes.notStated')}
                    {a.dueText ? <span className="muted"> ({a.dueText})</span> : null}
                  </td>
                  <td>{actionStatements[i] ? <Citation lines={actionStatements[i].lines} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
