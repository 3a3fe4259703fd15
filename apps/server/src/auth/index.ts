import { createHash, randomBytes } from 'node:crypto';
import { AppError, type AuditLog, type Clock, type UserRecord } from '@ekspedit/core';
import type { AuthRepository } from '@ekspedit/db';
import { verifyPassword } from '@ekspedit/db';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'ekspedit_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
  }
}

export interface AuthDeps {
  auth: AuthRepository;
  audit: AuditLog;
  clock: Clock;
  sessionHours: number;
  secureCookies: boolean;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * The one authentication module: local accounts and opaque session cookies today; municipal
 * single sign-on plugs in here later without touching routes.
 */
export function createAuthenticator(deps: AuthDeps) {
  const ttl = () => new Date(deps.clock.now().getTime() + deps.sessionHours * 3_600_000);
  return {
    /** Verifies credentials and opens a session; returns the cookie token. */
    async login(username: string, password: string, ip: string): Promise<{ user: UserRecord; token: string }> {
      const found = await deps.auth.findLogin(username.trim());
      const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok) {
        await deps.audit.record({
          actorKind: 'person',
          actorId: found?.user.id ?? null,
          action: 'auth.login',
          outcome: 'denied',
          targetType: 'user',
          targetId: null,
          data: { ip },
        });
        throw new AppError('INVALID_CREDENTIALS', { message: 'Forkert brugernavn eller adgangskode' });
      }
      const token = randomBytes(32).toString('base64url');
      await deps.auth.createSession(tokenHash(token), found.user.id, ttl());
      await deps.audit.record({
        actorKind: 'person',
        actorId: found.user.id,
        action: 'auth.login',
        outcome: 'allowed',
        targetType: 'user',
        targetId: found.user.id,
        data: { ip },
      });
      return { user: found.user, token };
    },
    /** Ends the session of a token. */
    async logout(token: string): Promise<void> {
      await deps.auth.deleteSession(tokenHash(token));
    },
    /** Resolves the request's session cookie to a user (or null). */
    async resolve(request: FastifyRequest): Promise<UserRecord | null> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return null;
      return deps.auth.findSessionUser(tokenHash(token), deps.clock.now(), ttl());
    },
    /** Sets the session cookie: HttpOnly, SameSite=Strict, Secure where configured. */
    setCookie(reply: FastifyReply, token: string): void {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookies,
        maxAge: deps.sessionHours * 3600,
      });
    },
    clearCookie(reply: FastifyReply): void {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/** The signed-in user, or UNAUTHENTICATED. */
export function requireUser(request: FastifyRequest): UserRecord {
  if (!request.user) throw new AppError('UNAUTHENTICATED', { message: 'Du skal logge ind' });
  return request.user;
}
