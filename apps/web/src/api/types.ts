/**
 * Response and request types of the HTTP contract, taken from the shared zod schemas in
 * `@ekspedit/core/api`. Type-only imports: no zod code reaches the browser bundle.
 */
import type {
  CaseDetail,
  CaseDto,
  EventDto,
  importEmlResponse,
  inboxResponse,
  inquiryRequest,
  inquiryResponse,
  MessageDto,
  UserDto,
  unitDto,
} from '@ekspedit/core/api';
import type { z } from 'zod';

export type { CaseDetail, CaseDto, EventDto, MessageDto, UserDto };
export type CaseKind = CaseDto['kind'];
export type PartyDto = CaseDetail['parties'][number];
export type DocumentDto = CaseDetail['documents'][number];
export type TransitionDto = CaseDetail['transitions'][number];
export type UnitDto = z.infer<typeof unitDto>;
export type InboxResponse = z.infer<typeof inboxResponse>;
export type InquiryRequest = z.input<typeof inquiryRequest>;
export type InquiryKind = z.infer<typeof inquiryRequest>['kind'];
export type InquiryResponse = z.infer<typeof inquiryResponse>;
export type ImportEmlResponse = z.infer<typeof importEmlResponse>;
export type InboxSort = 'deadline' | 'received' | 'number';
