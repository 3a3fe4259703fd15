import { type Actor, type CaseRecord, type CreateCaseDeps, createCase } from '@ekspedit/core';
import { caseInputFromEml } from './eml';

/** Imports one EML file as a case; an unparseable file is kept raw on a flagged case, never dropped. */
export async function importEml(
  input: { raw: Uint8Array; filename?: string; actor: Actor },
  deps: CreateCaseDeps,
): Promise<{ case: CaseRecord; parsed: boolean; parseError: string | null }> {
  const { input: caseInput, parseError } = await caseInputFromEml(input.raw, { actor: input.actor, kind: 'citizen_inquiry', filename: input.filename });
  const created = await createCase(caseInput, deps);
  return { case: created, parsed: parseError === null, parseError };
}
