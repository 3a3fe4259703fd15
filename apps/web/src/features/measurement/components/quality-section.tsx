import { useId } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { type ClassificationRow, csvUrl, type DraftRow, fetchQuality, type MeasurementFilters } from '../api';
import { type MeasurementFormat, useMeasurementFormat } from '../format';
import { BarChart, ChartBlock, LineChart, seriesColors } from './charts';
import { CsvLink, DataTable } from './data-table';
import { Conclusions, EstimateCell, FigureList } from './figures';

/** AI quality: what staff did with the sorting and the drafts, per model and prompt version and per month. */
export function QualitySection({ filters }: { filters: MeasurementFilters }) {
  const format = useMeasurementFormat();
  const { t, lang } = format.tr;
  const id = useId();
  const report = useApi(JSON.stringify(filters), (signal) => fetchQuality(filters, signal));
  const d = report.data;
  const csv = (table: string, title: string) => (
    <CsvLink href={csvUrl('quality', table, filters)} label={t('measurement.csv', { table: title })} table={table} />
  );
  const share = format.styleOf('share');

  return (
    <section aria-labelledby={`${id}-h`} data-testid="quality-section" data-status={d ? 'ready' : report.isLoading ? 'loading' : 'error'}>
      <h2 id={`${id}-h`}>{t('measurement.qualityTitle')}</h2>
      <LiveStatus visuallyHidden>{report.isLoading ? t('measurement.loading') : ''}</LiveStatus>
      <ErrorAlert error={report.error} />
      {d ? (
        <>
          <p className="page-intro">{t('measurement.qualityIntro', { cases: d.period.cases })}</p>
          <Conclusions title={t('measurement.conclusionsTitle')} lines={lang === 'da' ? d.conclusions : d.conclusionsEn} testId="conclusions" />
          <FigureList
            testId="headline"
            format={format}
            items={[
              { key: 'accuracy', label: format.metric('accuracy'), e: d.classification.overall.accuracy, minN: d.method.minN, style: share },
              { key: 'unedited', label: t('measurement.draftsUnedited'), e: d.drafts.overall.approvedUnedited, minN: d.method.minN, style: share },
              { key: 'edited', label: t('measurement.draftsEdited'), e: d.drafts.overall.edited, minN: d.method.minN, style: share },
              { key: 'rejected', label: t('measurement.draftsRejected'), e: d.drafts.overall.rejected, minN: d.method.minN, style: share },
              {
                key: 'words',
                label: format.metric('editDistanceWords'),
                e: d.drafts.overall.editDistanceWords,
                minN: d.method.minN,
                style: format.styleOf('words'),
              },
              {
                key: 'review',
                label: format.metric('reviewMinutes'),
                e: d.drafts.overall.reviewMinutes,
                minN: d.method.minN,
                style: format.styleOf('minutes'),
              },
              { key: 'flags', label: t('measurement.groundingFlags'), e: d.drafts.groundingFlagsPerDraft, minN: d.method.minN, style: { decimals: 2 } },
            ]}
          />
          <ChartBlock
            title={t('measurement.chartAccuracyByVersion')}
            format={format}
            testId="chart-classification-versions"
            actions={csv('classification-versions', t('measurement.chartAccuracyByVersion'))}
            chart={
              <BarChart
                title={t('measurement.chartAccuracyByVersion')}
                format={format}
                minN={d.method.minN}
                style={share}
                series={[{ id: 'accuracy', label: format.metric('accuracy'), color: seriesColors.period }]}
                categories={d.classification.byVersion.map((v) => ({ label: v.key, values: { accuracy: v.accuracy } }))}
              />
            }
            table={
              <ClassificationTable
                rows={d.classification.byVersion}
                caption={t('measurement.chartAccuracyByVersion')}
                keyHeader={t('measurement.colVersion')}
                minN={d.method.minN}
                format={format}
              />
            }
          />
          <ChartBlock
            title={t('measurement.chartUneditedByVersion')}
            format={format}
            testId="chart-draft-versions"
            actions={csv('draft-versions', t('measurement.chartUneditedByVersion'))}
            chart={
              <BarChart
                title={t('measurement.chartUneditedByVersion')}
                format={format}
                minN={d.method.minN}
                style={share}
                series={[{ id: 'unedited', label: t('measurement.draftsUnedited'), color: seriesColors.period }]}
                categories={d.drafts.byVersion.map((v) => ({ label: v.key, values: { unedited: v.approvedUnedited } }))}
              />
            }
            table={
              <DraftTable
                rows={d.drafts.byVersion}
                caption={t('measurement.chartUneditedByVersion')}
                keyHeader={t('measurement.colVersion')}
                minN={d.method.minN}
                format={format}
              />
            }
          />
          <ChartBlock
            title={t('measurement.chartQualityTrend')}
            format={format}
            testId="chart-quality-months"
            actions={
              <>
                {csv('classification-months', t('measurement.tableClassificationMonths'))}
                {csv('draft-months', t('measurement.tableDraftMonths'))}
              </>
            }
            chart={
              <LineChart
                title={t('measurement.chartQualityTrend')}
                format={format}
                minN={d.method.minN}
                style={share}
                series={[
                  { id: 'accuracy', label: format.metric('accuracy'), color: seriesColors.period },
                  { id: 'unedited', label: t('measurement.draftsUnedited'), color: seriesColors.baseline, dash: '6 4' },
                ]}
                categories={[...new Set([...d.classification.byMonth.map((m) => m.key), ...d.drafts.byMonth.map((m) => m.key)])].sort().map((month) => ({
                  label: format.month(month),
                  values: {
                    accuracy: d.classification.byMonth.find((m) => m.key === month)?.accuracy,
                    unedited: d.drafts.byMonth.find((m) => m.key === month)?.approvedUnedited,
                  },
                }))}
              />
            }
            table={
              <>
                <ClassificationTable
                  rows={d.classification.byMonth}
                  caption={t('measurement.tableClassificationMonths')}
                  keyHeader={t('measurement.colMonth')}
                  keyName={format.month}
                  minN={d.method.minN}
                  format={format}
                />
                <DraftTable
                  rows={d.drafts.byMonth}
                  caption={t('measurement.tableDraftMonths')}
                  keyHeader={t('measurement.colMonth')}
                  keyName={format.month}
                  minN={d.method.minN}
                  format={format}
                />
              </>
            }
          />
          <div className="button-row">{csv('overall', t('measurement.tableQualityOverall'))}</div>
        </>
      ) : null}
    </section>
  );
}

function ClassificationTable(props: {
  rows: ClassificationRow[];
  caption: string;
  keyHeader: string;
  keyName?: (k: string) => string;
  minN: number;
  format: MeasurementFormat;
}) {
  const { format, minN } = props;
  const { t } = format.tr;
  const share = format.styleOf('share');
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(r) => r.key}
      columns={[
        { header: props.keyHeader, cell: (r) => (props.keyName ? props.keyName(r.key) : r.key), isRowHeader: true },
        { header: t('measurement.colClassified'), cell: (r) => format.num(r.classified, 0) },
        { header: format.metric('accuracy'), cell: (r) => <EstimateCell e={r.accuracy} minN={minN} style={share} format={format} /> },
        { header: t('measurement.colAutoRouted'), cell: (r) => <EstimateCell e={r.autoRouted} minN={minN} style={share} format={format} /> },
        { header: t('measurement.colAutoRoutedMoved'), cell: (r) => <EstimateCell e={r.autoRoutedCorrected} minN={minN} style={share} format={format} /> },
      ]}
    />
  );
}

function DraftTable(props: { rows: DraftRow[]; caption: string; keyHeader: string; keyName?: (k: string) => string; minN: number; format: MeasurementFormat }) {
  const { format, minN } = props;
  const { t } = format.tr;
  const share = format.styleOf('share');
  return (
    <DataTable
      caption={props.caption}
      rows={props.rows}
      rowKey={(r) => r.key}
      columns={[
        { header: props.keyHeader, cell: (r) => (props.keyName ? props.keyName(r.key) : r.key), isRowHeader: true },
        { header: t('measurement.colDrafts'), cell: (r) => format.num(r.drafts, 0) },
        { header: t('measurement.colReviewed'), cell: (r) => format.num(r.reviewed, 0) },
        { header: t('measurement.draftsUnedited'), cell: (r) => <EstimateCell e={r.approvedUnedited} minN={minN} style={share} format={format} /> },
        { header: t('measurement.draftsEdited'), cell: (r) => <EstimateCell e={r.edited} minN={minN} style={share} format={format} /> },
        { header: t('measurement.draftsRejected'), cell: (r) => <EstimateCell e={r.rejected} minN={minN} style={share} format={format} /> },
        {
          header: format.metric('editDistanceWords'),
          cell: (r) => <EstimateCell e={r.editDistanceWords} minN={minN} style={format.styleOf('words')} format={format} />,
        },
        {
          header: format.metric('reviewMinutes'),
          cell: (r) => <EstimateCell e={r.reviewMinutes} minN={minN} style={format.styleOf('minutes')} format={format} />,
        },
      ]}
    />
  );
}
