import { findPersonalData } from '@ekspedit/ai';
import { WorkflowRegistry, WorkingCalendar } from '@ekspedit/core';
import { createRepositories, type DatabaseHandle } from '@ekspedit/db';
import type { IntakeDeps } from '../../src/intake/process-receipts';

/** Intake dependencies on a test database (no OCR; 30 MB limit as the default configuration). */
export function buildIntakeDeps(handle: DatabaseHandle, overrides: Partial<IntakeDeps> = {}): IntakeDeps {
  const repos = createRepositories(handle.db);
  const maxBytes = overrides.maxBytes ?? 30 * 1_048_576;
  return {
    cases: repos.cases,
    receipts: repos.mailReceipts,
    directory: repos.directory,
    workflows: new WorkflowRegistry(),
    calendar: new WorkingCalendar(),
    clock: { now: () => new Date() },
    findPersonalData,
    maxBytes,
    extract: { maxBytes, ocr: null },
    ...overrides,
  };
}
