import { useT } from '../../../i18n';
import { type BreakdownDto, type ConsultationViewDto, reportedThemes, respondentTypes, stances } from '../api';
import { useConsultationLabels } from '../labels';

function BreakdownTable({
  caption,
  columns,
  rows,
  total,
  testId,
}: {
  caption: string;
  columns: { key: string; label: string; of: (b: BreakdownDto) => number }[];
  rows: { id: string; name: string; breakdown: BreakdownDto }[];
  total: BreakdownDto;
  testId: string;
}) {
  const { t } = useT();
  return (
    <div className="table-scroll">
      <table className="case-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consultations.colTheme')}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">{t('consultations.colTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              {columns.map((c) => (
                <td key={c.key}>{c.of(r.breakdown)}</td>
              ))}
              <td>{r.breakdown.total}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('consultations.allResponses')}</th>
            {columns.map((c) => (
              <td key={c.key}>
                <strong>{c.of(total)}</strong>
              </td>
            ))}
            <td>
              <strong>{total.total}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Themes by sender type and by stance (every response counted); the reported themes only. */
export function BreakdownTables({ view }: { view: ConsultationViewDto }) {
  const { t } = useT();
  const l = useConsultationLabels();
  const themes = reportedThemes(view.themes);
  const rows = themes.map((th) => ({ id: th.id, name: th.name, breakdown: th.breakdown }));
  // Only the sender types that occur, plus "unknown" when some are unknown.
  const types = [...respondentTypes, 'unknown' as const].filter((x) => (view.breakdown.byRespondentType[x] ?? 0) > 0);
  return (
    <>
      <BreakdownTable
        caption={t('consultations.byTypeCaption')}
        testId="breakdown-type"
        columns={types.map((x) => ({ key: x, label: l.respondentType(x), of: (b) => b.byRespondentType[x] ?? 0 }))}
        rows={rows}
        total={view.breakdown}
      />
      <BreakdownTable
        caption={t('consultations.byStanceCaption')}
        testId="breakdown-stance"
        columns={stances.map((s) => ({ key: s, label: l.stance(s), of: (b) => b.byStance[s] ?? 0 }))}
        rows={rows}
        total={view.breakdown}
      />
    </>
  );
}
