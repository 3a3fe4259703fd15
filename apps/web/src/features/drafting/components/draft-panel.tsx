import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type ApiError, toApiError } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useT } from '../../../i18n';
import { isPassageId } from '../../knowledge/api';
import { PassageDialog } from '../../knowledge/components/passage-dialog';
import { type DraftDto, fetchLatestDraft, streamDraft } from '../api';
import { DraftView } from './draft-view';

interface DraftPanelProps {
  caseId: string;
  /** Puts the draft's text into the reply field; the caseworker edits and sends it. */
  onUse: (text: string, draftId: string | null) => void;
}

/**
 * Asks for a draft reply, shows it streaming in, then sentence by sentence with its sources and
 * grounding flags. The draft is only ever copied into the reply field: it never sends itself.
 */
export function DraftPanel({ caseId, onUse }: DraftPanelProps) {
  const { t } = useT();
  const id = useId();
  const latest = useApi(`draft:${caseId}`, (signal) => fetchLatestDraft(caseId, signal));
  const [fresh, setFresh] = useState<DraftDto | null>(null);
  const [streamText, setStreamText] = useState('');
  const [isStreaming, setStreaming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [openChunk, setOpenChunk] = useState<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);

  const draft = fresh ?? latest.data?.draft ?? null;
  const isLatestOnly = !fresh && !!draft;

  const start = async () => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setError(null);
    setFresh(null);
    setStreamText('');
    setStatus(t('drafting.working'));
    setStreaming(true);
    try {
      const result = await streamDraft(caseId, {
        signal: controller.signal,
        // Each piece is committed at once, so the text grows on screen as the server writes it.
        onDelta: (text) => flushSync(() => setStreamText((prev) => prev + text)),
      });
      if (controller.signal.aborted) return;
      setFresh(result);
      setStreamText('');
      const unsupported = result.sentences.filter((s) => !s.supported).length;
      setStatus(t('drafting.done', { count: result.sentences.length, unsupported }));
    } catch (e) {
      if (controller.signal.aborted) return;
      setStatus('');
      setError(toApiError(e));
    } finally {
      if (!controller.signal.aborted) setStreaming(false);
    }
  };

  const use = (d: DraftDto) => {
    onUse(d.text, d.id ?? null);
    setStatus(t('drafting.used'));
  };

  return (
    <section className="draft-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="draft-panel__title">
        {t('drafting.title')}
      </h3>
      <p className="field__hint">{t('drafting.intro')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          data-testid="draft-button"
          disabled={isStreaming}
          aria-busy={isStreaming}
          onClick={() => void start()}
        >
          {draft ? t('drafting.again') : t('drafting.create')}
        </button>
        {isStreaming ? <span className="muted">{t('drafting.working')}</span> : null}
      </div>
      {/* Always in the DOM so screen readers follow the text as it grows. */}
      <div
        className={`draft-stream${streamText ? ' draft-stream--active' : ''}`}
        data-testid="draft-stream"
        aria-live="polite"
        aria-label={t('drafting.streamLabel')}
        role="log"
      >
        {streamText}
      </div>
      <LiveStatus visuallyHidden>{status}</LiveStatus>
      <ErrorAlert error={error} />
      {draft && !isStreaming ? (
        <DraftView
          draft={draft}
          isLatestOnly={isLatestOnly}
          onOpenPassage={(chunkId) => {
            if (isPassageId(chunkId)) setOpenChunk(chunkId);
          }}
          onUse={() => use(draft)}
        />
      ) : null}
      <PassageDialog chunkId={openChunk} onClose={() => setOpenChunk(null)} />
    </section>
  );
}
