import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import { useErrorText } from '../api/error-message';
import { useT } from '../i18n';

/** An error announced at once (`role="alert"`): the translated text for its code, then the code. */
export function ErrorAlert({ error, children }: { error: ApiError | null; children?: ReactNode }) {
  const { t } = useT();
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__text">{children ?? errorText(error)}</p>
      <p className="notice__code">{t('errors.code', { code: error.code })}</p>
    </div>
  );
}
