import { type MessageKey, useT } from '../../i18n';
import type { RespondentType, Stance, ThemeStatus } from './api';

/** Labels of the consultation identifiers (stances, sender types, statuses) and number formats. */
export function useConsultationLabels() {
  const { t, lang } = useT();
  const decimals = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    stance: (s: Stance | null) => t(`consultations.stance_${s ?? 'none'}` as MessageKey),
    respondentType: (r: RespondentType | 'unknown' | null) => t(`consultations.type_${r ?? 'unknown'}` as MessageKey),
    themeStatus: (s: ThemeStatus) => t(`consultations.themeStatus_${s}` as MessageKey),
    /** A score 0–1 with two decimals, Danish style (0,75). */
    score: (n: number) => decimals.format(n),
  };
}
