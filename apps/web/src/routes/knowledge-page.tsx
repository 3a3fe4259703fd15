import { useState } from 'react';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeading } from '../components/page-heading';
import { useUser } from '../features/auth/auth-context';
import { fetchSources, type KbUploadKind, rolesThatMayAddSources } from '../features/knowledge/api';
import { KbSearch } from '../features/knowledge/components/kb-search';
import { PassageDialog } from '../features/knowledge/components/passage-dialog';
import { SourceList } from '../features/knowledge/components/source-list';
import { SourceUploadForm } from '../features/knowledge/components/source-upload-form';
import { useT } from '../i18n';
import { navigate, useSearchParams } from '../router';

/** The knowledge base: search the passages, open one, see the sources, add a source. */
export function KnowledgePage() {
  const { t } = useT();
  const user = useUser();
  const params = useSearchParams();
  const query = params.get('q') ?? '';
  const kindParam = params.get('kind');
  const kind: KbUploadKind | '' = kindParam === 'document' || kindParam === 'standard_letter' ? kindParam : '';
  const sources = useApi('kb:sources', (signal) => fetchSources(signal));
  const [openChunk, setOpenChunk] = useState<string | null>(null);
  const mayAdd = user.roles.some((r) => (rolesThatMayAddSources as readonly string[]).includes(r));

  const search = (q: string, k: KbUploadKind | '') => {
    const next = new URLSearchParams({ q });
    if (k) next.set('kind', k);
    navigate(`/viden?${next.toString()}`);
  };

  return (
    <div className="page page--knowledge">
      <PageHeading title={t('knowledge.title')}>{t('knowledge.title')}</PageHeading>
      <p>{t('knowledge.intro')}</p>
      <section className="panel" aria-labelledby="kb-search-title">
        <h2 id="kb-search-title" className="panel__title">
          {t('knowledge.searchTitle')}
        </h2>
        {/* Keyed by the query so the form shows what the URL says after back/forward. */}
        <KbSearch key={`${kind}:${query}`} query={query} kind={kind} onSearch={search} onOpenPassage={setOpenChunk} />
      </section>
      <section className="panel" aria-labelledby="kb-sources-title">
        <h2 id="kb-sources-title" className="panel__title">
          {t('knowledge.sourcesTitle')}
        </h2>
        <ErrorAlert error={sources.error} />
        {sources.data ? <SourceList sources={sources.data.items} /> : sources.isLoading ? <p className="loading">{t('app.loading')}</p> : null}
      </section>
      {mayAdd ? (
        <section className="panel" aria-labelledby="kb-upload-title">
          <h2 id="kb-upload-title" className="panel__title">
            {t('knowledge.uploadTitle')}
          </h2>
          <SourceUploadForm onUploaded={sources.reload} />
        </section>
      ) : null}
      <PassageDialog chunkId={openChunk} onClose={() => setOpenChunk(null)} />
    </div>
  );
}
