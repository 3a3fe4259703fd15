import { useId } from 'react';
import { useT } from '../../../i18n';
import type { QualityDto } from '../api';
import { useConsultationLabels } from '../labels';

// Wide enough to read the distance to the bar at a glance.
const meterStyle = { display: 'block', width: '100%', maxWidth: '24rem', height: '1.25rem' };

/**
 * The live quality of the AI's assignments against the people who reviewed: F1 with its 95 %
 * interval, how many responses were reviewed, and how far both are from the bar of trust.
 */
export function QualityBox({ quality }: { quality: QualityDto }) {
  const { t } = useT();
  const l = useConsultationLabels();
  const id = useId();
  const hasReviews = quality.reviewed > 0;
  return (
    <section
      className={`panel notice ${quality.isTrustworthy ? 'notice--info' : 'notice--warning'}`}
      aria-labelledby={`${id}-title`}
      data-testid="quality-box"
      data-reviewed={quality.reviewed}
      data-f1={hasReviews ? quality.f1.toFixed(4) : ''}
      data-trustworthy={quality.isTrustworthy}
    >
      <h2 id={`${id}-title`} className="panel__title">
        {t('consultations.qualityTitle')}
      </h2>
      <p className="field__hint">{t('consultations.qualityIntro')}</p>
      {/* Announced when a correction changes the figures. */}
      <div aria-live="polite">
        {hasReviews ? (
          <dl className="facts facts--large">
            <div className="facts__item">
              <dt>{t('consultations.qualityF1')}</dt>
              <dd data-testid="quality-f1">{l.score(quality.f1)}</dd>
              <dd className="muted" style={{ fontSize: '0.9rem', fontWeight: 400 }} data-testid="quality-interval">
                {t('consultations.qualityInterval', { low: l.score(quality.interval[0]), high: l.score(quality.interval[1]) })}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t('consultations.qualityReviewed')}</dt>
              <dd data-testid="quality-reviewed">{quality.reviewed}</dd>
            </div>
            {quality.stanceAgreement !== null ? (
              <div className="facts__item">
                <dt>{t('consultations.qualityStance')}</dt>
                <dd>{Math.round(quality.stanceAgreement * 100)} %</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p data-testid="quality-none">{t('consultations.qualityNone')}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-f1`}>{t('consultations.trustF1Label', { bar: l.score(quality.bar.f1) })}</label>
        <meter id={`${id}-f1`} style={meterStyle} min={0} max={1} low={quality.bar.f1} optimum={1} value={hasReviews ? quality.f1 : 0}>
          {l.score(quality.f1)}
        </meter>
      </div>
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('consultations.trustReviewedLabel', { bar: quality.bar.reviewed })}</label>
        <meter id={`${id}-n`} style={meterStyle} min={0} max={quality.bar.reviewed} value={Math.min(quality.reviewed, quality.bar.reviewed)}>
          {quality.reviewed}
        </meter>
      </div>
      <p data-testid="quality-verdict">
        <strong>
          {quality.isTrustworthy
            ? t('consultations.qualityTrusted')
            : t('consultations.qualityNotTrusted', { f1: l.score(quality.bar.f1), n: quality.bar.reviewed })}
        </strong>
      </p>
    </section>
  );
}
