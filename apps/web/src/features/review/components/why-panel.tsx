import { useT } from '../../../i18n';
import { formatPercent } from '../../triage/classification';
import type { ReviewResponse } from '../api';

interface SentenceLike {
  supported?: boolean;
  citations?: { title?: string; chunkId?: string }[];
}

/** Why the AI proposed what it did: engine, model, prompt version, sources, grounding, sorting, policy. */
export function WhyPanel({ review }: { review: ReviewResponse }) {
  const tr = useT();
  const { t } = tr;
  const ai = review.aiDraft;
  const sentences = (Array.isArray(ai?.sentences) ? ai.sentences : []) as SentenceLike[];
  const supported = sentences.filter((s) => s.supported).length;
  const sources = [...new Set(sentences.flatMap((s) => (s.citations ?? []).map((c) => c.title ?? '')).filter(Boolean))];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : '–');
  return (
    <details className="why-panel" data-testid="why-panel" open>
      <summary>{t('review.whyTitle')}</summary>
      {ai ? (
        <dl className="facts">
          <dt>{t('review.whyEngine')}</dt>
          <dd data-testid="why-engine">{str(ai.engine)}</dd>
          <dt>{t('review.whyModel')}</dt>
          <dd>{str(ai.model)}</dd>
          <dt>{t('review.whyPrompt')}</dt>
          <dd>{str(ai.promptVersion)}</dd>
          {typeof ai.standardLetterId === 'string' ? (
            <>
              <dt>{t('review.whyStandardLetter')}</dt>
              <dd>{ai.standardLetterId}</dd>
            </>
          ) : null}
          <dt>{t('review.whyGrounding')}</dt>
          <dd>{t('review.whyGroundingValue', { supported, total: sentences.length })}</dd>
          <dt>{t('review.whySources')}</dt>
          <dd>{sources.length > 0 ? sources.join(', ') : t('review.whyNoSources')}</dd>
          {review.classification ? (
            <>
              <dt>{t('review.whyClassification')}</dt>
              <dd>
                {t('review.whyClassificationValue', {
                  kle: review.classification.kleCode ?? '–',
                  confidence: formatPercent(tr, review.classification.confidence),
                })}
              </dd>
            </>
          ) : null}
          <dt>{t('review.whyPolicy')}</dt>
          <dd>{t('review.whyPolicyValue', { version: review.policyVersion })}</dd>
        </dl>
      ) : (
        <p className="muted">{t('review.noAiDraft')}</p>
      )}
    </details>
  );
}
