import { useT } from '../../../i18n';
import type { ConsultationViewDto } from '../api';
import { useConsultationLabels } from '../labels';

/** Campaigns (near-identical responses): counted once under the themes, shown here with their size. */
export function CampaignTable({ view }: { view: ConsultationViewDto }) {
  const { t } = useT();
  const l = useConsultationLabels();
  const names = new Map(view.themes.map((th) => [th.id, th.name]));
  if (view.campaigns.length === 0) return <p className="empty">{t('consultations.noCampaigns')}</p>;
  return (
    <div className="table-scroll">
      <table className="case-table" data-testid="campaign-table">
        <caption className="visually-hidden">{t('consultations.campaignsCaption', { count: view.campaigns.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consultations.colCampaign')}</th>
            <th scope="col">{t('consultations.colSize')}</th>
            <th scope="col">{t('consultations.colRepresentative')}</th>
            <th scope="col">{t('consultations.correctStance')}</th>
            <th scope="col">{t('consultations.colThemes')}</th>
            <th scope="col">{t('consultations.colMembers')}</th>
          </tr>
        </thead>
        <tbody>
          {view.campaigns.map((c) => (
            <tr key={c.key} data-testid="campaign-row" data-size={c.size}>
              <th scope="row">{c.label}</th>
              <td>{c.size}</td>
              <td>{c.representativeId}</td>
              <td>{l.stance(c.stance)}</td>
              <td>{c.themeIds.map((id) => names.get(id) ?? id).join(', ') || t('consultations.noTheme')}</td>
              <td>{c.responseIds.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
