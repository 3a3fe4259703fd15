import { type AiPolicy, type AiPolicyDocument, AppError, defaultPolicy, defaultPolicyDocument, type PolicyRepository } from '@ekspedit/core';
import { desc } from 'drizzle-orm';
import type { Db } from '../open';
import { aiPolicies } from '../schema';

type Row = typeof aiPolicies.$inferSelect;

const toPolicy = (r: Row): AiPolicy => {
  const doc = r.document as unknown as Partial<AiPolicyDocument>;
  return {
    defaultLevel: doc.defaultLevel ?? defaultPolicyDocument.defaultLevel,
    rules: doc.rules ?? [],
    killSwitches: { ...defaultPolicyDocument.killSwitches, ...doc.killSwitches },
    approvalChains: doc.approvalChains ?? defaultPolicyDocument.approvalChains,
    pilot: doc.pilot ?? null,
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    comment: r.comment,
  };
};

/** Versions of the automation policy; rows are append-only (trigger), the newest is in force. */
export function createPolicyRepository(db: Db): PolicyRepository {
  return {
    async current() {
      const [row] = await db.select().from(aiPolicies).orderBy(desc(aiPolicies.version)).limit(1);
      return row ? toPolicy(row) : defaultPolicy;
    },
    async list() {
      return (await db.select().from(aiPolicies).orderBy(desc(aiPolicies.version))).map(toPolicy);
    },
    async append(input) {
      const version = input.expectedVersion + 1;
      const document: AiPolicyDocument = {
        defaultLevel: input.document.defaultLevel,
        rules: input.document.rules,
        killSwitches: input.document.killSwitches,
        approvalChains: input.document.approvalChains,
        pilot: input.document.pilot ?? null,
      };
      // The primary key makes two admins saving on the same version a conflict, not a silent overwrite.
      const rows = await db
        .insert(aiPolicies)
        .values({ version, document: document as unknown as Record<string, unknown>, createdBy: input.createdBy, comment: input.comment })
        .onConflictDoNothing()
        .returning();
      const row = rows[0];
      if (!row) throw new AppError('CONFLICT', { message: 'Politikken er ændret af en anden imens; hent den igen' });
      const current = await this.current();
      if (current.version !== version) throw new AppError('CONFLICT', { message: 'Politikken er ændret af en anden imens; hent den igen' });
      return toPolicy(row);
    },
  };
}
