import { useT } from '../i18n';
import { type ApiError, knownErrorCodes } from './client';

/** The translated text for an error code; the server's own message is never shown alone. */
export function useErrorText(): (error: ApiError) => string {
  const { t } = useT();
  return (error) => {
    const code = (knownErrorCodes as readonly string[]).includes(error.code) ? error.code : 'UNKNOWN';
    return t(`errors.${code as (typeof knownErrorCodes)[number] | 'UNKNOWN'}`);
  };
}
