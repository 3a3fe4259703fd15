import { type ReactNode, useState } from 'react';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { fetchCase } from '../features/cases/api';
import { AssignForm } from '../features/cases/components/assign-form';
import { CaseFlags, CaseSummary } from '../features/cases/components/case-summary';
import { DocumentsList } from '../features/cases/components/documents-list';
import { MessagesList } from '../features/cases/components/messages-list';
import { PartiesList } from '../features/cases/components/parties-list';
import { Timeline } from '../features/cases/components/timeline';
import { WorkflowActions } from '../features/cases/components/workflow-actions';
import { MemoPanel } from '../features/memos/components/memo-panel';
import { letterUrl } from '../features/politics/api';
import { ReviewPanel } from '../features/review/components/review-panel';
import { useT } from '../i18n';
import { Link } from '../router';

function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One case: facts, correspondence, reply, workflow, assignment, parties, documents, timeline. */
export function CasePage({ caseRef }: { caseRef: string }) {
  const { t } = useT();
  const detail = useApi(`case:${caseRef}`, (signal) => fetchCase(caseRef, signal));
  // A new memo draft replaces the working reply: the review panel starts again from it.
  const [reviewKey, setReviewKey] = useState(0);
  const d = detail.data;

  if (!d) {
    return (
      <div className="page page--case">
        <p className="breadcrumb">
          <Link to="/">{t('app.backToInbox')}</Link>
        </p>
        <PageHeading title={t('case.titleFallback', { ref: caseRef })}>{t('case.titleFallback', { ref: caseRef })}</PageHeading>
        <LiveStatus>{detail.isLoading ? t('case.loading') : ''}</LiveStatus>
        <ErrorAlert error={detail.error} />
      </div>
    );
  }

  const c = d.case;
  // Approvers outside the unit (a director on a politician's answer) see the review too; the server decides what they may do.
  const canReview = d.canAct || c.kind === 'politician_question';
  const canReply = canReview && !c.isTerminal;
  return (
    <div className="page page--case">
      <p className="breadcrumb">
        <Link to="/">{t('app.backToInbox')}</Link>
      </p>
      <PageHeading title={`${c.number} ${c.title}`}>
        <span className="page-heading__eyebrow">{c.number}</span> {c.title}
      </PageHeading>
      <CaseFlags flags={c.flags} />
      {!d.canAct ? <p className="notice notice--info">{t('case.readOnly')}</p> : null}
      <ErrorAlert error={detail.error} />
      <div className="case-layout">
        <div className="case-layout__main">
          <Section id="case-details" title={t('case.details')}>
            <CaseSummary c={c} />
          </Section>
          {c.kind === 'politician_question' && Array.isArray(c.details?.questions) ? (
            <Section id="case-questions" title={t('politics.subQuestions')}>
              <p>
                {String(c.details.asker ?? '')}
                {c.details.committee ? ` · ${String(c.details.committee)}` : ''}
              </p>
              <ol data-testid="sub-questions">
                {(c.details.questions as string[]).map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ol>
            </Section>
          ) : null}
          {c.kind === 'politician_question' && d.messages.some((m) => m.direction === 'out' && m.status === 'sent') ? (
            <Section id="case-letter" title={t('politics.letterTitle')}>
              <ul>
                <li>
                  <a href={letterUrl(c.id, 'docx')} data-testid="letter-docx" download>
                    {t('politics.letterDocx')}
                  </a>
                </li>
                <li>
                  <a href={letterUrl(c.id, 'pdf')} data-testid="letter-pdf" download>
                    {t('politics.letterPdf')}
                  </a>
                </li>
              </ul>
            </Section>
          ) : null}
          <Section id="case-messages" title={t('case.messages')}>
            <MessagesList messages={d.messages} />
          </Section>
          {c.kind === 'memo' && d.canAct ? (
            <Section id="case-memo" title={t('memos.title')}>
              <MemoPanel
                c={c}
                onDrafted={async () => {
                  await detail.reload();
                  setReviewKey((k) => k + 1);
                }}
              />
            </Section>
          ) : null}
          {canReview ? (
            <Section id="case-reply" title={t('case.reply')}>
              {canReply ? (
                <ReviewPanel key={reviewKey} c={c} transitions={d.transitions} onChanged={detail.reload} />
              ) : (
                <p className="notice notice--info">{t('case.closedNote')}</p>
              )}
            </Section>
          ) : null}
        </div>
        <div className="case-layout__side">
          {d.canAct ? (
            <Section id="case-workflow" title={t('case.workflow')}>
              <WorkflowActions c={c} transitions={d.transitions} onChanged={detail.reload} />
            </Section>
          ) : null}
          {d.canAct ? (
            <Section id="case-assignment" title={t('case.assignment')}>
              <AssignForm c={c} onAssigned={detail.reload} />
            </Section>
          ) : null}
          <Section id="case-parties" title={t('case.parties')}>
            <PartiesList parties={d.parties} />
          </Section>
          <Section id="case-documents" title={t('case.documents')}>
            <DocumentsList documents={d.documents} />
          </Section>
          <Section id="case-timeline" title={t('case.timeline')}>
            <Timeline events={d.events} />
          </Section>
        </div>
      </div>
    </div>
  );
}
