import type { Priority } from '@ekspedit/core';
import type { InquiryKind } from './types';

// Danger to people or property, or a deadline today, is urgent; anything that asks for haste is high.
const urgent =
  /\b(livsfare\w*|akut\w*|nødsituation|omgående|straks|haster meget|meget akut|brand i|gasl[æu]k\w*|vand(et)? (står|fosser|løber)|oversvømm\w*|kloak(ken)? (løber|er) over|truet med|selvmord\w*|vold\w*|urgent|emergency|immediately|danger)/u;
const high =
  /\b(haster|hurtigst (muligt)?|snarest|inden (i )?(morgen|fredag|mandag|tirsdag|onsdag|torsdag)|i dag|fristen (udløber|er)|frist\w*|dead ?line|asap|as soon as possible|rykker|tredje gang|igen og igen|uger? (uden|og intet))/u;

/** The urgency of an item from its wording and kind: routing reads it, people can change it. */
export function priorityFromCues(text: string, kind: InquiryKind): Priority {
  if (kind === 'not_a_case') return 'low';
  if (urgent.test(text)) return 'urgent';
  if (high.test(text) || kind === 'politician_question') return 'high';
  return 'normal';
}
