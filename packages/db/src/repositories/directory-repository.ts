import type { DirectoryRepository, Role, UnitRecord, UserRecord } from '@ekspedit/core';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { units, users } from '../schema';

type UserRow = typeof users.$inferSelect;

/** Maps a row of `users` to the domain record (never exposing the password hash). */
export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles as Role[],
    unitId: row.unitId,
    locale: row.locale === 'en' ? 'en' : 'da',
  };
}

const toUnit = (row: typeof units.$inferSelect): UnitRecord => ({ id: row.id, name: row.name, parentId: row.parentId, kleCodes: row.kleCodes });

/** Units and users. */
export function createDirectoryRepository(db: Db): DirectoryRepository {
  return {
    async listUnits() {
      return (await db.select().from(units).orderBy(asc(units.name))).map(toUnit);
    },
    async findUnit(id) {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ? toUnit(row) : null;
    },
    async listUsers() {
      return (await db.select().from(users).where(eq(users.isActive, true)).orderBy(asc(users.displayName))).map(toUserRecord);
    },
    async findUser(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUserRecord(row) : null;
    },
    async findUnitForKle(kleCode) {
      // KLE codes are hierarchical (27.24.00 under 27.24 under 27): the most specific declared code wins.
      const all = (await db.select().from(units)).map(toUnit);
      let best: { unit: UnitRecord; length: number } | null = null;
      for (const unit of all) {
        for (const code of unit.kleCodes) {
          if ((kleCode === code || kleCode.startsWith(`${code}.`)) && (!best || code.length > best.length)) best = { unit, length: code.length };
        }
      }
      return best?.unit ?? null;
    },
  };
}
