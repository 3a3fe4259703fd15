import { type FormEvent, useEffect, useId, useState } from 'react';
import type { ApiError } from '../api/client';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { nextPathFrom, useAuth } from '../features/auth/auth-context';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';

/** Sign-in; afterwards the user goes back to the page they were sent away from. */
export function LoginPage() {
  const { t } = useT();
  const { state, login } = useAuth();
  const { search } = useLocation();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const reason = new URLSearchParams(search).get('reason');

  useEffect(() => {
    if (state.status === 'signed-in') navigate(nextPathFrom(search), { replace: true });
  }, [state, search]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setSubmitting(true);
    const failure = await login(username.trim(), password);
    setSubmitting(false);
    if (failure) {
      setError(failure);
      setPassword('');
    }
  };

  return (
    <div className="page page--narrow page--login">
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <p>{t('login.intro')}</p>
      {reason === 'expired' ? <p className="notice notice--info">{t('login.sessionExpired')}</p> : null}
      {reason === 'logged-out' ? <p className="notice notice--info">{t('login.loggedOut')}</p> : null}
      <form className="login-form panel" onSubmit={submit} noValidate>
        {missing ? (
          <p className="notice notice--error" role="alert">
            {t('login.required')}
          </p>
        ) : null}
        <ErrorAlert error={error} />
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('login.username')}</label>
          <input
            id={`${id}-username`}
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            required
            aria-invalid={(missing && !username.trim()) || undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            aria-invalid={(missing && !password) || undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isSubmitting} aria-busy={isSubmitting}>
            {isSubmitting ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
