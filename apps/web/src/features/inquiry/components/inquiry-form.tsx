import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import type { InquiryResponse } from '../../../api/types';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { postInquiry } from '../api';
import { type FieldErrors, type FieldName, type InquiryFields, limits, validateInquiry } from '../validate';

const empty: InquiryFields = { kind: 'citizen_inquiry', name: '', email: '', phone: '', subject: '', body: '' };
const fieldOrder: FieldName[] = ['name', 'email', 'phone', 'subject', 'body'];

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error for one control, wired together with aria-describedby. */
function Field({ id, label, required, hint, error, children }: FieldProps) {
  const { t } = useT();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="field__required" aria-hidden="true">
            {' '}
            {t('inquiry.required')}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

/** The public inquiry form: validates as the server will, summarises errors, then shows a receipt. */
export function InquiryForm({ onReceipt }: { onReceipt: (receipt: InquiryResponse, email: string) => void }) {
  const { t, label } = useT();
  const id = useId();
  const [f, setF] = useState<InquiryFields>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [isSending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const errorText = (name: FieldName) => {
    const e = errors[name];
    return e ? t(e.key, e.vars) : undefined;
  };
  const fieldId = (name: keyof InquiryFields) => `${id}-${name}`;
  const set = (name: keyof InquiryFields) => (event: { target: { value: string } }) => setF({ ...f, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const found = validateInquiry(f);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Let the summary render, then move focus to it so the errors are read out and reachable.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSending(true);
    try {
      const receipt = await postInquiry({
        kind: f.kind,
        name: f.name.trim(),
        email: f.email.trim(),
        phone: f.phone.trim() || undefined,
        subject: f.subject.trim(),
        body: f.body.trim(),
      });
      onReceipt(receipt, f.email.trim());
    } catch (e) {
      setServerError(toApiError(e));
    } finally {
      setSending(false);
    }
  };

  const errorList = fieldOrder.filter((name) => errors[name]);
  const invalid = (name: FieldName) => (errors[name] ? true : undefined);

  return (
    <form className="inquiry-form" onSubmit={submit} noValidate>
      {errorList.length > 0 ? (
        <div className="notice notice--error error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={`${id}-summary`}>
          <h2 id={`${id}-summary`} className="notice__title">
            {errorList.length === 1 ? t('inquiry.errorSummaryOne') : t('inquiry.errorSummary', { count: errorList.length })}
          </h2>
          <ul className="notice__list">
            {errorList.map((name) => (
              <li key={name}>
                <a
                  href={`#${fieldId(name)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(name))?.focus();
                  }}
                >
                  {errorText(name)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="field">
        <label htmlFor={fieldId('kind')}>{t('inquiry.kind')}</label>
        <select id={fieldId('kind')} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as InquiryFields['kind'] })}>
          {(['citizen_inquiry', 'access_request', 'complaint'] as const).map((k) => (
            <option key={k} value={k}>
              {label('kinds', k)}
            </option>
          ))}
        </select>
      </div>
      <Field id={fieldId('name')} label={t('inquiry.name')} required error={errorText('name')}>
        {(describedBy) => (
          <input
            id={fieldId('name')}
            type="text"
            autoComplete="name"
            value={f.name}
            onChange={set('name')}
            aria-invalid={invalid('name')}
            aria-describedby={describedBy}
            aria-required="true"
          />
        )}
      </Field>
      <Field id={fieldId('email')} label={t('inquiry.email')} required hint={t('inquiry.emailHint')} error={errorText('email')}>
        {(describedBy) => (
          <input
            id={fieldId('email')}
            type="email"
            autoComplete="email"
            value={f.email}
            onChange={set('email')}
            aria-invalid={invalid('email')}
            aria-describedby={describedBy}
            aria-required="true"
          />
        )}
      </Field>
      <Field id={fieldId('phone')} label={t('inquiry.phone')} error={errorText('phone')}>
        {(describedBy) => (
          <input
            id={fieldId('phone')}
            type="tel"
            autoComplete="tel"
            value={f.phone}
            maxLength={limits.phone}
            onChange={set('phone')}
            aria-invalid={invalid('phone')}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field id={fieldId('subject')} label={t('inquiry.subject')} required error={errorText('subject')}>
        {(describedBy) => (
          <input
            id={fieldId('subject')}
            type="text"
            value={f.subject}
            onChange={set('subject')}
            aria-invalid={invalid('subject')}
            aria-describedby={describedBy}
            aria-required="true"
          />
        )}
      </Field>
      <Field id={fieldId('body')} label={t('inquiry.body')} required hint={t('inquiry.privacy')} error={errorText('body')}>
        {(describedBy) => (
          <textarea
            id={fieldId('body')}
            rows={10}
            value={f.body}
            onChange={set('body')}
            aria-invalid={invalid('body')}
            aria-describedby={describedBy}
            aria-required="true"
          />
        )}
      </Field>
      <ErrorAlert error={serverError} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSending} aria-busy={isSending}>
          {isSending ? t('inquiry.submitting') : t('inquiry.submit')}
        </button>
      </div>
    </form>
  );
}
