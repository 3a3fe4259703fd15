import { type FormEvent, useId, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { registerQuestion } from '../features/politics/api';
import { useT } from '../i18n';
import { navigate } from '../router';

/** The secretariat registers a politician's question: who asks, the committee, each sub-question, the deadline rule. */
export function PoliticianQuestionPage() {
  const { t } = useT();
  const id = useId();
  const [title, setTitle] = useState('');
  const [asker, setAsker] = useState('');
  const [email, setEmail] = useState('');
  const [committee, setCommittee] = useState('');
  const [questions, setQuestions] = useState<string[]>(['']);
  const [days, setDays] = useState(10);
  const [unit, setUnit] = useState<'working' | 'calendar'>('working');
  const [isPublishable, setPublishable] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = questions.map((q) => q.trim()).filter(Boolean);
    const m = [!title.trim() ? 'title' : '', !asker.trim() ? 'asker' : '', filled.length === 0 ? 'questions' : ''].filter(Boolean);
    setMissing(m);
    if (m.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const { case: c } = await registerQuestion({
        title: title.trim(),
        unitId: null,
        sender: { kind: 'politician', name: asker.trim(), email: email.trim() || null },
        politician: { asker: asker.trim(), committee: committee.trim() || null, questions: filled, deadlineRule: { days, unit }, isPublishable },
      });
      navigate(`/sager/${c.number}`);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: string, text: string) =>
    missing.includes(key) ? (
      <p id={`${id}-${key}-error`} className="field__error">
        {text}
      </p>
    ) : null;

  return (
    <div className="page page--narrow">
      <PageHeading title={t('politics.newQuestion')}>{t('politics.newQuestion')}</PageHeading>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('politics.questionTitle')}</label>
          {fieldError('title', t('politics.titleRequired'))}
          <input
            id={`${id}-title`}
            value={title}
            maxLength={300}
            aria-invalid={missing.includes('title') || undefined}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-asker`}>{t('politics.asker')}</label>
          {fieldError('asker', t('politics.askerRequired'))}
          <input
            id={`${id}-asker`}
            value={asker}
            maxLength={200}
            aria-describedby={`${id}-asker-hint`}
            aria-invalid={missing.includes('asker') || undefined}
            onChange={(e) => setAsker(e.target.value)}
          />
          <p id={`${id}-asker-hint`} className="field__hint">
            {t('politics.askerHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('politics.email')}</label>
          <input id={`${id}-email`} type="email" value={email} maxLength={320} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-committee`}>{t('politics.committee')}</label>
          <input id={`${id}-committee`} value={committee} maxLength={200} onChange={(e) => setCommittee(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('politics.questions')}</legend>
          {fieldError('questions', t('politics.questionsRequired'))}
          {questions.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sub-questions are edited in place and have no id
            <div className="field" key={i}>
              <label htmlFor={`${id}-q-${i}`}>{t('politics.questionN', { n: i + 1 })}</label>
              <textarea
                id={`${id}-q-${i}`}
                data-testid="sub-question"
                rows={3}
                value={q}
                onChange={(e) => setQuestions(questions.map((x, j) => (j === i ? e.target.value : x)))}
              />
              {questions.length > 1 ? (
                <button type="button" className="button button--secondary" onClick={() => setQuestions(questions.filter((_, j) => j !== i))}>
                  {t('politics.removeQuestion', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" className="button button--secondary" data-testid="add-sub-question" onClick={() => setQuestions([...questions, ''])}>
            {t('politics.addQuestion')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('politics.deadlineRule')}</legend>
          <div className="field">
            <label htmlFor={`${id}-days`}>{t('politics.days')}</label>
            <input id={`${id}-days`} type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('politics.dayUnit')}</label>
            <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value as 'working' | 'calendar')}>
              <option value="working">{t('politics.workingDays')}</option>
              <option value="calendar">{t('politics.calendarDays')}</option>
            </select>
          </div>
        </fieldset>
        <div className="checkbox">
          <input id={`${id}-pub`} type="checkbox" checked={isPublishable} onChange={(e) => setPublishable(e.target.checked)} />
          <label htmlFor={`${id}-pub`}>{t('politics.publishable')}</label>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="register-question" disabled={isBusy}>
            {t('politics.register')}
          </button>
        </div>
        <ErrorAlert error={error} />
      </form>
    </div>
  );
}
