import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { type ConsultationViewDto, correctAssignment, type ResponseDto, type Stance, stances, type ThemeDto } from '../api';
import { useConsultationLabels } from '../labels';
import type { RunAction } from './theme-review';

const pageSize = 20;
const excerptLength = 220;

function ThemeChips({ ids, names, testId }: { ids: string[]; names: Map<string, string>; testId: string }) {
  const { t } = useT();
  if (ids.length === 0) return <span className="muted">{t('consultations.noTheme')}</span>;
  return (
    <ul className="chips" data-testid={testId}>
      {ids.map((id) => (
        <li key={id} className="chip">
          {names.get(id) ?? id}
        </li>
      ))}
    </ul>
  );
}

function CorrectionForm({
  response,
  approved,
  onSave,
  onCancel,
}: {
  response: ResponseDto;
  approved: ThemeDto[];
  onSave: (correction: { themeIds: string[]; stance: Stance }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useT();
  const l = useConsultationLabels();
  const id = useId();
  const legendRef = useRef<HTMLFieldSetElement>(null);
  const approvedIds = new Set(approved.map((a) => a.id));
  const [themeIds, setThemeIds] = useState<string[]>(response.themeIds.filter((x) => approvedIds.has(x)));
  const [stance, setStance] = useState<Stance>(response.stance ?? 'neutral');
  const [isMissing, setMissing] = useState(false);
  useEffect(() => {
    legendRef.current?.querySelector('input')?.focus();
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (themeIds.length === 0) {
      setMissing(true);
      legendRef.current?.querySelector('input')?.focus();
      return;
    }
    await onSave({ themeIds, stance });
  };
  if (approved.length === 0) return <p className="notice notice--warning">{t('consultations.correctNoApproved')}</p>;
  return (
    <form onSubmit={submit} noValidate data-testid="correction-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel__title">
        {t('consultations.correctTitle', { id: response.externalId })}
      </h3>
      <fieldset ref={legendRef} aria-describedby={isMissing ? `${id}-error` : undefined}>
        <legend>{t('consultations.correctThemes')}</legend>
        {isMissing ? (
          <p id={`${id}-error`} className="field__error">
            {t('consultations.correctNeedTheme')}
          </p>
        ) : null}
        <div className="checkbox-row">
          {approved.map((th) => (
            <div className="checkbox" key={th.id}>
              <input
                id={`${id}-${th.id}`}
                type="checkbox"
                value={th.id}
                data-testid="correction-theme"
                checked={themeIds.includes(th.id)}
                onChange={(e) => setThemeIds((ids) => (e.target.checked ? [...ids, th.id] : ids.filter((x) => x !== th.id)))}
              />
              <label htmlFor={`${id}-${th.id}`}>{th.name}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-stance`}>{t('consultations.correctStance')}</label>
        <select
          id={`${id}-stance`}
          data-testid="correction-stance"
          style={{ maxWidth: '16rem' }}
          value={stance}
          onChange={(e) => setStance(e.target.value as Stance)}
        >
          {stances.map((s) => (
            <option key={s} value={s}>
              {l.stance(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" data-testid="correction-save">
          {t('consultations.correctSave')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t('consultations.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Every response with the AI's themes, stance and quotes beside a person's review, and a control
 * to correct (or confirm) it. Searchable, in pages of 20.
 */
export function ResponseTable({ view, canAct, run }: { view: ConsultationViewDto; canAct: boolean; run: RunAction }) {
  const { t } = useT();
  const l = useConsultationLabels();
  const id = useId();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const names = new Map(view.themes.map((th) => [th.id, th.name]));
  const approved = view.themes.filter((th) => th.status === 'approved');
  const campaignOf = new Map<string, string>();
  for (const c of view.campaigns) for (const r of c.responseIds) campaignOf.set(r, c.label);

  const q = query.trim().toLowerCase();
  const matching = q ? view.responses.filter((r) => r.externalId.toLowerCase().includes(q) || r.text.toLowerCase().includes(q)) : view.responses;
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const current = Math.min(page, pages);
  const shown = matching.slice((current - 1) * pageSize, current * pageSize);

  const close = (responseId: string) => {
    setOpenId(null);
    requestAnimationFrame(() => buttons.current.get(responseId)?.focus());
  };

  return (
    <>
      <p>{t('consultations.responsesIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('consultations.filter')}</label>
        <p id={`${id}-q-hint`} className="field__hint">
          {t('consultations.filterHint')}
        </p>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          data-testid="response-filter"
          aria-describedby={`${id}-q-hint`}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
        />
      </div>
      {matching.length === 0 ? (
        <p className="empty">{t('consultations.filterNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="case-table" data-testid="response-table">
            <caption>
              {t('consultations.responsesCaption', { from: (current - 1) * pageSize + 1, to: (current - 1) * pageSize + shown.length, total: matching.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('consultations.colId')}</th>
                <th scope="col">{t('consultations.colText')}</th>
                <th scope="col">{t('consultations.colAi')}</th>
                <th scope="col">{t('consultations.colQuotes')}</th>
                <th scope="col">{t('consultations.colHuman')}</th>
                {canAct ? <th scope="col">{t('consultations.colAction')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <Fragment key={r.id}>
                  <tr data-testid="response-row" data-response-id={r.externalId} data-reviewed={r.human ? 'true' : 'false'}>
                    <th scope="row">
                      <span className="case-table__number">{r.externalId}</span>
                      <br />
                      <span className="muted">{l.respondentType(r.respondentType)}</span>
                      {campaignOf.has(r.externalId) ? (
                        <>
                          <br />
                          <span className="badge badge--warning">{t('consultations.campaignMember', { label: campaignOf.get(r.externalId) ?? '' })}</span>
                        </>
                      ) : null}
                    </th>
                    <td>
                      {r.text.length > excerptLength ? (
                        <details>
                          <summary>{`${r.text.slice(0, excerptLength).trimEnd()} …`}</summary>
                          <p style={{ whiteSpace: 'pre-wrap' }}>{r.text}</p>
                        </details>
                      ) : (
                        <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</p>
                      )}
                    </td>
                    <td>
                      <ThemeChips ids={r.ai.themeIds} names={names} testId="ai-themes" />
                      <div data-testid="ai-stance">
                        {t('consultations.correctStance')}: {l.stance(r.ai.stance)}
                      </div>
                    </td>
                    <td>
                      {r.ai.quotes.length > 0 ? (
                        <ul data-testid="ai-quotes" style={{ margin: 0, paddingLeft: '1.1rem' }}>
                          {r.ai.quotes.map((qt) => (
                            <li key={qt.start}>
                              <q>{qt.text}</q>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td>
                      {r.human ? (
                        <>
                          <ThemeChips ids={r.human.themeIds} names={names} testId="human-themes" />
                          <div>
                            {t('consultations.correctStance')}: {l.stance(r.human.stance)}
                          </div>
                          {r.human.byName ? <div className="muted">{t('consultations.reviewedBy', { name: r.human.byName })}</div> : null}
                        </>
                      ) : (
                        <span className="muted">{t('consultations.notReviewed')}</span>
                      )}
                    </td>
                    {canAct ? (
                      <td>
                        <button
                          ref={(el) => {
                            if (el) buttons.current.set(r.id, el);
                            else buttons.current.delete(r.id);
                          }}
                          type="button"
                          className="button button--secondary button--small"
                          data-testid="correct-button"
                          aria-expanded={openId === r.id}
                          aria-controls={openId === r.id ? `${id}-edit-${r.id}` : undefined}
                          aria-label={t('consultations.correctLabel', { id: r.externalId })}
                          onClick={() => setOpenId(openId === r.id ? null : r.id)}
                        >
                          {t('consultations.correct')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                  {canAct && openId === r.id ? (
                    <tr id={`${id}-edit-${r.id}`}>
                      <td colSpan={6}>
                        <CorrectionForm
                          response={r}
                          approved={approved}
                          onCancel={() => close(r.id)}
                          onSave={async (correction) => {
                            const isDone = await run(
                              () => correctAssignment(view.consultation.id, r.id, correction),
                              (v) => t('consultations.corrected', { id: r.externalId, f1: l.score(v.quality.f1), n: v.quality.reviewed }),
                            );
                            if (isDone) close(r.id);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t('consultations.pagination')}>
          <button type="button" className="button button--secondary button--small" disabled={current <= 1} onClick={() => setPage(current - 1)}>
            {t('consultations.previous')}
          </button>
          <span>{t('consultations.pageOf', { page: current, pages })}</span>
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="responses-next"
            disabled={current >= pages}
            onClick={() => setPage(current + 1)}
          >
            {t('consultations.next')}
          </button>
        </nav>
      ) : null}
    </>
  );
}
