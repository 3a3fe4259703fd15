import { useId } from 'react';
import type { ProcessEdge } from '../api';
import type { MiningFormat } from '../format';

/** The same edges as the map, as a table: the map's text alternative for screen readers and for reading exact figures. */
export function EdgeTable({ edges, format, caption }: { edges: ProcessEdge[]; format: MiningFormat; caption: string }) {
  const { t, formatNumber } = format.tr;
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="case-table mining-table" data-testid="edge-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mining.colFrom')}</th>
            <th scope="col">{t('mining.colTo')}</th>
            <th scope="col" className="mining-table__num">
              {t('mining.colCount')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('mining.colMean')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('mining.colMedian')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('mining.colMax')}
            </th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => (
            <tr key={`${e.from}\u0000${e.to}`} data-testid="edge-row">
              <th scope="row">{format.activity(e.from)}</th>
              <td>{format.activity(e.to)}</td>
              <td className="mining-table__num">{formatNumber(e.count)}</td>
              <td className="mining-table__num">{format.duration(e.meanSeconds)}</td>
              <td className="mining-table__num">{format.duration(e.medianSeconds)}</td>
              <td className="mining-table__num">{format.duration(e.maxSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
