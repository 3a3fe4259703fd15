import { apiRequest } from '../../api/client';
import type { ImportEmlResponse } from '../../api/types';

/** Uploads one raw EML file; the server files it as a case (flagged when it cannot be parsed). */
export function postEml(file: File, signal?: AbortSignal): Promise<ImportEmlResponse> {
  return apiRequest('/import/eml', { raw: { body: file, contentType: 'message/rfc822' }, signal });
}
