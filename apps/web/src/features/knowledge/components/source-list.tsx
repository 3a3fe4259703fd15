import { type Translator, useT } from '../../../i18n';
import type { KbSource } from '../api';

function validity(tr: Translator, s: KbSource): string {
  const from = s.validFrom ? tr.formatDate(s.validFrom) : null;
  const to = s.validTo ? tr.formatDate(s.validTo) : null;
  if (from && to) return tr.t('knowledge.validFromTo', { from, to });
  if (from) return tr.t('knowledge.validFromOnly', { from });
  if (to) return tr.t('knowledge.validToOnly', { to });
  return tr.t('knowledge.validAlways');
}

/** The knowledge base's sources as a table: title, kind, validity, number of passages. */
export function SourceList({ sources }: { sources: KbSource[] }) {
  const tr = useT();
  const { t, label } = tr;
  if (sources.length === 0) return <p className="empty">{t('knowledge.noSources')}</p>;
  return (
    <div className="table-scroll">
      <table className="case-table kb-sources" data-testid="kb-sources">
        <caption className="visually-hidden">{t('knowledge.sourcesCount', { count: sources.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('knowledge.colTitle')}</th>
            <th scope="col">{t('knowledge.colKind')}</th>
            <th scope="col">{t('knowledge.colValidity')}</th>
            <th scope="col">{t('knowledge.colChunks')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-testid="kb-source">
              <th scope="row">{s.title}</th>
              <td>{label('sourceKinds', s.kind)}</td>
              <td>{validity(tr, s)}</td>
              <td>{s.chunks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
