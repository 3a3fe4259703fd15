import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiError, onUnauthenticated, toApiError } from '../../api/client';
import type { UserDto } from '../../api/types';
import { isSafeInternalPath, navigate } from '../../router';
import * as authApi from './api';

type AuthState = { status: 'loading' } | { status: 'anonymous'; reason?: 'expired' | 'logged-out' } | { status: 'signed-in'; user: UserDto };

interface AuthContextValue {
  state: AuthState;
  /** Signs in and returns null, or returns the error to show. */
  login: (username: string, password: string) => Promise<ApiError | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Knows who is signed in; asks the server once on start and reacts to expired sessions. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    authApi
      .fetchMe()
      .then(({ user }) => !cancelled && setState({ status: 'signed-in', user }))
      .catch(() => !cancelled && setState({ status: 'anonymous' }));
    const unsubscribe = onUnauthenticated(() => setState({ status: 'anonymous', reason: 'expired' }));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    try {
      const { user } = await authApi.login(username, password);
      setState({ status: 'signed-in', user });
      return null;
    } catch (error) {
      return toApiError(error);
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The cookie may already be gone; the user is signed out locally either way.
    }
    setState({ status: 'anonymous', reason: 'logged-out' });
    navigate('/login?reason=logged-out');
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state and actions. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth() must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for pages behind `RequireAuth`. */
export function useUser(): UserDto {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useUser() outside a signed-in page');
  return state.user;
}

/** The path to return to after login, taken from `?next=`, if it is a safe in-app path. */
export function nextPathFrom(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return isSafeInternalPath(next) && !next.startsWith('/login') ? next : '/';
}
