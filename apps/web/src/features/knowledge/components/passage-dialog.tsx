import { useEffect, useId, useRef } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../i18n';
import { fetchChunk } from '../api';

/**
 * The full text of one source passage in a modal dialog: the browser's own `<dialog>` keeps focus
 * inside and closes on Escape; focus goes back to the control that opened it.
 */
export function PassageDialog({ chunkId, onClose }: { chunkId: string | null; onClose: () => void }) {
  const { t, label } = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const passage = useApi(chunkId ? `chunk:${chunkId}` : null, (signal) => fetchChunk(chunkId ?? '', signal));
  const chunk = chunkId && passage.data?.chunk.chunkId === chunkId ? passage.data.chunk : null;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (chunkId && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!chunkId && dialog.open) {
      dialog.close();
    }
  }, [chunkId]);

  const handleClose = () => {
    onClose();
    const target = returnTo.current;
    returnTo.current = null;
    if (target?.isConnected) target.focus();
  };

  return (
    <dialog ref={ref} className="passage-dialog" aria-labelledby={`${id}-title`} data-testid="source-passage" onClose={handleClose}>
      <div className="passage-dialog__header">
        <h2 id={`${id}-title`} className="passage-dialog__title">
          {chunk ? chunk.title : t('knowledge.passageTitle')}
        </h2>
        <button type="button" className="button button--secondary" onClick={() => ref.current?.close()}>
          {t('knowledge.close')}
        </button>
      </div>
      {chunk ? (
        <>
          <dl className="passage-dialog__meta">
            <div>
              <dt>{t('knowledge.kind')}</dt>
              <dd>{label('sourceKinds', chunk.kind)}</dd>
            </div>
            {chunk.headingPath ? (
              <div>
                <dt>{t('knowledge.section')}</dt>
                <dd>{chunk.headingPath}</dd>
              </div>
            ) : null}
            {chunk.page !== null ? (
              <div>
                <dt>{t('knowledge.pageLabel')}</dt>
                <dd>{chunk.page}</dd>
              </div>
            ) : null}
          </dl>
          <div className="passage-dialog__text" data-testid="source-passage-text">
            {chunk.text}
          </div>
        </>
      ) : passage.isLoading ? (
        <p className="loading">{t('knowledge.passageLoading')}</p>
      ) : null}
      <ErrorAlert error={chunkId ? passage.error : null} />
    </dialog>
  );
}
