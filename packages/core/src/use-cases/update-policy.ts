import { AppError } from '../errors';
import { type AiPolicy, type AiPolicyDocument, type PolicyRepository, validatePolicy } from '../policy';
import type { AuditLog } from '../ports';
import type { UserRecord } from '../types';

/** Saves a new version of the automation policy: admins only, validated against the hard limits, audited. */
export async function updatePolicy(
  input: { user: UserRecord; document: AiPolicyDocument; comment: string; expectedVersion: number },
  deps: { policy: PolicyRepository; audit: AuditLog },
): Promise<AiPolicy> {
  const audit = (outcome: 'allowed' | 'denied', data: Record<string, unknown>) =>
    deps.audit.record({ actorKind: 'person', actorId: input.user.id, action: 'policy.change', outcome, targetType: 'ai_policy', targetId: null, data });
  if (!input.user.roles.includes('admin')) {
    await audit('denied', { reason: 'not_admin' });
    throw new AppError('FORBIDDEN', { message: 'Kun administratorer kan ændre AI-politikken' });
  }
  try {
    validatePolicy(input.document);
  } catch (error) {
    await audit('denied', { reason: (error as AppError).code ?? 'invalid' });
    throw error;
  }
  const saved = await deps.policy.append({
    document: input.document,
    createdBy: input.user.id,
    comment: input.comment.trim(),
    expectedVersion: input.expectedVersion,
  });
  await audit('allowed', { version: saved.version, comment: saved.comment, killSwitches: saved.killSwitches, rules: saved.rules.length });
  return saved;
}
