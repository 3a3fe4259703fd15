import type { ProcessMapResponse } from '../api';
import type { MiningFormat } from '../format';

/** Cases, events, variants and case durations of one map. */
export function KeyFigures({ data, format }: { data: ProcessMapResponse; format: MiningFormat }) {
  const { t, formatNumber } = format.tr;
  const figures: [string, string, string][] = [
    ['cases', t('mining.figCases'), formatNumber(data.cases)],
    ['events', t('mining.figEvents'), formatNumber(data.events)],
    ['variants', t('mining.figVariants'), formatNumber(data.variantCount)],
    ['median', t('mining.figMedian'), data.cases ? format.duration(data.caseDuration.medianSeconds) : '–'],
    ['mean', t('mining.figMean'), data.cases ? format.duration(data.caseDuration.meanSeconds) : '–'],
  ];
  return (
    <dl className="facts facts--large mining-figures" data-testid="mining-figures">
      {figures.map(([key, term, value]) => (
        <div className="facts__item" key={key} data-figure={key}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
