import { useId } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import type { MessageKey } from '../../../i18n';
import { type BiasResponse, csvUrl, fetchBias, type GroupComparison, type MeasurementFilters } from '../api';
import { type MeasurementFormat, useMeasurementFormat } from '../format';
import { BarChart, ChartBlock, type ChartCategory, seriesColors } from './charts';
import { CsvLink, DataTable } from './data-table';
import { Conclusions, EstimateCell, FigureList } from './figures';

const attributeKeys: Record<string, MessageKey> = {
  language: 'measurement.attrLanguage',
  channel: 'measurement.attrChannel',
  district: 'measurement.attrDistrict',
};

/** Equal treatment: each group of citizens against everyone else, Holm-corrected, with alerts and plain words. */
export function BiasSection({ filters }: { filters: MeasurementFilters }) {
  const format = useMeasurementFormat();
  const { t, lang } = format.tr;
  const id = useId();
  const report = useApi(JSON.stringify(filters), (signal) => fetchBias(filters, signal));
  const d = report.data;
  const csv = (table: string, title: string) => <CsvLink href={csvUrl('bias', table, filters)} label={t('measurement.csv', { table: title })} table={table} />;
  const conclusions = d ? (lang === 'da' ? d.conclusions : d.conclusionsEn) : [];
  const alertLines = conclusions.filter((c) => /^(ALARM|ALERT)\b/.test(c));

  return (
    <section aria-labelledby={`${id}-h`} data-testid="bias-section" data-status={d ? 'ready' : report.isLoading ? 'loading' : 'error'}>
      <h2 id={`${id}-h`}>{t('measurement.biasTitle')}</h2>
      <LiveStatus visuallyHidden>{report.isLoading ? t('measurement.loading') : ''}</LiveStatus>
      <ErrorAlert error={report.error} />
      {d ? (
        <>
          <p className="page-intro">{t('measurement.biasIntro', { cases: d.period.cases })}</p>
          {alertLines.length > 0 ? (
            <div className="notice notice--warning" data-testid="bias-alerts">
              <p className="notice__title">{t('measurement.alertsTitle', { n: alertLines.length })}</p>
              <ul className="notice__list">
                {alertLines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Conclusions title={t('measurement.conclusionsTitle')} lines={conclusions.filter((c) => !alertLines.includes(c))} testId="conclusions" />
          <FigureList
            format={format}
            testId="headline"
            items={[
              {
                key: 'cases',
                label: t('measurement.metricCases'),
                e: { value: d.period.cases, low: null, high: null, n: d.period.cases },
                minN: 1,
                style: { decimals: 0 },
                isCount: true,
              },
              {
                key: 'tests',
                label: t('measurement.tests'),
                e: { value: d.method.tests, low: null, high: null, n: d.method.tests },
                minN: 0,
                style: { decimals: 0 },
                isCount: true,
              },
              {
                key: 'alerts',
                label: t('measurement.alerts'),
                e: { value: d.alerts.length, low: null, high: null, n: d.method.tests },
                minN: 0,
                style: { decimals: 0 },
                isCount: true,
              },
            ]}
          />
          <div className="button-row">
            {csv('comparisons', t('measurement.tableBiasComparisons'))}
            {csv('groups', t('measurement.tableBiasGroups'))}
            {csv('overall-tests', t('measurement.tableBiasOverall'))}
          </div>
          {d.attributes.map((a) => (
            <Attribute key={a.attribute} a={a} d={d} format={format} />
          ))}
        </>
      ) : null}
    </section>
  );
}

function Attribute({ a, d, format }: { a: BiasResponse['attributes'][number]; d: BiasResponse; format: MeasurementFormat }) {
  const { t } = format.tr;
  const name = attributeKeys[a.attribute] ? t(attributeKeys[a.attribute] as MessageKey) : a.attribute;
  const groupName = groupNamer(a.attribute, format);
  const metric = 'firstResponseDays';
  const shown = a.comparisons.filter((c) => c.metric === metric);
  const categories: ChartCategory[] = shown.map((c) => ({ label: groupName(c.group), values: { value: c.value } }));
  // With two groups the engine compares the second with the first: "the others" is the first group.
  const first = a.groups[0];
  if (a.groups.length === 2 && shown[0] && first) categories.unshift({ label: groupName(first.group), values: { value: shown[0].rest } });
  const title = t('measurement.chartBias', { metric: format.metric(metric), attribute: name });
  return (
    <div data-testid={`bias-${a.attribute}`}>
      <h3 className="mining-section-title">{name}</h3>
      <p>{a.groups.map((g) => t('measurement.groupCases', { group: groupName(g.group), n: g.cases })).join(' · ')}</p>
      {a.groups.length < 2 ? (
        <p className="empty">{t('measurement.oneGroup')}</p>
      ) : (
        <ChartBlock
          title={title}
          format={format}
          testId={`chart-bias-${a.attribute}`}
          chart={
            <BarChart
              title={title}
              format={format}
              minN={d.method.minN}
              style={format.styleOf('working_days')}
              series={[{ id: 'value', label: format.metric(metric), color: seriesColors.period }]}
              categories={categories}
            />
          }
          table={
            <ComparisonTable
              rows={a.comparisons}
              caption={t('measurement.tableBiasAttribute', { attribute: name })}
              groupName={groupName}
              minN={d.method.minN}
              format={format}
            />
          }
        />
      )}
    </div>
  );
}

function groupNamer(attribute: string, format: MeasurementFormat): (group: string) => string {
  const { lang } = format.tr;
  if (attribute === 'channel') return format.channel;
  if (attribute === 'language') {
    const names = new Intl.DisplayNames([lang === 'da' ? 'da' : 'en'], { type: 'language' });
    return (code) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }
  return (group) => group;
}

function ComparisonTable(props: { rows: GroupComparison[]; caption: string; groupName: (g: string) => string; minN: number; format: MeasurementFormat }) {
  const { format, minN } = props;
  const { t } = format.tr;
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(c) => `${c.group}-${c.metric}`}
      columns={[
        { header: t('measurement.colGroup'), cell: (c) => props.groupName(c.group), isRowHeader: true },
        { header: t('measurement.colMetric'), cell: (c) => format.metric(c.metric) },
        { header: t('measurement.colThisGroup'), cell: (c) => <EstimateCell e={c.value} minN={minN} style={format.styleOf(c.unit)} format={format} /> },
        { header: t('measurement.colOthers'), cell: (c) => <EstimateCell e={c.rest} minN={minN} style={format.styleOf(c.unit)} format={format} /> },
        {
          header: t('measurement.colDifference'),
          cell: (c) =>
            c.verdict === 'too_thin' ? (
              t('measurement.tooThin', { n: c.value.n })
            ) : (
              <EstimateCell e={c.difference} minN={1} style={format.differenceStyleOf(c.unit)} format={format} />
            ),
        },
        { header: t('measurement.colP'), cell: (c) => (c.pAdjusted === null ? '–' : format.num(c.pAdjusted, 3)) },
        { header: t('measurement.colVerdict'), cell: (c) => <span data-verdict={c.verdict}>{format.verdict(c.verdict)}</span> },
      ]}
    />
  );
}
