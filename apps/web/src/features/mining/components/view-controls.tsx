import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import type { MiningShares } from '../api';
import type { Metric } from '../query';

interface SliderProps {
  id: string;
  label: string;
  hint: string;
  value: number;
  testId: string;
  onChange: (value: number) => void;
}

/** A native range input: arrow keys, Page Up/Down, Home/End; the value is written out next to the label. */
function ShareSlider({ id, label, hint, value, testId, onChange }: SliderProps) {
  const { t } = useT();
  const text = t('mining.percent', { n: value });
  return (
    <div className="field mining-slider">
      <div className="mining-slider__head">
        <label htmlFor={id}>{label}</label>
        <output htmlFor={id} className="mining-slider__value" aria-hidden="true">
          {text}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={5}
        max={100}
        step={5}
        value={value}
        aria-valuetext={text}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
    </div>
  );
}

interface ViewControlsProps {
  shares: MiningShares;
  metric: Metric;
  comparing: boolean;
  /** Called a moment after a slider stops moving, so arrow-key presses don't each load a map. */
  onShares: (shares: MiningShares) => void;
  onMetric: (metric: Metric) => void;
  onCompare: (compare: boolean) => void;
}

const settleMs = 300;

/** The sliders, the frequency/time toggle and the comparison switch; they apply to every map on the page. */
export function ViewControls({ shares, metric, comparing, onShares, onMetric, onCompare }: ViewControlsProps) {
  const { t } = useT();
  const id = useId();
  const [local, setLocal] = useState(shares);
  const timer = useRef<number | undefined>(undefined);
  const onSharesRef = useRef(onShares);
  onSharesRef.current = onShares;

  // Back/forward moves the sliders too (compared by value: the parent builds a new object every render).
  useEffect(() => setLocal({ activity: shares.activity, path: shares.path }), [shares.activity, shares.path]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const change = (next: MiningShares) => {
    setLocal(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => onSharesRef.current(next), settleMs);
  };

  return (
    <section className="panel mining-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="filters__title">
        {t('mining.view')}
      </h2>
      <div className="mining-controls__grid">
        <ShareSlider
          id={`${id}-activities`}
          label={t('mining.activitySlider')}
          hint={t('mining.activitySliderHint')}
          value={local.activity}
          testId="activity-slider"
          onChange={(activity) => change({ ...local, activity })}
        />
        <ShareSlider
          id={`${id}-paths`}
          label={t('mining.pathSlider')}
          hint={t('mining.pathSliderHint')}
          value={local.path}
          testId="path-slider"
          onChange={(path) => change({ ...local, path })}
        />
        <fieldset className="mining-metric">
          <legend>{t('mining.metric')}</legend>
          <div className="checkbox">
            <input
              id={`${id}-frequency`}
              type="radio"
              name={`${id}-metric`}
              value="frequency"
              checked={metric === 'frequency'}
              onChange={() => onMetric('frequency')}
              data-testid="metric-frequency"
            />
            <label htmlFor={`${id}-frequency`}>{t('mining.metricFrequency')}</label>
          </div>
          <div className="checkbox">
            <input
              id={`${id}-time`}
              type="radio"
              name={`${id}-metric`}
              value="time"
              checked={metric === 'time'}
              onChange={() => onMetric('time')}
              data-testid="metric-time"
            />
            <label htmlFor={`${id}-time`}>{t('mining.metricTime')}</label>
          </div>
        </fieldset>
      </div>
      <div className="checkbox">
        <input id={`${id}-compare`} type="checkbox" checked={comparing} onChange={(e) => onCompare(e.target.checked)} data-testid="compare" />
        <label htmlFor={`${id}-compare`}>{t('mining.compare')}</label>
      </div>
    </section>
  );
}
