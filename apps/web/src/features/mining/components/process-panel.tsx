import { useId, useRef, useState } from 'react';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { fetchProcessMap, type MiningFilters, type MiningShares, type ProcessMapResponse } from '../api';
import { type CsvCell, downloadCsv, downloadPng, downloadSvg, today } from '../export';
import { useMiningFormat } from '../format';
import type { Metric } from '../query';
import { EdgeTable } from './edge-table';
import { KeyFigures } from './key-figures';
import { type ProcessMapHandle, ProcessMapView } from './process-map-view';
import { ReworkTable } from './rework-table';
import { VariantList } from './variant-list';
import { WaitRanking } from './wait-ranking';

interface ProcessPanelProps {
  /** The panel's heading (the map, or one side of a comparison). */
  title: string;
  /** A short name for the selection, used in file names ("a", "b"). */
  fileTag: string;
  filters: MiningFilters;
  shares: MiningShares;
  metric: Metric;
}

/** One process map with its key figures, edge table, waits and variants, and the exports. */
export function ProcessPanel({ title, fileTag, filters, shares, metric }: ProcessPanelProps) {
  const format = useMiningFormat();
  const { t, lang } = format.tr;
  const id = useId();
  const key = JSON.stringify({ filters, shares });
  const map = useApi(key, (signal) => fetchProcessMap(filters, shares, signal));
  const mapRef = useRef<ProcessMapHandle>(null);
  const [showTable, setShowTable] = useState(false);
  const [exportError, setExportError] = useState(false);
  // While a slider or filter change loads, the previous map stays (marked busy) instead of the page collapsing.
  const last = useRef<ProcessMapResponse | null>(null);
  if (map.data) last.current = map.data;
  const data = map.data ?? (map.isLoading ? last.current : null);

  const fileName = (ext: string, what = t('mining.fileMap')) => `${what}${fileTag ? `-${fileTag}` : ''}-${today()}.${ext}`;

  const exportSvg = () => {
    const svg = mapRef.current?.svg();
    if (svg) downloadSvg(svg, fileName('svg'));
  };
  const exportPng = () => {
    const svg = mapRef.current?.svg();
    if (!svg) return;
    setExportError(false);
    downloadPng(svg, fileName('png')).catch(() => setExportError(true));
  };
  const exportEdges = (d: ProcessMapResponse) => {
    const rows: CsvCell[][] = [
      [
        t('mining.colFrom'),
        t('mining.colTo'),
        t('mining.colCount'),
        t('mining.csvMeanHours'),
        t('mining.csvMedianHours'),
        t('mining.csvMinHours'),
        t('mining.csvMaxHours'),
        'from_id',
        'to_id',
      ],
      ...d.edges.map((e) => [
        format.activity(e.from),
        format.activity(e.to),
        e.count,
        e.meanSeconds / 3600,
        e.medianSeconds / 3600,
        e.minSeconds / 3600,
        e.maxSeconds / 3600,
        e.from,
        e.to,
      ]),
    ];
    downloadCsv(rows, lang, fileName('csv', t('mining.fileEdges')));
  };
  const exportWaits = (d: ProcessMapResponse) => {
    const rows: CsvCell[][] = [
      [t('mining.colRank'), t('mining.colFrom'), t('mining.colTo'), t('mining.colCount'), t('mining.csvMeanWorkingDays'), t('mining.csvTotalWorkingDays')],
      ...d.waits.map((w, i) => [i + 1, format.activity(w.from), format.activity(w.to), w.count, w.meanWorkingDays, w.totalWorkingDays]),
    ];
    downloadCsv(rows, lang, fileName('csv', t('mining.fileWaits')));
  };

  const summary = data
    ? t('mining.mapSummary', {
        title,
        activities: data.activities.length,
        edges: data.edges.length,
        cases: data.cases,
        metric: metric === 'time' ? t('mining.metricTime').toLowerCase() : t('mining.metricFrequency').toLowerCase(),
      })
    : '';

  return (
    <section className="mining-panel" aria-labelledby={`${id}-title`} aria-busy={map.isLoading}>
      <h2 id={`${id}-title`} className="mining-panel__title">
        {title}
      </h2>
      <LiveStatus visuallyHidden>
        {map.isLoading ? t('app.loading') : data ? t('mining.loaded', { title, cases: data.cases, edges: data.edges.length }) : ''}
      </LiveStatus>
      <ErrorAlert error={map.error} />
      {data ? (
        <>
          <KeyFigures data={data} format={format} />
          {data.cases === 0 ? (
            <p className="empty">{t('mining.noCases')}</p>
          ) : (
            <>
              <fieldset className="mining-exports">
                <legend className="visually-hidden">{t('mining.exports')}</legend>
                <div className="button-row">
                  <button type="button" className="button button--secondary button--small" onClick={exportSvg} data-testid="export-svg">
                    {t('mining.exportSvg')}
                  </button>
                  <button type="button" className="button button--secondary button--small" onClick={exportPng} data-testid="export-png">
                    {t('mining.exportPng')}
                  </button>
                  <button type="button" className="button button--secondary button--small" onClick={() => exportEdges(data)} data-testid="export-csv">
                    {t('mining.exportEdgesCsv')}
                  </button>
                  <button type="button" className="button button--secondary button--small" onClick={() => exportWaits(data)} data-testid="export-waits-csv">
                    {t('mining.exportWaitsCsv')}
                  </button>
                </div>
              </fieldset>
              {exportError ? (
                <div className="notice notice--error" role="alert">
                  <p className="notice__text">{t('mining.exportFailed')}</p>
                </div>
              ) : null}
              <ProcessMapView data={data} metric={metric} format={format} summary={summary} handleRef={mapRef} />
              <p className="field__hint mining-legend">{metric === 'time' ? t('mining.legendTime') : t('mining.legendFrequency')}</p>
              <div className="checkbox mining-table-toggle">
                <input id={`${id}-table`} type="checkbox" checked={showTable} onChange={(e) => setShowTable(e.target.checked)} data-testid="show-table" />
                <label htmlFor={`${id}-table`}>{t('mining.showTable')}</label>
              </div>
              {showTable ? <EdgeTable edges={data.edges} format={format} caption={t('mining.edgesCaption', { title })} /> : null}

              <h3 className="mining-section-title">{t('mining.waitsTitle')}</h3>
              <p className="muted">{t('mining.waitsIntro')}</p>
              <WaitRanking waits={data.waits} format={format} caption={t('mining.waitsCaption', { title })} />

              <h3 className="mining-section-title">{t('mining.reworkTitle')}</h3>
              <ReworkTable rework={data.rework ?? []} format={format} caption={t('mining.reworkCaption', { title })} />

              <h3 className="mining-section-title">{t('mining.variantsTitle')}</h3>
              <VariantList variants={data.variants} total={data.variantCount} format={format} />
            </>
          )}
        </>
      ) : map.isLoading ? (
        <p className="loading">{t('app.loading')}</p>
      ) : null}
    </section>
  );
}
