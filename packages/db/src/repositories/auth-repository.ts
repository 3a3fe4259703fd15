import type { Role, UserRecord } from '@ekspedit/core';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../open';
import { sessions, units, users } from '../schema';
import { toUserRecord } from './directory-repository';

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  roles: Role[];
  unitId: string | null;
  locale?: 'da' | 'en';
}

/** Accounts and sessions of the local login (the embedded default's authentication). */
export interface AuthRepository {
  findLogin(username: string): Promise<{ user: UserRecord; passwordHash: string } | null>;
  createUser(user: NewUser): Promise<UserRecord>;
  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void>;
  /** The user of a live session, sliding its expiry forward. */
  findSessionUser(tokenHash: string, now: Date, extendTo: Date): Promise<UserRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: Date): Promise<void>;
  upsertUnit(unit: { id: string; name: string; parentId: string | null; kleCodes: string[] }): Promise<void>;
}

/** Accounts and sessions on Drizzle. */
export function createAuthRepository(db: Db): AuthRepository {
  return {
    async findLogin(username) {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.username, username.toLowerCase()), eq(users.isActive, true)));
      return row ? { user: toUserRecord(row), passwordHash: row.passwordHash } : null;
    },
    async createUser(user) {
      const [row] = await db
        .insert(users)
        .values({ ...user, username: user.username.toLowerCase(), locale: user.locale ?? 'da' })
        .returning();
      if (!row) throw new Error('insert into users returned nothing');
      return toUserRecord(row);
    },
    async createSession(tokenHash, userId, expiresAt) {
      await db.insert(sessions).values({ tokenHash, userId, expiresAt });
    },
    async findSessionUser(tokenHash, now, extendTo) {
      const [row] = await db
        .select({ u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.isActive, true)));
      if (!row) return null;
      await db.update(sessions).set({ expiresAt: extendTo }).where(eq(sessions.tokenHash, tokenHash));
      return toUserRecord(row.u);
    },
    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteExpiredSessions(now) {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },
    async upsertUnit(unit) {
      await db
        .insert(units)
        .values(unit)
        .onConflictDoUpdate({ target: units.id, set: { name: unit.name, parentId: unit.parentId, kleCodes: unit.kleCodes } });
    },
  };
}
