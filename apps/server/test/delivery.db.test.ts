import { createServer } from 'node:net';
import { retryDeliveries } from '@ekspedit/core';
import { createRepositories } from '@ekspedit/db';
import { createSmtpTransport } from '@ekspedit/mail';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInquiry, buildUnit, buildUser } from '../../../packages/db/test/support/factories';
import { createTestDatabase, testDatabaseKind } from '../../../packages/db/test/support/test-database';
import { reviewDeps } from '../src/deps';
import { buildTestApp, loginHeaders } from './support';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A real SMTP server (the smtp-server package) that takes the whole message and then, the first
 * time, drops the connection before answering the final dot: the classic "failed after DATA".
 */
async function startFlakySmtp() {
  const received: { messageId: string; raw: string }[] = [];
  let dropsLeft = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '', raw });
        if (dropsLeft > 0) {
          dropsLeft--;
          // The message is in; the client never hears so.
          (session as unknown as { socket?: { destroy(): void } }).socket?.destroy();
          const socket = (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections;
          for (const conn of socket) conn._socket.destroy();
          return;
        }
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe(`idempotent sending on ${testDatabaseKind}`, () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: Awaited<ReturnType<typeof startFlakySmtp>>;
  let ctx: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    smtp = await startFlakySmtp();
    ctx = await buildTestApp(handle, {}, { mail: createSmtpTransport(`smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`) });
  });
  afterAll(async () => {
    await ctx?.app.close();
    await smtp?.close();
    await handle?.close();
  });

  it('files one message per approved reply; a retry after a connection lost after DATA resends the same message, never a new one', async () => {
    const unit = await buildUnit(handle, { name: 'Affald', kleCodes: ['07'] });
    const mette = await buildUser(handle, { username: 'mette', roles: ['caseworker'], unitId: unit.id });
    const headers = await loginHeaders(ctx.app, 'mette', mette.password);
    const c = await buildInquiry(handle, { unitId: unit.id });
    const saved = (
      await ctx.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/review`, headers, payload: { body: 'Kære Anne\n\nStorskrald hentes mandag.' } })
    ).json();
    const { id, contentHash } = saved.reply;
    await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/review/${id}/approve`, headers, payload: { contentHash } });

    const first = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/review/${id}/send`, headers, payload: { contentHash } });
    expect(first.statusCode, first.body).toBe(201);
    // The server took the message but the client saw the connection die after DATA: uncertain, not sent, not lost.
    expect(first.json().message.status).toBe('uncertain');
    expect(smtp.received).toHaveLength(1);

    // Pressing send again does not make a second message: the approval is used.
    const again = await ctx.app.inject({ method: 'POST', url: `/api/cases/${c.id}/review/${id}/send`, headers, payload: { contentHash } });
    expect(again.json().error.code).toBe('APPROVAL_CONSUMED');

    // The retry worker delivers the same filed message, with the same Message-ID.
    const deps = { ...reviewDeps(ctx.deps) };
    expect(await retryDeliveries(deps, { pauseMs: 0 })).toBe(1);
    expect(await retryDeliveries(deps, { pauseMs: 0 })).toBe(0);
    expect(smtp.received).toHaveLength(2);
    const ids = new Set(smtp.received.map((r) => r.messageId));
    expect(ids.size).toBe(1);

    const out = (await createRepositories(handle.db).cases.listMessages(c.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ status: 'sent', deliveryAttempts: 2, draftId: id });
    expect(out[0]?.messageIdHeader).toBe([...ids][0]);
    const events = (await createRepositories(handle.db).cases.listEvents(c.id)).map((e) => [e.activity, e.data.uncertain ?? null]);
    expect(events).toContainEqual(['message.failed', true]);
    expect(events.filter(([a]) => a === 'message.sent')).toHaveLength(1);
  });
});
