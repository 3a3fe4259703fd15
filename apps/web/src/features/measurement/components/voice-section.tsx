import { useId } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import type { MessageKey } from '../../../i18n';
import { Link } from '../../../router';
import { csvUrl, fetchVoice, type MeasurementFilters } from '../api';
import { useMeasurementFormat } from '../format';
import { BarChart, ChartBlock, seriesColors } from './charts';
import { CsvLink, DataTable } from './data-table';
import { EstimateCell, FigureList } from './figures';

const targetKeys: Record<string, MessageKey> = {
  classification: 'measurement.targetClassification',
  draft: 'measurement.targetDraft',
  summary: 'measurement.targetSummary',
  consultation: 'measurement.targetConsultation',
  minutes: 'measurement.targetMinutes',
  acknowledgement: 'measurement.targetAcknowledgement',
};
const reasonKeys: Record<string, MessageKey> = {
  wrong: 'measurement.reasonWrong',
  incomplete: 'measurement.reasonIncomplete',
  tone: 'measurement.reasonTone',
  sources: 'measurement.reasonSources',
  too_long: 'measurement.reasonTooLong',
  good: 'measurement.reasonGood',
  other: 'measurement.reasonOther',
  none: 'measurement.reasonNone',
};

/** The employees' voice: their ratings of AI suggestions, in aggregate for everyone and as a stream for the unit. */
export function VoiceSection({ filters }: { filters: MeasurementFilters }) {
  const format = useMeasurementFormat();
  const { t, formatDateTime } = format.tr;
  const id = useId();
  const report = useApi(JSON.stringify(filters), (signal) => fetchVoice(filters, signal));
  const d = report.data;
  const csv = (table: string, title: string) => <CsvLink href={csvUrl('voice', table, filters)} label={t('measurement.csv', { table: title })} table={table} />;
  const share = format.styleOf('share');
  const target = (id: string) => (targetKeys[id] ? t(targetKeys[id] as MessageKey) : id);
  const reason = (id: string | null) => (id === null ? '–' : reasonKeys[id] ? t(reasonKeys[id] as MessageKey) : id);

  return (
    <section aria-labelledby={`${id}-h`} data-testid="voice-section" data-status={d ? 'ready' : report.isLoading ? 'loading' : 'error'}>
      <h2 id={`${id}-h`}>{t('measurement.voiceTitle')}</h2>
      <LiveStatus visuallyHidden>{report.isLoading ? t('measurement.loading') : ''}</LiveStatus>
      <ErrorAlert error={report.error} />
      {d ? (
        <>
          <p className="page-intro">{t('measurement.voiceIntro')}</p>
          <FigureList
            format={format}
            testId="headline"
            items={[
              {
                key: 'ratings',
                label: t('measurement.ratings'),
                e: { value: d.ratings, low: null, high: null, n: d.ratings },
                minN: 0,
                style: { decimals: 0 },
                isCount: true,
              },
              { key: 'up', label: t('measurement.thumbsUp'), e: d.up, minN: d.method.minN, style: share },
            ]}
          />
          {d.ratings === 0 ? (
            <p className="empty">{t('measurement.noRatings')}</p>
          ) : (
            <>
              <ChartBlock
                title={t('measurement.chartTargets')}
                format={format}
                testId="chart-targets"
                actions={csv('targets', t('measurement.chartTargets'))}
                chart={
                  <BarChart
                    title={t('measurement.chartTargets')}
                    format={format}
                    minN={d.method.minN}
                    style={share}
                    series={[{ id: 'up', label: t('measurement.thumbsUp'), color: seriesColors.period }]}
                    categories={d.byTarget.map((x) => ({ label: target(x.targetType), values: { up: x.up } }))}
                  />
                }
                table={
                  <DataTable
                    caption={t('measurement.chartTargets')}
                    rows={d.byTarget}
                    rowKey={(x) => x.targetType}
                    columns={[
                      { header: t('measurement.colTarget'), cell: (x) => target(x.targetType), isRowHeader: true },
                      { header: t('measurement.ratings'), cell: (x) => format.num(x.ratings, 0) },
                      { header: t('measurement.thumbsUp'), cell: (x) => <EstimateCell e={x.up} minN={d.method.minN} style={share} format={format} /> },
                    ]}
                  />
                }
              />
              <h3 className="mining-section-title">{t('measurement.tableReasons')}</h3>
              <div className="button-row">
                {csv('reasons', t('measurement.tableReasons'))}
                {csv('months', t('measurement.tableRatingMonths'))}
              </div>
              <DataTable
                caption={t('measurement.tableReasons')}
                rows={d.byReason}
                rowKey={(x) => x.reason}
                columns={[
                  { header: t('measurement.colReason'), cell: (x) => reason(x.reason), isRowHeader: true },
                  { header: t('measurement.ratings'), cell: (x) => format.num(x.ratings, 0) },
                  { header: t('measurement.colThumbsDown'), cell: (x) => format.num(x.down, 0) },
                ]}
              />
              <DataTable
                caption={t('measurement.tableRatingMonths')}
                rows={d.byMonth}
                rowKey={(x) => x.month}
                columns={[
                  { header: t('measurement.colMonth'), cell: (x) => format.month(x.month), isRowHeader: true },
                  { header: t('measurement.ratings'), cell: (x) => format.num(x.ratings, 0) },
                  { header: t('measurement.thumbsUp'), cell: (x) => <EstimateCell e={x.up} minN={d.method.minN} style={share} format={format} /> },
                ]}
              />
            </>
          )}
          <h3 className="mining-section-title">{t('measurement.streamTitle')}</h3>
          <p>{d.streamScope === 'own_unit' ? t('measurement.streamOwnUnit') : t('measurement.streamAll')}</p>
          {d.stream.length === 0 ? (
            <p className="empty">{t('measurement.noStream')}</p>
          ) : (
            <DataTable
              caption={t('measurement.streamTitle')}
              testId="ratings-stream"
              rows={d.stream}
              rowKey={(r) => r.id}
              columns={[
                { header: t('measurement.colWhen'), cell: (r) => formatDateTime(r.createdAt), isRowHeader: true },
                { header: t('measurement.colTarget'), cell: (r) => target(r.targetType) },
                { header: t('measurement.colRating'), cell: (r) => (r.rating === 'up' ? t('measurement.ratingUp') : t('measurement.ratingDown')) },
                { header: t('measurement.colReason'), cell: (r) => reason(r.reason) },
                { header: t('measurement.colComment'), cell: (r) => r.comment ?? '–' },
                { header: t('measurement.colCase'), cell: (r) => (r.caseNumber ? <Link to={`/sager/${r.caseNumber}`}>{r.caseNumber}</Link> : '–') },
              ]}
            />
          )}
          <div className="notice notice--info" data-testid="pulse">
            <p className="notice__title">{t('measurement.pulseTitle')}</p>
            <p className="notice__text">{t('measurement.pulseNotBuilt')}</p>
          </div>
        </>
      ) : null}
    </section>
  );
}
