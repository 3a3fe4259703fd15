import { type ReactNode, useId, useState } from 'react';
import type { Estimate } from '../api';
import type { FigureStyle, MeasurementFormat } from '../format';

// Charts as inline SVG, drawn by hand: a handful of bars and lines need no library, and the
// markup stays accessible (role="img" with a title and a description that reads out every
// figure). Each chart sits in a ChartBlock whose "Vis som tabel" shows the same numbers as a table.

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  /** A dash pattern, so series differ by more than colour. */
  dash?: string;
}

/** One group of bars (or one point on the x axis) with a figure per series. */
export interface ChartCategory {
  label: string;
  values: Record<string, Estimate | undefined>;
}

interface ChartProps {
  title: string;
  series: ChartSeries[];
  categories: ChartCategory[];
  style: FigureStyle;
  minN: number;
  format: MeasurementFormat;
}

/** The colours of the series: dark blue for the period, grey for the baseline; both ≥ 4.5:1 on white. */
export const seriesColors = { period: '#0b4f8a', baseline: '#5f6b78', third: '#7a4b00' };

const W = 800;
const textColor = '#1b1f24';
const gridColor = '#c9d1d9';

function scaleMax(categories: ChartCategory[], series: ChartSeries[], minN: number): number {
  let max = 0;
  for (const c of categories)
    for (const s of series) {
      const e = c.values[s.id];
      if (!e || e.value === null || e.n < minN) continue;
      max = Math.max(max, e.high ?? e.value, e.value);
    }
  if (!(max > 0)) return 1;
  // A round top for the axis: 1, 2, 2.5 or 5 times a power of ten.
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= max) return m * power;
  return max;
}

function describe(p: ChartProps): string {
  return p.categories
    .map(
      (c) =>
        `${c.label}: ${p.series.map((s) => `${p.series.length > 1 ? `${s.label} ` : ''}${p.format.estimate(c.values[s.id] ?? emptyEstimate, p.minN, p.style)}`).join('; ')}`,
    )
    .join('. ');
}

const emptyEstimate: Estimate = { value: null, low: null, high: null, n: 0 };
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function Legend({ series, y }: { series: ChartSeries[]; y: number }) {
  if (series.length < 2) return null;
  let x = 0;
  return (
    <g>
      {series.map((s) => {
        const at = x;
        x += 30 + s.label.length * 7.5;
        return (
          <g key={s.id} transform={`translate(${at},${y})`}>
            <line x1={0} x2={20} y1={-4} y2={-4} stroke={s.color} strokeWidth={8} strokeDasharray={s.dash} />
            <text x={26} y={0} fontSize={13} fill={textColor}>
              {s.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Horizontal bars with their 95 % intervals as whiskers; thin groups are named, not drawn. */
export function BarChart(props: ChartProps) {
  const { title, series, categories, style, minN, format } = props;
  const id = useId();
  const labelW = 200;
  const valueW = 250;
  const plotW = W - labelW - valueW - 10;
  const bar = 18;
  const gap = 4;
  const groupGap = 12;
  const top = series.length > 1 ? 30 : 8;
  const max = scaleMax(categories, series, minN);
  const x = (v: number) => labelW + (Math.max(0, v) / max) * plotW;
  let y = top;
  const rows = categories.map((c) => {
    const start = y;
    y += series.length * (bar + gap) + groupGap;
    return { c, start };
  });
  const height = y + 4;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${W} ${height}`}
      style={{ width: '100%', maxWidth: `${W}px`, height: 'auto', display: 'block' }}
      data-chart="bar"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describe(props)}</desc>
      <Legend series={series} y={18} />
      <line x1={labelW} x2={labelW} y1={top - 4} y2={height - 8} stroke={textColor} strokeWidth={1} />
      {rows.map(({ c, start }) => (
        <g key={c.label}>
          <text x={0} y={start + bar - 4} fontSize={13} fill={textColor} fontWeight={600}>
            {clip(c.label, 30)}
          </text>
          {series.map((s, i) => {
            const e = c.values[s.id] ?? emptyEstimate;
            const top = start + i * (bar + gap);
            const mid = top + bar / 2;
            if (format.isThin(e, minN)) {
              return (
                <text key={s.id} x={labelW + 6} y={mid + 4} fontSize={12} fill={textColor} fontStyle="italic">
                  {`${series.length > 1 ? `${s.label}: ` : ''}${format.estimate(e, minN, style)}`}
                </text>
              );
            }
            return (
              <g key={s.id} data-series={s.id}>
                <rect x={labelW} y={top} width={Math.max(1, x(e.value ?? 0) - labelW)} height={bar} fill={s.color} />
                {e.low !== null && e.high !== null ? (
                  <g stroke={textColor} strokeWidth={1.5}>
                    <line x1={x(e.low)} x2={x(e.high)} y1={mid} y2={mid} />
                    <line x1={x(e.low)} x2={x(e.low)} y1={mid - 5} y2={mid + 5} />
                    <line x1={x(e.high)} x2={x(e.high)} y1={mid - 5} y2={mid + 5} />
                  </g>
                ) : null}
                <text x={labelW + plotW + 8} y={mid + 4} fontSize={12} fill={textColor}>
                  {`${format.value(e, { ...style, unit: undefined })} (${format.interval(e, style)})`}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

/** Points over time with their 95 % intervals; a thin month breaks the line. */
export function LineChart(props: ChartProps) {
  const { title, series, categories, style, minN, format } = props;
  const id = useId();
  const left = 64;
  const right = 48;
  const top = series.length > 1 ? 36 : 14;
  const bottom = 40;
  const H = 280;
  const plotH = H - top - bottom;
  const plotW = W - left - right;
  const max = scaleMax(categories, series, minN);
  const step = categories.length > 1 ? plotW / (categories.length - 1) : 0;
  const px = (i: number) => left + (categories.length > 1 ? i * step : plotW / 2);
  const py = (v: number) => top + plotH - (Math.max(0, v) / max) * plotH;
  const ticks = [0, max / 2, max];
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${W} ${H}`}
      style={{ width: '100%', maxWidth: `${W}px`, height: 'auto', display: 'block' }}
      data-chart="line"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{describe(props)}</desc>
      <Legend series={series} y={18} />
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={W - right} y1={py(v)} y2={py(v)} stroke={gridColor} strokeWidth={1} />
          <text x={left - 8} y={py(v) + 4} fontSize={11} fill={textColor} textAnchor="end">
            {format.value({ value: v, low: null, high: null, n: 0 }, { ...style, unit: undefined })}
          </text>
        </g>
      ))}
      {categories.map((c, i) => (
        <text key={c.label} x={px(i)} y={H - bottom + 18} fontSize={11} fill={textColor} textAnchor="middle">
          {c.label}
        </text>
      ))}
      {series.map((s) => {
        const segments: string[][] = [[]];
        categories.forEach((c, i) => {
          const e = c.values[s.id];
          if (!e || format.isThin(e, minN)) {
            if ((segments[segments.length - 1] ?? []).length > 0) segments.push([]);
            return;
          }
          segments[segments.length - 1]?.push(`${px(i)},${py(e.value ?? 0)}`);
        });
        return (
          <g key={s.id} data-series={s.id}>
            {segments
              .filter((seg) => seg.length > 1)
              .map((seg) => (
                <polyline key={seg.join(' ')} points={seg.join(' ')} fill="none" stroke={s.color} strokeWidth={2.5} strokeDasharray={s.dash} />
              ))}
            {categories.map((c, i) => {
              const e = c.values[s.id];
              if (!e || format.isThin(e, minN)) return null;
              return (
                <g key={c.label}>
                  {e.low !== null && e.high !== null ? <line x1={px(i)} x2={px(i)} y1={py(e.low)} y2={py(e.high)} stroke={s.color} strokeWidth={1.5} /> : null}
                  <circle cx={px(i)} cy={py(e.value ?? 0)} r={4} fill={s.color} />
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * A chart with a "Vis som tabel" toggle: the table holds the same numbers, with intervals and n,
 * for anyone who cannot or will not read the chart. CSV links sit beside the toggle.
 */
export function ChartBlock(props: { title: string; chart: ReactNode; table: ReactNode; actions?: ReactNode; format: MeasurementFormat; testId?: string }) {
  const { t } = props.format.tr;
  const [isTable, setTable] = useState(false);
  const id = useId();
  return (
    <div className="measurement-chart" data-testid={props.testId} data-view={isTable ? 'table' : 'chart'}>
      <h3 id={`${id}-title`} className="mining-section-title">
        {props.title}
      </h3>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary button--small"
          aria-controls={`${id}-body`}
          onClick={() => setTable(!isTable)}
          data-testid="chart-toggle"
        >
          {isTable ? t('measurement.showChart') : t('measurement.showTable')}
        </button>
        {props.actions}
      </div>
      <div id={`${id}-body`}>{isTable ? props.table : props.chart}</div>
    </div>
  );
}
