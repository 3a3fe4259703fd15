import { type ReactNode, useId } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { useDirectory } from '../../cases/use-directory';
import { csvUrl, type EfficiencyResponse, fetchEfficiency, type MeasurementFilters, type MetricRow } from '../api';
import { type MeasurementFormat, useMeasurementFormat } from '../format';
import { BarChart, ChartBlock, LineChart, seriesColors } from './charts';
import { CsvLink, DataTable } from './data-table';
import { Conclusions, EstimateCell, FigureList } from './figures';

const timeMetrics = ['firstResponseDays', 'handlingDays', 'queueDays', 'activeDays', 'waitingDays'];

/** Efficiency: volume, times (queue, active, waiting), deadlines, reopening and AI use against a baseline, with hours saved. */
export function EfficiencySection({ filters }: { filters: MeasurementFilters }) {
  const format = useMeasurementFormat();
  const { t, lang, formatDate } = format.tr;
  const directory = useDirectory();
  const id = useId();
  const report = useApi(JSON.stringify(filters), (signal) => fetchEfficiency(filters, signal));
  const d = report.data;
  const csv = (table: string, title: string) => (
    <CsvLink href={csvUrl('efficiency', table, filters)} label={t('measurement.csv', { table: title })} table={table} />
  );

  return (
    <section aria-labelledby={`${id}-h`} data-testid="efficiency-section" data-status={d ? 'ready' : report.isLoading ? 'loading' : 'error'}>
      <h2 id={`${id}-h`}>{t('measurement.efficiencyTitle')}</h2>
      <LiveStatus visuallyHidden>{report.isLoading ? t('measurement.loading') : ''}</LiveStatus>
      <ErrorAlert error={report.error} />
      {d ? (
        <>
          <p className="page-intro" data-testid="scope-text">
            {d.baseline.method === 'control'
              ? t('measurement.scopeControl', {
                  from: formatDate(d.period.from),
                  to: formatDate(d.period.to),
                  cases: d.period.cases,
                  baseline: d.baseline.cases,
                })
              : t('measurement.scopeBefore', {
                  from: formatDate(d.period.from),
                  to: formatDate(d.period.to),
                  cases: d.period.cases,
                  baselineFrom: formatDate(d.baseline.from ?? ''),
                  baselineTo: formatDate(d.baseline.to ?? ''),
                  baseline: d.baseline.cases,
                })}
          </p>
          <Conclusions title={t('measurement.conclusionsTitle')} lines={lang === 'da' ? d.conclusions : d.conclusionsEn} testId="conclusions" />
          <Headline d={d} format={format} />
          <ChartBlock
            title={t('measurement.chartTimes')}
            format={format}
            testId="chart-times"
            actions={csv('figures', t('measurement.tableFigures'))}
            chart={
              <BarChart
                title={t('measurement.chartTimes')}
                format={format}
                minN={d.method.minN}
                style={format.styleOf('working_days')}
                series={[
                  { id: 'baseline', label: t('measurement.baseline'), color: seriesColors.baseline },
                  { id: 'period', label: t('measurement.period'), color: seriesColors.period },
                ]}
                categories={d.figures
                  .filter((f) => timeMetrics.includes(f.metric))
                  .map((f) => ({ label: format.metric(f.metric), values: { baseline: f.baseline, period: f.period } }))}
              />
            }
            table={<FiguresTable d={d} format={format} only={timeMetrics} caption={t('measurement.chartTimes')} />}
          />
          <ChartBlock
            title={t('measurement.chartTrend')}
            format={format}
            testId="chart-trend"
            actions={csv('trend', t('measurement.chartTrend'))}
            chart={
              <LineChart
                title={t('measurement.chartTrend')}
                format={format}
                minN={d.method.minN}
                style={format.styleOf('working_days')}
                series={[
                  { id: 'handling', label: format.metric('handlingDays'), color: seriesColors.period },
                  { id: 'active', label: format.metric('activeDays'), color: seriesColors.baseline, dash: '6 4' },
                ]}
                categories={d.trend.map((r) => ({ label: format.month(r.key), values: { handling: r.handlingDays, active: r.activeDays } }))}
              />
            }
            table={
              <MetricTable
                rows={d.trend}
                caption={t('measurement.chartTrend')}
                keyHeader={t('measurement.colMonth')}
                keyName={format.month}
                minN={d.method.minN}
                format={format}
              />
            }
          />
          <HoursSaved d={d} format={format} csv={csv} />
          <h3 className="mining-section-title">{t('measurement.tableFigures')}</h3>
          <div className="button-row">{csv('figures', t('measurement.tableFigures'))}</div>
          <FiguresTable d={d} format={format} caption={t('measurement.tableFigures')} />
          <ChartBlock
            title={t('measurement.chartUnits')}
            format={format}
            testId="chart-units"
            actions={csv('units', t('measurement.tableUnits'))}
            chart={
              <BarChart
                title={t('measurement.chartUnits')}
                format={format}
                minN={d.method.minN}
                style={format.styleOf('working_days')}
                series={[{ id: 'period', label: t('measurement.period'), color: seriesColors.period }]}
                categories={d.byUnit.map((r) => ({ label: unitLabel(r.key, directory.unitName, t('measurement.noUnit')), values: { period: r.handlingDays } }))}
              />
            }
            table={
              <MetricTable
                rows={d.byUnit}
                caption={t('measurement.tableUnits')}
                keyHeader={t('measurement.colUnit')}
                keyName={(k) => unitLabel(k, directory.unitName, t('measurement.noUnit'))}
                minN={d.method.minN}
                format={format}
              />
            }
          />
          <h3 className="mining-section-title">{t('measurement.tableKinds')}</h3>
          <div className="button-row">
            {csv('kinds', t('measurement.tableKinds'))}
            {csv('channels', t('measurement.tableChannels'))}
          </div>
          <MetricTable
            rows={d.byKind}
            caption={t('measurement.tableKinds')}
            keyHeader={t('measurement.colKind')}
            keyName={format.kind}
            minN={d.method.minN}
            format={format}
          />
          <MetricTable
            rows={d.byChannel}
            caption={t('measurement.tableChannels')}
            keyHeader={t('measurement.colChannel')}
            keyName={format.channel}
            minN={d.method.minN}
            format={format}
          />
          <h3 className="mining-section-title">{t('measurement.tableComparisons')}</h3>
          <div className="button-row">{csv('comparisons', t('measurement.tableComparisons'))}</div>
          <DataTable
            caption={t('measurement.tableComparisons')}
            rows={d.comparisons}
            rowKey={(c) => `${c.kind}-${c.metric}`}
            columns={[
              { header: t('measurement.colKind'), cell: (c) => format.kind(c.kind), isRowHeader: true },
              { header: t('measurement.colMetric'), cell: (c) => format.metric(c.metric) },
              { header: t('measurement.baseline'), cell: (c) => <EstimateCell e={c.baseline} minN={1} style={format.styleOf(c.unit)} format={format} /> },
              { header: t('measurement.period'), cell: (c) => <EstimateCell e={c.period} minN={1} style={format.styleOf(c.unit)} format={format} /> },
              {
                header: t('measurement.colDifference'),
                cell: (c) => <EstimateCell e={c.difference} minN={1} style={format.differenceStyleOf(c.unit)} format={format} />,
              },
              { header: t('measurement.colP'), cell: (c) => (c.pAdjusted === null ? '–' : format.num(c.pAdjusted, 3)) },
              { header: t('measurement.colVerdict'), cell: (c) => format.verdict(c.verdict) },
            ]}
          />
          <p className="muted">{t('measurement.methodNote', { resamples: d.method.resamples, minN: d.method.minN, window: d.method.windowDays })}</p>
        </>
      ) : null}
    </section>
  );
}

const unitLabel = (key: string, unitName: (id: string) => string | null, none: string) => (key === '(ingen)' ? none : (unitName(key) ?? key));

function Headline({ d, format }: { d: EfficiencyResponse; format: MeasurementFormat }) {
  const { t } = format.tr;
  const figure = (metric: string) => d.figures.find((f) => f.metric === metric);
  const h = d.hoursSaved;
  const minN = d.method.minN;
  const period = (metric: string) => figure(metric)?.period ?? { value: null, low: null, high: null, n: 0 };
  return (
    <FigureList
      testId="headline"
      format={format}
      items={[
        {
          key: 'hours',
          label: t('measurement.hoursSaved'),
          e: h.hours,
          minN: h.verdict === 'too_thin' ? Number.POSITIVE_INFINITY : 1,
          style: { decimals: 0, unit: t('measurement.unitHours') },
        },
        { key: 'fte', label: t('measurement.fte'), e: h.fte, minN: h.verdict === 'too_thin' ? Number.POSITIVE_INFINITY : 1, style: { decimals: 2 } },
        { key: 'cases', label: t('measurement.metricCases'), e: period('cases'), minN: 1, style: { decimals: 0 }, isCount: true },
        { key: 'handling', label: format.metric('handlingDays'), e: period('handlingDays'), minN, style: format.styleOf('working_days') },
        { key: 'deadline', label: format.metric('deadlineMet'), e: period('deadlineMet'), minN, style: format.styleOf('share') },
        { key: 'drafted', label: format.metric('aiDrafted'), e: period('aiDrafted'), minN, style: format.styleOf('share') },
      ]}
    />
  );
}

function FiguresTable({ d, format, only, caption }: { d: EfficiencyResponse; format: MeasurementFormat; only?: string[]; caption: string }) {
  const { t } = format.tr;
  const rows = only ? d.figures.filter((f) => only.includes(f.metric)) : d.figures;
  const minN = d.method.minN;
  return (
    <DataTable
      caption={caption}
      testId={only ? 'times-table' : 'figures-table'}
      rows={rows}
      rowKey={(f) => f.metric}
      columns={[
        { header: t('measurement.colMetric'), cell: (f) => format.metric(f.metric), isRowHeader: true },
        {
          header: t('measurement.baseline'),
          cell: (f) =>
            f.unit === 'count' ? (
              format.num(f.baseline.value ?? 0, 0)
            ) : (
              <EstimateCell e={f.baseline} minN={minN} style={format.styleOf(f.unit)} format={format} />
            ),
        },
        {
          header: t('measurement.period'),
          cell: (f) =>
            f.unit === 'count' ? format.num(f.period.value ?? 0, 0) : <EstimateCell e={f.period} minN={minN} style={format.styleOf(f.unit)} format={format} />,
        },
        {
          header: t('measurement.colDifference'),
          cell: (f) => (f.difference ? <EstimateCell e={f.difference} minN={minN} style={format.differenceStyleOf(f.unit)} format={format} /> : '–'),
        },
        { header: t('measurement.colVerdict'), cell: (f) => format.verdict(f.verdict) },
      ]}
    />
  );
}

function MetricTable(props: {
  rows: MetricRow[];
  caption: string;
  keyHeader: string;
  keyName: (k: string) => string;
  minN: number;
  format: MeasurementFormat;
}) {
  const { format, minN } = props;
  const { t } = format.tr;
  const days = format.styleOf('working_days');
  const share = format.styleOf('share');
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(r) => r.key}
      columns={[
        { header: props.keyHeader, cell: (r) => props.keyName(r.key), isRowHeader: true },
        { header: t('measurement.colCases'), cell: (r) => format.num(r.cases, 0) },
        { header: t('measurement.colMeasured'), cell: (r) => format.num(r.measured, 0) },
        { header: format.metric('firstResponseDays'), cell: (r) => <EstimateCell e={r.firstResponseDays} minN={minN} style={days} format={format} /> },
        { header: format.metric('handlingDays'), cell: (r) => <EstimateCell e={r.handlingDays} minN={minN} style={days} format={format} /> },
        { header: format.metric('activeDays'), cell: (r) => <EstimateCell e={r.activeDays} minN={minN} style={days} format={format} /> },
        { header: format.metric('deadlineMet'), cell: (r) => <EstimateCell e={r.deadlineMet} minN={minN} style={share} format={format} /> },
        { header: format.metric('aiDrafted'), cell: (r) => <EstimateCell e={r.aiDrafted} minN={minN} style={share} format={format} /> },
      ]}
    />
  );
}

function HoursSaved({ d, format, csv }: { d: EfficiencyResponse; format: MeasurementFormat; csv: (table: string, title: string) => ReactNode }) {
  const { t } = format.tr;
  const h = d.hoursSaved;
  const hours = { decimals: 0, unit: t('measurement.unitHours') };
  const effort =
    h.effort.method === 'allocation'
      ? t('measurement.effortAllocation', {
          staff: format.num(h.effort.staff ?? 0, 0),
          key: format.value({ value: h.effort.allocationKey, low: null, high: null, n: 0 }, { isPercent: true }),
        })
      : h.effort.isUpperBound
        ? t('measurement.effortUpper')
        : t('measurement.effortShare', { share: format.num(h.effort.share ?? 1, 2) });
  return (
    <>
      <h3 className="mining-section-title">{t('measurement.hoursTitle')}</h3>
      <p>{effort}</p>
      <div className="button-row">
        {csv('hours', t('measurement.tableHours'))}
        {csv('hours-total', t('measurement.tableHoursTotal'))}
      </div>
      <DataTable
        caption={t('measurement.tableHoursTotal')}
        testId="hours-table"
        rows={[
          { key: 'net', label: t('measurement.hoursNet'), e: h.hours, style: hours },
          { key: 'gross', label: t('measurement.hoursGross'), e: h.grossHours, style: hours },
          { key: 'review', label: t('measurement.hoursReview'), e: h.reviewHours, style: hours },
          { key: 'fte', label: t('measurement.fte'), e: h.fte, style: { decimals: 2 } },
          ...h.sensitivity.map((s) => ({
            key: `key-${s.allocationKey}`,
            label: t('measurement.hoursAtKey', { key: format.value({ value: s.allocationKey, low: null, high: null, n: 0 }, { isPercent: true }) }),
            e: s.hours,
            style: hours,
          })),
        ]}
        rowKey={(r) => r.key}
        columns={[
          { header: t('measurement.colMetric'), cell: (r) => r.label, isRowHeader: true },
          {
            header: t('measurement.colValue'),
            cell: (r) => <EstimateCell e={r.e} minN={h.verdict === 'too_thin' ? Number.POSITIVE_INFINITY : 1} style={r.style} format={format} />,
          },
        ]}
      />
      <DataTable
        caption={t('measurement.tableHours')}
        rows={h.perKind}
        rowKey={(k) => k.kind}
        columns={[
          { header: t('measurement.colKind'), cell: (k) => format.kind(k.kind), isRowHeader: true },
          { header: t('measurement.colCases'), cell: (k) => format.num(k.volume, 0) },
          {
            header: t('measurement.colActiveBaseline'),
            cell: (k) => <EstimateCell e={k.baseline} minN={1} style={format.styleOf('working_days')} format={format} />,
          },
          {
            header: t('measurement.colActivePeriod'),
            cell: (k) => <EstimateCell e={k.period} minN={1} style={format.styleOf('working_days')} format={format} />,
          },
          {
            header: t('measurement.hoursSaved'),
            cell: (k) => (k.isIncluded ? <EstimateCell e={k.hours} minN={1} style={hours} format={format} /> : t('measurement.tooThin', { n: k.hours.n })),
          },
        ]}
      />
    </>
  );
}
