import type { Db } from './open';
import { createAuditLog } from './repositories/audit-repository';
import { createAuthRepository } from './repositories/auth-repository';
import { createBlobRepository } from './repositories/blob-repository';
import { createCaseRepository } from './repositories/case-repository';
import { createDirectoryRepository } from './repositories/directory-repository';

/** Every repository on one database, built once by each app's composition root. */
export function createRepositories(db: Db) {
  return {
    cases: createCaseRepository(db),
    directory: createDirectoryRepository(db),
    auth: createAuthRepository(db),
    audit: createAuditLog(db),
    blobs: createBlobRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
