import { apiRequest } from '../../api/client';
import type { UserDto } from '../../api/types';

/** The signed-in user, or an UNAUTHENTICATED ApiError. */
export function fetchMe(): Promise<{ user: UserDto }> {
  return apiRequest('/auth/me', { quietUnauthenticated: true });
}

/** Signs in; the server sets the HttpOnly session cookie. */
export function login(username: string, password: string): Promise<{ user: UserDto }> {
  return apiRequest('/auth/login', { json: { username, password }, quietUnauthenticated: true });
}

/** Ends the session. */
export function logout(): Promise<void> {
  return apiRequest('/auth/logout', { method: 'POST', quietUnauthenticated: true });
}
