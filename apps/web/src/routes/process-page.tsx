import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { useDirectory } from '../features/cases/use-directory';
import type { MiningFilters } from '../features/mining/api';
import { ConformanceSection } from '../features/mining/components/conformance-section';
import { MiningFilterForm } from '../features/mining/components/mining-filter-form';
import { ProcessPanel } from '../features/mining/components/process-panel';
import { ViewControls } from '../features/mining/components/view-controls';
import { type MiningQuery, queryFromSearch, queryToSearch } from '../features/mining/query';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';

// Analysts, admins and auditors may mine any unit; everyone else sees their own unit (the server enforces it).
const seeAllRoles = new Set(['analyst', 'admin', 'auditor']);

/** Process mining of the platform's own cases: the map, where cases wait, the variants, and a comparison. */
export function ProcessPage() {
  const { t, formatDate } = useT();
  const user = useUser();
  const directory = useDirectory();
  const { search } = useLocation();
  const query = queryFromSearch(search);
  const canSeeAll = user.roles.some((r) => seeAllRoles.has(r));
  const units = canSeeAll ? directory.units : null;
  const ownUnitName = directory.unitName(user.unitId);

  // Sliders and the metric replace the history entry (no Back step per arrow press); filters add one.
  const go = (next: MiningQuery, replace = false) => navigate(`/proces${queryToSearch(next)}`, { replace });
  const unitLabel = (f: MiningFilters) =>
    f.unit ? (directory.unitName(f.unit) ?? f.unit) : canSeeAll ? t('mining.allUnits') : (ownUnitName ?? t('mining.ownUnit'));
  const sideTitle = (side: 'A' | 'B', f: MiningFilters) => {
    const period = f.from || f.to ? t('mining.period', { from: f.from ? formatDate(f.from) : '…', to: f.to ? formatDate(f.to) : '…' }) : t('mining.allTime');
    return t('mining.sideTitle', { side, unit: unitLabel(f), period });
  };

  return (
    <div className="page page--process">
      <PageHeading title={t('mining.title')}>{t('mining.title')}</PageHeading>
      <p className="page-intro">{t('mining.intro')}</p>
      <div className={query.b ? 'mining-compare mining-compare--filters' : undefined}>
        {/* Keyed by the filters so the forms show what the URL says after back/forward. */}
        <MiningFilterForm
          key={`a${JSON.stringify(query.a)}`}
          title={query.b ? t('mining.filtersA') : t('mining.filters')}
          initial={query.a}
          units={units}
          ownUnitName={ownUnitName}
          onApply={(a) => go({ ...query, a })}
        />
        {query.b ? (
          <MiningFilterForm
            key={`b${JSON.stringify(query.b)}`}
            title={t('mining.filtersB')}
            initial={query.b}
            units={units}
            ownUnitName={ownUnitName}
            onApply={(b) => go({ ...query, b })}
          />
        ) : null}
      </div>
      <ViewControls
        shares={query.shares}
        metric={query.metric}
        comparing={query.b !== null}
        onShares={(shares) => go({ ...query, shares }, true)}
        onMetric={(metric) => go({ ...query, metric }, true)}
        onCompare={(on) => go({ ...query, b: on ? { ...query.a } : null })}
      />
      {query.b ? (
        <div className="mining-compare">
          <ProcessPanel title={sideTitle('A', query.a)} fileTag="a" filters={query.a} shares={query.shares} metric={query.metric} />
          <ProcessPanel title={sideTitle('B', query.b)} fileTag="b" filters={query.b} shares={query.shares} metric={query.metric} />
        </div>
      ) : (
        <ProcessPanel title={t('mining.mapTitle')} fileTag="" filters={query.a} shares={query.shares} metric={query.metric} />
      )}
      <ConformanceSection filters={query.a} />
    </div>
  );
}
