import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { addTheme, type ConsultationViewDto, decideTheme, isActiveTheme, mapResponses, mergeTheme, type ThemeDto, updateTheme } from '../api';
import { useConsultationLabels } from '../labels';

/** Runs a change on the server and shows the view it returns; the message is announced when it succeeds. */
export type RunAction = (change: () => Promise<ConsultationViewDto>, message: (view: ConsultationViewDto) => string) => Promise<boolean>;

function RenameForm({
  theme,
  onSave,
  onCancel,
}: {
  theme: ThemeDto;
  onSave: (changes: { name: string; description: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(theme.name);
  const [description, setDescription] = useState(theme.description);
  const [isMissing, setMissing] = useState(false);
  useEffect(() => nameRef.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      nameRef.current?.focus();
      return;
    }
    await onSave({ name: name.trim(), description: description.trim() });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="theme-rename-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('consultations.themeName')}</label>
        {isMissing ? (
          <p id={`${id}-name-error`} className="field__error">
            {t('consultations.nameRequired')}
          </p>
        ) : null}
        <input
          ref={nameRef}
          type="text"
          id={`${id}-name`}
          value={name}
          maxLength={120}
          data-testid="theme-name-input"
          aria-invalid={isMissing || undefined}
          aria-describedby={isMissing ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('consultations.themeDescription')}</label>
        <textarea id={`${id}-description`} rows={3} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" data-testid="theme-save">
          {t('consultations.save')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t('consultations.cancel')}
        </button>
      </div>
    </form>
  );
}

function ThemeCard({
  consultationId,
  theme,
  others,
  canAct,
  run,
}: {
  consultationId: string;
  theme: ThemeDto;
  others: ThemeDto[];
  canAct: boolean;
  run: RunAction;
}) {
  const { t } = useT();
  const l = useConsultationLabels();
  const id = useId();
  const renameRef = useRef<HTMLButtonElement>(null);
  const [isRenaming, setRenaming] = useState(false);
  const [intoId, setIntoId] = useState('');
  const closeRename = () => {
    setRenaming(false);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => renameRef.current?.focus());
  };
  return (
    <li className="panel" data-testid="theme-card" data-theme-id={theme.id} data-status={theme.status}>
      <h3 id={`${id}-name`} className="panel__title" data-testid="theme-name">
        {theme.name}
      </h3>
      <p>
        <span className={`badge ${theme.status === 'approved' ? 'badge--engine' : 'badge--neutral'}`} data-testid="theme-status">
          {l.themeStatus(theme.status)}
        </span>{' '}
        <span className="muted">{t(theme.origin === 'ai' ? 'consultations.origin_ai' : 'consultations.origin_human')}</span>
        {' · '}
        <strong data-testid="theme-count" data-count={theme.count}>
          {theme.responseCount !== theme.count
            ? t('consultations.themeCountCampaigns', { count: theme.count, responses: theme.responseCount })
            : t('consultations.themeCount', { count: theme.count })}
        </strong>
      </p>
      {theme.description ? <p>{theme.description}</p> : null}
      {theme.quotes.length > 0 ? (
        <>
          <p className="muted">{t('consultations.examples')}</p>
          <ul>
            {theme.quotes.slice(0, 3).map((q) => (
              <li key={`${q.responseId}:${q.start}`}>
                <q>{q.text}</q> <span className="muted">{t('consultations.quoteFrom', { id: q.responseId })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canAct ? (
        isRenaming ? (
          <RenameForm
            theme={theme}
            onCancel={closeRename}
            onSave={async (changes) => {
              const isDone = await run(
                () => updateTheme(consultationId, theme.id, changes),
                () => t('consultations.themeSaved', { name: changes.name }),
              );
              if (isDone) closeRename();
            }}
          />
        ) : (
          <>
            <div className="button-row">
              {theme.status === 'proposed' ? (
                <button
                  type="button"
                  className="button button--primary button--small"
                  data-testid="theme-approve"
                  aria-label={t('consultations.approveLabel', { name: theme.name })}
                  onClick={() =>
                    void run(
                      () => decideTheme(consultationId, theme.id, 'approve'),
                      () => t('consultations.themeApproved', { name: theme.name }),
                    )
                  }
                >
                  {t('consultations.approve')}
                </button>
              ) : null}
              <button
                ref={renameRef}
                type="button"
                className="button button--secondary button--small"
                data-testid="theme-rename"
                aria-label={t('consultations.renameLabel', { name: theme.name })}
                onClick={() => setRenaming(true)}
              >
                {t('consultations.rename')}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                data-testid="theme-reject"
                aria-label={t('consultations.rejectLabel', { name: theme.name })}
                onClick={() =>
                  void run(
                    () => decideTheme(consultationId, theme.id, 'reject'),
                    () => t('consultations.themeRejected', { name: theme.name }),
                  )
                }
              >
                {t('consultations.reject')}
              </button>
            </div>
            {others.length > 0 ? (
              <div className="field">
                <label htmlFor={`${id}-merge`}>{t('consultations.mergeInto', { name: theme.name })}</label>
                <div className="button-row">
                  <select
                    id={`${id}-merge`}
                    value={intoId}
                    data-testid="merge-select"
                    style={{ maxWidth: '24rem' }}
                    onChange={(e) => setIntoId(e.target.value)}
                  >
                    <option value="">{t('consultations.mergeChoose')}</option>
                    {others.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    data-testid="merge-button"
                    disabled={!intoId}
                    onClick={() => {
                      const into = others.find((o) => o.id === intoId);
                      if (!into) return;
                      void run(
                        () => mergeTheme(consultationId, theme.id, into.id),
                        () => t('consultations.themeMerged', { name: theme.name, into: into.name }),
                      );
                    }}
                  >
                    {t('consultations.merge')}
                  </button>
                </div>
              </div>
            ) : null}
          </>
        )
      ) : null}
    </li>
  );
}

function AddThemeForm({ consultationId, run }: { consultationId: string; run: RunAction }) {
  const { t } = useT();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [isMissing, setMissing] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!name.trim());
    if (!name.trim()) return nameRef.current?.focus();
    const added = name.trim();
    const isDone = await run(
      () => addTheme(consultationId, { name: added, description: description.trim() }),
      () => t('consultations.themeAdded', { name: added }),
    );
    if (isDone) {
      setName('');
      setDescription('');
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel__title">
        {t('consultations.addThemeTitle')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('consultations.themeName')}</label>
        {isMissing ? (
          <p id={`${id}-name-error`} className="field__error">
            {t('consultations.nameRequired')}
          </p>
        ) : null}
        <input
          ref={nameRef}
          type="text"
          id={`${id}-name`}
          value={name}
          maxLength={120}
          data-testid="add-theme-name"
          aria-invalid={isMissing || undefined}
          aria-describedby={isMissing ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('consultations.themeDescription')}</label>
        <textarea id={`${id}-description`} rows={2} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <button type="submit" className="button button--secondary" data-testid="add-theme-submit">
        {t('consultations.addTheme')}
      </button>
    </form>
  );
}

/** Theme review: approve, rename, merge, reject, add; then map the responses to the approved themes. */
export function ThemeReview({ view, canAct, run, isBusy }: { view: ConsultationViewDto; canAct: boolean; run: RunAction; isBusy: boolean }) {
  const { t } = useT();
  const [isMapping, setMapping] = useState(false);
  const active = view.themes.filter(isActiveTheme);
  const inactive = view.themes.filter((th) => !isActiveTheme(th));
  const proposed = active.filter((th) => th.status === 'proposed');
  const approvedCount = active.length - proposed.length;
  const nameOf = new Map(view.themes.map((th) => [th.id, th.name]));
  const id = view.consultation.id;

  const approveAll = () =>
    run(
      async () => {
        let last: ConsultationViewDto = view;
        for (const th of proposed) last = await decideTheme(id, th.id, 'approve');
        return last;
      },
      () => t('consultations.allApproved'),
    );
  const map = async () => {
    setMapping(true);
    try {
      await run(
        () => mapResponses(id),
        (v) => t('consultations.mapped', { count: v.themes.filter((th) => th.status === 'approved').length }),
      );
    } finally {
      setMapping(false);
    }
  };

  return (
    <>
      <p>{t('consultations.themesIntro')}</p>
      {canAct ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            data-testid="approve-all"
            disabled={proposed.length === 0 || isBusy}
            onClick={() => void approveAll()}
          >
            {t('consultations.approveAll')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="map-responses"
            disabled={(approvedCount === 0 && view.themes.length > 0) || isBusy}
            aria-describedby="consultation-map-hint"
            onClick={() => void map()}
          >
            {t('consultations.mapResponses')}
          </button>
          {isMapping ? <span className="muted">{t('consultations.mapping')}</span> : null}
        </div>
      ) : null}
      {canAct ? (
        <p id="consultation-map-hint" className="field__hint">
          {t('consultations.mapHint')}
        </p>
      ) : null}
      <ul className="card-list" data-testid="theme-list">
        {active.map((th) => (
          <ThemeCard key={th.id} consultationId={id} theme={th} others={active.filter((o) => o.id !== th.id)} canAct={canAct} run={run} />
        ))}
      </ul>
      {inactive.length > 0 ? (
        <details>
          <summary>{t('consultations.otherThemesTitle', { count: inactive.length })}</summary>
          <ul>
            {inactive.map((th) => (
              <li key={th.id} data-testid="inactive-theme" data-status={th.status}>
                <strong>{th.name}</strong> –{' '}
                {th.status === 'merged'
                  ? t('consultations.mergedInto', { name: nameOf.get(th.mergedIntoId ?? '') ?? '?' })
                  : t('consultations.themeStatus_rejected')}
                {canAct && th.status === 'rejected' ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void run(
                          () => decideTheme(id, th.id, 'approve'),
                          () => t('consultations.themeApproved', { name: th.name }),
                        )
                      }
                    >
                      {t('consultations.reapprove')}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canAct ? <AddThemeForm consultationId={id} run={run} /> : null}
    </>
  );
}
