import { Link } from '../../../router';
import type { ProcessVariant } from '../api';
import type { MiningFormat } from '../format';

/** The most common paths through the process, with how many cases take each and which ones. */
export function VariantList({ variants, total, format }: { variants: ProcessVariant[]; total: number; format: MiningFormat }) {
  const { t, formatNumber } = format.tr;
  if (variants.length === 0) return <p className="empty">{t('mining.noVariants')}</p>;
  return (
    <>
      <p className="muted">{t('mining.variantsShown', { shown: variants.length, total })}</p>
      <ol className="mining-variants" data-testid="variants">
        {variants.map((v, index) => (
          <li key={v.trace.join('\u0000')} className="mining-variant" data-testid="variant">
            <h4 className="mining-variant__title">
              {t('mining.variantTitle', { n: index + 1 })}{' '}
              <span className="mining-variant__count">{t('mining.variantCount', { count: formatNumber(v.count), share: format.share(v.coverage) })}</span>
            </h4>
            <div className="mining-variant__bar" aria-hidden="true">
              <span className="mining-variant__fill" style={{ width: `${Math.max(1, Math.round(v.coverage * 100))}%` }} />
            </div>
            <ol className="mining-trace" aria-label={t('mining.variantSteps', { n: v.trace.length })}>
              {v.trace.map((activity, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a trace may repeat an activity; the position is its identity
                <li key={i} className="mining-trace__step">
                  {format.activity(activity)}
                </li>
              ))}
            </ol>
            <details className="mining-variant__cases">
              <summary>
                {v.caseNumbers.length < v.count
                  ? t('mining.variantCasesSome', { shown: formatNumber(v.caseNumbers.length), total: formatNumber(v.count) })
                  : t('mining.variantCasesAll', { total: formatNumber(v.count) })}
              </summary>
              <ul className="mining-case-list">
                {v.caseNumbers.map((n) => (
                  <li key={n}>
                    <Link to={`/sager/${encodeURIComponent(n)}`}>{n}</Link>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
