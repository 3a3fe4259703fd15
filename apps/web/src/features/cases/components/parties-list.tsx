import type { PartyDto } from '../../../api/types';
import { useT } from '../../../i18n';

/** The case's parties. The CPR number never reaches the browser; only that one is registered. */
export function PartiesList({ parties }: { parties: PartyDto[] }) {
  const { t, label } = useT();
  if (parties.length === 0) return <p className="empty">{t('case.noParties')}</p>;
  return (
    <ul className="card-list">
      {parties.map((p) => (
        <li key={p.id} className="party">
          <p className="party__name">
            <strong>{p.name ?? p.email ?? '—'}</strong>{' '}
            <span className="muted">
              {label('partyRoles', p.role)} · {label('partyKinds', p.kind)}
            </span>
          </p>
          <dl className="party__details">
            {p.email ? (
              <div>
                <dt>{t('case.partyEmail')}</dt>
                <dd>{p.email}</dd>
              </div>
            ) : null}
            {p.phone ? (
              <div>
                <dt>{t('case.partyPhone')}</dt>
                <dd>{p.phone}</dd>
              </div>
            ) : null}
            {p.address ? (
              <div>
                <dt>{t('case.partyAddress')}</dt>
                <dd>{p.address}</dd>
              </div>
            ) : null}
          </dl>
          {p.hasCpr || p.cvr ? (
            <p className="party__ids">
              {p.hasCpr ? <span className="badge badge--neutral">{t('case.cprRegistered')}</span> : null}
              {p.cvr ? <span className="badge badge--neutral">{t('case.cvr', { cvr: p.cvr })}</span> : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
