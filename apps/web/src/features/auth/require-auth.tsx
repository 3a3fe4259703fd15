import { type ReactNode, useEffect } from 'react';
import { LiveStatus } from '../../components/live-status';
import { useT } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { useAuth } from './auth-context';

/** Renders its children for a signed-in user; otherwise sends them to /login and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const { pathname, search } = useLocation();
  const { t } = useT();

  useEffect(() => {
    if (state.status === 'anonymous') {
      const params = new URLSearchParams({ next: `${pathname}${search}` });
      if (state.reason) params.set('reason', state.reason);
      navigate(`/login?${params.toString()}`, { replace: true });
    }
  }, [state, pathname, search]);

  if (state.status !== 'signed-in') return <LiveStatus>{t('app.loading')}</LiveStatus>;
  return <>{children}</>;
}
