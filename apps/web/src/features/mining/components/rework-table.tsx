import type { ProcessMapResponse } from '../api';
import type { MiningFormat } from '../format';

/** Rework: activities done again in the same case, with how many cases and how many extra times. */
export function ReworkTable({ rework, format, caption }: { rework: ProcessMapResponse['rework']; format: MiningFormat; caption: string }) {
  const { t, formatNumber } = format.tr;
  if (rework.length === 0) return <p className="empty">{t('mining.noRework')}</p>;
  return (
    <table className="data-table" data-testid="rework-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mining.reworkActivity')}</th>
          <th scope="col">{t('mining.reworkCases')}</th>
          <th scope="col">{t('mining.reworkRepetitions')}</th>
          <th scope="col">{t('mining.reworkShare')}</th>
        </tr>
      </thead>
      <tbody>
        {rework.map((r) => (
          <tr key={r.activity}>
            <th scope="row">{format.activity(r.activity)}</th>
            <td>{formatNumber(r.cases)}</td>
            <td>{formatNumber(r.repetitions)}</td>
            <td>{format.share(r.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
