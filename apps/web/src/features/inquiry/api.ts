import { apiRequest } from '../../api/client';
import type { InquiryRequest, InquiryResponse } from '../../api/types';

/** Sends a citizen's inquiry (public, no login); answers with the case number and the deadline. */
export function postInquiry(body: InquiryRequest): Promise<InquiryResponse> {
  return apiRequest('/inquiries', { json: body, quietUnauthenticated: true });
}
