import { Fragment, useId, useState } from 'react';
import { Link } from '../../../router';
import type { ProcessWait } from '../api';
import type { MiningFormat } from '../format';

/**
 * Where cases wait longest: the steps ranked by what the waiting costs in working days in total,
 * each with the cases behind it (longest wait first), linked to the case.
 */
export function WaitRanking({ waits, format, caption }: { waits: ProcessWait[]; format: MiningFormat; caption: string }) {
  const { t, formatNumber } = format.tr;
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());

  if (waits.length === 0) return <p className="empty">{t('mining.noWaits')}</p>;

  const toggle = (index: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="case-table mining-table mining-waits">
        <caption id={`${id}-caption`}>
          {caption} <span className="case-table__summary">{t('mining.waitsSorted')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="mining-table__num">
              {t('mining.colRank')}
            </th>
            <th scope="col">{t('mining.colStep')}</th>
            <th scope="col" className="mining-table__num">
              {t('mining.colCount')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('mining.colMeanWait')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('mining.colCost')}
            </th>
            <th scope="col">{t('mining.colCases')}</th>
          </tr>
        </thead>
        <tbody>
          {waits.map((w, index) => {
            const isOpen = open.has(index);
            const casesId = `${id}-cases-${index}`;
            const step = t('mining.step', { from: format.activity(w.from), to: format.activity(w.to) });
            return (
              <Fragment key={`${w.from}\u0000${w.to}`}>
                <tr data-testid="wait-row" data-from={w.from} data-to={w.to} data-total-working-days={w.totalWorkingDays}>
                  <td className="mining-table__num">{formatNumber(index + 1)}</td>
                  <th scope="row">{step}</th>
                  <td className="mining-table__num">{formatNumber(w.count)}</td>
                  <td className="mining-table__num">{format.workingDays(w.meanWorkingDays)}</td>
                  <td className="mining-table__num" data-testid="wait-cost">
                    {t('mining.costs', { n: formatNumber(w.totalWorkingDays) })}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-expanded={isOpen}
                      aria-controls={casesId}
                      onClick={() => toggle(index)}
                      data-testid="wait-toggle"
                    >
                      {isOpen ? t('mining.hideCases') : t('mining.showCases')}
                      <span className="visually-hidden">: {step}</span>
                    </button>
                  </td>
                </tr>
                <tr id={casesId} hidden={!isOpen} className="mining-waits__cases-row">
                  <td colSpan={6}>
                    {isOpen ? (
                      <div data-testid="wait-cases">
                        <p className="mining-waits__cases-title">
                          {w.cases.length < w.count
                            ? t('mining.casesShownOf', { shown: w.cases.length, total: w.count })
                            : t('mining.casesAll', { total: w.count })}
                        </p>
                        <ul className="mining-case-list">
                          {w.cases.map((c) => (
                            <li key={c.caseNumber} data-testid="wait-case">
                              <Link to={`/sager/${encodeURIComponent(c.caseNumber)}`}>{c.caseNumber}</Link>{' '}
                              <span className="muted">{format.workingDays(c.workingDays)}</span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
