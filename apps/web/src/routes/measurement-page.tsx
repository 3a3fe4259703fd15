import { PageHeading } from '../components/page-heading';
import { useDirectory } from '../features/cases/use-directory';
import { BiasSection } from '../features/measurement/components/bias-section';
import { EfficiencySection } from '../features/measurement/components/efficiency-section';
import { MeasurementFilterForm } from '../features/measurement/components/filter-form';
import { QualitySection } from '../features/measurement/components/quality-section';
import { ReportDownload } from '../features/measurement/components/report-download';
import { VoiceSection } from '../features/measurement/components/voice-section';
import { type MeasurementQuery, queryFromSearch, queryToSearch, type Section, sections } from '../features/measurement/query';
import { type MessageKey, useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';

const sectionKeys: Record<Section, MessageKey> = {
  efficiency: 'measurement.tabEfficiency',
  quality: 'measurement.tabQuality',
  bias: 'measurement.tabBias',
  voice: 'measurement.tabVoice',
};

/**
 * Measured value: efficiency, AI quality, equal treatment and the employees' voice. Readable by
 * every employee, not only management; the filters and the dashboard shown live in the URL.
 */
export function MeasurementPage() {
  const { t } = useT();
  const directory = useDirectory();
  const { search } = useLocation();
  const query = queryFromSearch(search);
  const href = (next: MeasurementQuery) => `/maaling${queryToSearch(next)}`;

  return (
    <div className="page page--measurement">
      <PageHeading title={t('measurement.title')}>{t('measurement.title')}</PageHeading>
      <p className="page-intro">{t('measurement.intro')}</p>
      {/* Keyed by the filters so the form shows what the URL says after back/forward. */}
      <MeasurementFilterForm
        key={JSON.stringify(query.filters)}
        initial={query.filters}
        units={directory.units}
        onApply={(filters) => navigate(href({ ...query, filters }))}
      />
      <nav aria-label={t('measurement.sectionsNav')} className="button-row" data-testid="measurement-nav">
        {sections.map((s) => (
          <Link
            key={s}
            to={href({ ...query, section: s })}
            className={`button ${s === query.section ? 'button--primary' : 'button--secondary'}`}
            aria-current={s === query.section ? 'page' : undefined}
          >
            {t(sectionKeys[s])}
          </Link>
        ))}
      </nav>
      {query.section === 'efficiency' ? <EfficiencySection filters={query.filters} /> : null}
      {query.section === 'quality' ? <QualitySection filters={query.filters} /> : null}
      {query.section === 'bias' ? <BiasSection filters={query.filters} /> : null}
      {query.section === 'voice' ? <VoiceSection filters={query.filters} /> : null}
      <ReportDownload filters={query.filters} />
    </div>
  );
}
