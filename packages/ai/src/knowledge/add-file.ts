import type { IsoDate, KnowledgeSourceKind } from '@ekspedit/core';
import { type PreparedSource, prepareSource } from './prepare';

export interface KnowledgeFileInput {
  filename: string;
  content: Uint8Array;
  kind: 'document' | 'standard_letter';
  unitId?: string | null;
  kleCodes?: string[];
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  ownerId?: string | null;
}

/** Where a prepared source is written (the knowledge repository). */
export interface KnowledgeSink {
  addSource(
    source: {
      kind: KnowledgeSourceKind;
      title: string;
      ownerId?: string | null;
      unitId?: string | null;
      kleCodes?: string[];
      validFrom?: IsoDate | null;
      validTo?: IsoDate | null;
      origin?: string | null;
      mediaType?: string | null;
      body?: string | null;
      mergeFields?: string[];
      caseId?: string | null;
    },
    chunks: PreparedSource['chunks'],
    options?: { replaceSameOrigin?: boolean },
  ): Promise<{ id: string; chunks: number }>;
}

/** Extracts, chunks and stores one uploaded file as a knowledge source (CLI `kb add` and the web upload). */
export async function addKnowledgeFile(input: KnowledgeFileInput, sink: KnowledgeSink): Promise<{ id: string; title: string; chunks: number }> {
  const prepared = await prepareSource({ filename: input.filename, content: input.content });
  const { id, chunks } = await sink.addSource(
    {
      kind: input.kind,
      title: prepared.title,
      ownerId: input.ownerId ?? null,
      unitId: input.unitId ?? null,
      kleCodes: input.kleCodes ?? [],
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      origin: input.filename.split('/').pop() ?? input.filename,
      mediaType: prepared.mediaType,
      // A standard letter is used whole, with its merge fields filled; documents live in their chunks.
      body: input.kind === 'standard_letter' ? prepared.text : null,
      mergeFields: prepared.mergeFields,
    },
    prepared.chunks,
  );
  return { id, title: prepared.title, chunks };
}
