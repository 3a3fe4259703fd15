import type { Estimate } from '../api';
import type { FigureStyle, MeasurementFormat } from '../format';

/** A figure in a table cell: the value, then its interval and n in muted text; "for få data" when thin. */
export function EstimateCell({ e, minN, style, format }: { e: Estimate; minN: number; style?: FigureStyle; format: MeasurementFormat }) {
  if (format.isThin(e, minN)) return <span className="muted">{format.estimate(e, minN, style)}</span>;
  return (
    <>
      <span data-value>{format.value(e, style)}</span> <span className="muted">({format.interval(e, style)})</span>
    </>
  );
}

/** Headline figures: each a term, a value and, below, its interval and n. */
export function FigureList({
  items,
  format,
  testId,
}: {
  items: { key: string; label: string; e: Estimate; minN: number; style?: FigureStyle; isCount?: boolean }[];
  format: MeasurementFormat;
  testId?: string;
}) {
  return (
    <dl className="facts facts--large" data-testid={testId}>
      {items.map((f) => (
        <div className="facts__item" key={f.key} data-figure={f.key}>
          <dt>{f.label}</dt>
          <dd>{f.isCount || !format.isThin(f.e, f.minN) ? format.value(f.e, f.style) : format.estimate(f.e, f.minN, f.style)}</dd>
          {format.isThin(f.e, f.minN) || f.isCount ? null : (
            <dd className="muted" style={{ fontSize: '0.85rem', fontWeight: 400 }}>
              {format.interval(f.e, f.style)}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** The report's findings in plain words, in the reader's language. */
export function Conclusions({ title, lines, testId }: { title: string; lines: string[]; testId?: string }) {
  return (
    <div className="notice notice--info" data-testid={testId}>
      <p className="notice__title">{title}</p>
      <ul className="notice__list">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
