import type { Db } from './open';
import { createAiUsageRepository } from './repositories/ai-usage-repository';
import { createAuditLog } from './repositories/audit-repository';
import { createAuthRepository } from './repositories/auth-repository';
import { createBlobRepository } from './repositories/blob-repository';
import { createCaseRepository } from './repositories/case-repository';
import { createClassificationStore, createRoutingPolicy } from './repositories/classification-repository';
import { createClassifierRepository } from './repositories/classifier-repository';
import { createConsultationRepository } from './repositories/consultation-repository';
import { createDirectoryRepository } from './repositories/directory-repository';
import { createDraftRepository } from './repositories/draft-repository';
import { createJobRepository } from './repositories/job-repository';
import { createKleRepository } from './repositories/kle-repository';
import { createKnowledgeRepository } from './repositories/knowledge-repository';
import { createMailReceiptRepository } from './repositories/mail-receipt-repository';
import { createMeasurementRepository } from './repositories/measurement-repository';
import { createMiningRepository } from './repositories/mining-repository';
import { createMinutesRepository } from './repositories/minutes-repository';
import { createPolicyRepository } from './repositories/policy-repository';
import { createPoliticsRepository } from './repositories/politics-repository';
import { createRatingRepository } from './repositories/rating-repository';
import { createAuditSampleRepository, createOutboxRepository, createReviewRepository } from './repositories/review-repository';

/** Every repository on one database, built once by each app's composition root. */
export function createRepositories(db: Db) {
  return {
    cases: createCaseRepository(db),
    knowledge: createKnowledgeRepository(db),
    aiUsage: createAiUsageRepository(db),
    directory: createDirectoryRepository(db),
    auth: createAuthRepository(db),
    audit: createAuditLog(db),
    blobs: createBlobRepository(db),
    mailReceipts: createMailReceiptRepository(db),
    classifications: createClassificationStore(db),
    routing: createRoutingPolicy(db),
    kle: createKleRepository(db),
    classifier: createClassifierRepository(db),
    mining: createMiningRepository(db),
    measurement: createMeasurementRepository(db),
    drafts: createDraftRepository(db),
    reviews: createReviewRepository(db),
    auditSamples: createAuditSampleRepository(db),
    outbox: createOutboxRepository(db),
    policy: createPolicyRepository(db),
    politics: createPoliticsRepository(db),
    ratings: createRatingRepository(db),
    consultations: createConsultationRepository(db),
    jobs: createJobRepository(db),
    minutes: createMinutesRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
