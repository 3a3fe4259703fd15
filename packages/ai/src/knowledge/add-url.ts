import { AppError, type IsoDate } from '@ekspedit/core';
import type { KnowledgeSink } from './add-file';
import { type FetchPageOptions, fetchPage } from './fetch-page';
import { prepareSource } from './prepare';

export interface KnowledgeUrlInput {
  url: string;
  unitId?: string | null;
  kleCodes?: string[];
  validFrom?: IsoDate | null;
  validTo?: IsoDate | null;
  ownerId?: string | null;
}

/**
 * Fetches a web page within the allowed domains, extracts and chunks it like an uploaded HTML or
 * text file, and stores it as a `web_page` source whose origin is the URL. Importing the same URL
 * again replaces the earlier import (CLI `kb add-url` and `POST /api/kb/urls`).
 */
export async function addKnowledgeUrl(
  input: KnowledgeUrlInput,
  sink: KnowledgeSink,
  options: FetchPageOptions,
): Promise<{ id: string; title: string; chunks: number; url: string; finalUrl: string }> {
  const page = await fetchPage(input.url, options);
  const finalUrl = new URL(page.finalUrl);
  // The file name only names a page without a heading; the media type comes from the response.
  const name =
    finalUrl.pathname
      .split('/')
      .filter(Boolean)
      .pop()
      ?.replace(/\.[^.]*$/, '') || finalUrl.hostname;
  const prepared = await prepareSource({
    filename: `${name}.${page.mediaType === 'text/html' ? 'html' : 'txt'}`,
    content: page.content,
    mediaType: page.mediaType,
  });
  if (prepared.chunks.length === 0) throw new AppError('VALIDATION_FAILED', { message: 'Siden indeholder ingen tekst, der kan gemmes' });
  // The origin is the address as given, normalised, so that a re-import finds the earlier one.
  const origin = new URL(input.url);
  origin.hash = '';
  const title = prepared.title || finalUrl.hostname;
  const { id, chunks } = await sink.addSource(
    {
      kind: 'web_page',
      title,
      ownerId: input.ownerId ?? null,
      unitId: input.unitId ?? null,
      kleCodes: input.kleCodes ?? [],
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      origin: origin.href,
      mediaType: page.mediaType,
      body: null,
      mergeFields: [],
    },
    prepared.chunks,
    { replaceSameOrigin: true },
  );
  return { id, title, chunks, url: origin.href, finalUrl: page.finalUrl };
}
