import { loginRequest, userDto } from '@ekspedit/core/api';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Authenticator, requireUser, SESSION_COOKIE } from '../auth';

/** Login, logout and the current user. */
export function authRoutes(auth: Authenticator): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/auth/login', { schema: { tags: ['auth'], body: loginRequest, response: { 200: z.object({ user: userDto }) } } }, async (request, reply) => {
      const { user, token } = await auth.login(request.body.username, request.body.password, request.ip);
      auth.setCookie(reply, token);
      return { user };
    });
    app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token);
      auth.clearCookie(reply);
      return reply.status(204).send();
    });
    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: z.object({ user: userDto }) } } }, async (request) => ({
      user: requireUser(request),
    }));
  };
}
