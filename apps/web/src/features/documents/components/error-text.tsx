import type { ApiError } from '../../../api/client';
import { useErrorText } from '../../../api/error-message';
import { useT } from '../../../i18n';

/** Error text for document sets: the general text per code, with the codes that mean something particular here. */
export function useDocumentErrorText(): (error: ApiError) => string {
  const { t } = useT();
  const general = useErrorText();
  return (error) => {
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : null;
    if (error.code === 'CONFLICT' && reason === 'index_outdated') return t('documents.errorIndexOutdated');
    if (error.code === 'CONFLICT') return t('documents.errorNotIndexed');
    if (error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('documents.errorFileType');
    if (error.code === 'PAYLOAD_TOO_LARGE') return t('documents.errorTooLarge');
    if (error.code === 'NOT_FOUND') return t('documents.errorSetNotFound');
    return general(error);
  };
}
