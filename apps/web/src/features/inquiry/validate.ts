import type { MessageKey } from '../../i18n';

export interface InquiryFields {
  kind: 'citizen_inquiry' | 'access_request' | 'complaint';
  name: string;
  email: string;
  phone: string;
  subject: string;
  body: string;
}

export type FieldName = Exclude<keyof InquiryFields, 'kind'>;
export type FieldErrors = Partial<Record<FieldName, { key: MessageKey; vars?: Record<string, number> }>>;

export const limits = { name: 200, email: 320, phone: 40, subject: 300, body: 50_000 } as const;

// Deliberately loose: one @, a dot in the domain, no spaces. The server has the final word.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[+\d][\d\s]*$/;

/** Checks the form the way the server's schema will, in the order the fields appear. */
export function validateInquiry(f: InquiryFields): FieldErrors {
  const errors: FieldErrors = {};
  const tooLong = (field: FieldName) => f[field].length > limits[field] && { key: 'inquiry.tooLong' as const, vars: { max: limits[field] } };
  if (!f.name.trim()) errors.name = { key: 'inquiry.nameRequired' };
  else if (tooLong('name')) errors.name = tooLong('name') || undefined;
  if (!f.email.trim()) errors.email = { key: 'inquiry.emailRequired' };
  else if (!emailPattern.test(f.email.trim()) || f.email.length > limits.email) errors.email = { key: 'inquiry.emailInvalid' };
  if (f.phone.trim() && (!phonePattern.test(f.phone.trim()) || f.phone.length > limits.phone)) errors.phone = { key: 'inquiry.phoneInvalid' };
  if (!f.subject.trim()) errors.subject = { key: 'inquiry.subjectRequired' };
  else if (tooLong('subject')) errors.subject = tooLong('subject') || undefined;
  if (!f.body.trim()) errors.body = { key: 'inquiry.bodyRequired' };
  else if (tooLong('body')) errors.body = tooLong('body') || undefined;
  return errors;
}
