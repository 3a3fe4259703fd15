import type { ReactNode } from 'react';
import { AuthProvider, useAuth } from './features/auth/auth-context';
import { RequireAuth } from './features/auth/require-auth';
import { I18nProvider, LanguageSwitcher, useT } from './i18n';
import { Link, matchPath, useLocation } from './router';
import { AiPolicyPage } from './routes/ai-policy-page';
import { CasePage } from './routes/case-page';
import { ConsultationPage } from './routes/consultation-page';
import { ConsultationsPage } from './routes/consultations-page';
import { DocumentsPage } from './routes/documents-page';
import { ImportPage } from './routes/import-page';
import { InboxPage } from './routes/inbox-page';
import { InquiryPage } from './routes/inquiry-page';
import { KnowledgePage } from './routes/knowledge-page';
import { LoginPage } from './routes/login-page';
import { MeasurementPage } from './routes/measurement-page';
import { MeetingPage } from './routes/meeting-page';
import { MinutesPage } from './routes/minutes-page';
import { NotFoundPage } from './routes/not-found-page';
import { PoliticianQuestionPage } from './routes/politician-question-page';
import { PoliticsPage } from './routes/politics-page';
import { ProcessPage } from './routes/process-page';
import { TriagePage } from './routes/triage-page';

const mainId = 'main-content';

/** Picks the page for the current path; signed-in pages are wrapped in RequireAuth. */
function Routes() {
  const { pathname } = useLocation();
  if (matchPath('/login', pathname)) return <LoginPage />;
  if (matchPath('/henvendelse', pathname)) return <InquiryPage />;
  if (matchPath('/', pathname))
    return (
      <RequireAuth>
        <InboxPage />
      </RequireAuth>
    );
  if (matchPath('/fordeling', pathname))
    return (
      <RequireAuth>
        <TriagePage />
      </RequireAuth>
    );
  if (matchPath('/proces', pathname))
    return (
      <RequireAuth>
        <ProcessPage />
      </RequireAuth>
    );
  if (matchPath('/viden', pathname))
    return (
      <RequireAuth>
        <KnowledgePage />
      </RequireAuth>
    );
  if (matchPath('/dokumenter', pathname))
    return (
      <RequireAuth>
        <DocumentsPage />
      </RequireAuth>
    );
  if (matchPath('/sekretariat/ny', pathname))
    return (
      <RequireAuth>
        <PoliticianQuestionPage />
      </RequireAuth>
    );
  if (matchPath('/sekretariat', pathname))
    return (
      <RequireAuth>
        <PoliticsPage />
      </RequireAuth>
    );
  if (matchPath('/maaling', pathname))
    return (
      <RequireAuth>
        <MeasurementPage />
      </RequireAuth>
    );
  if (matchPath('/ai', pathname))
    return (
      <RequireAuth>
        <AiPolicyPage />
      </RequireAuth>
    );
  if (matchPath('/hoeringer', pathname))
    return (
      <RequireAuth>
        <ConsultationsPage />
      </RequireAuth>
    );
  const consultationMatch = matchPath('/hoeringer/:id', pathname);
  if (consultationMatch?.id)
    return (
      <RequireAuth>
        <ConsultationPage key={consultationMatch.id} consultationId={consultationMatch.id} />
      </RequireAuth>
    );
  if (matchPath('/referater', pathname))
    return (
      <RequireAuth>
        <MinutesPage />
      </RequireAuth>
    );
  const meetingMatch = matchPath('/referater/:id', pathname);
  if (meetingMatch?.id)
    return (
      <RequireAuth>
        <MeetingPage key={meetingMatch.id} meetingId={meetingMatch.id} />
      </RequireAuth>
    );
  if (matchPath('/import', pathname))
    return (
      <RequireAuth>
        <ImportPage />
      </RequireAuth>
    );
  const caseMatch = matchPath('/sager/:ref', pathname);
  if (caseMatch?.ref)
    return (
      <RequireAuth>
        {/* Keyed so moving between cases starts from a clean page. */}
        <CasePage key={caseMatch.ref} caseRef={caseMatch.ref} />
      </RequireAuth>
    );
  return <NotFoundPage path={pathname} />;
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const isCurrent = to === '/' ? pathname === '/' || pathname.startsWith('/sager/') : pathname.startsWith(to);
  return (
    <Link to={to} className="site-nav__link" aria-current={isCurrent ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Header() {
  const { t } = useT();
  const { state, logout } = useAuth();
  const isSignedIn = state.status === 'signed-in';
  // The triage queue is the mail reception's work; admins may step in.
  const canTriage = isSignedIn && state.user.roles.some((r) => r === 'mail_reception' || r === 'admin');
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={isSignedIn ? '/' : '/henvendelse'} className="brand">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </Link>
        {isSignedIn ? (
          <nav className="site-nav" aria-label={t('app.mainNav')}>
            <ul className="site-nav__list">
              <li>
                <NavLink to="/">{t('app.inbox')}</NavLink>
              </li>
              {canTriage ? (
                <li>
                  <NavLink to="/fordeling">{t('app.triage')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/viden">{t('app.knowledge')}</NavLink>
              </li>
              <li>
                <NavLink to="/dokumenter">{t('documents.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/hoeringer">{t('consultations.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/referater">{t('minutes.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/import">{t('app.import')}</NavLink>
              </li>
              <li>
                <NavLink to="/proces">{t('app.processMining')}</NavLink>
              </li>
              <li>
                <NavLink to="/sekretariat">{t('app.politics')}</NavLink>
              </li>
              <li>
                <NavLink to="/maaling">{t('measurement.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/ai">{t('app.aiPolicy')}</NavLink>
              </li>
              <li>
                <NavLink to="/henvendelse">{t('app.publicForm')}</NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
        <div className="site-header__tools">
          <LanguageSwitcher />
          {isSignedIn ? (
            <div className="user-menu">
              <span className="user-menu__name">{t('app.signedInAs', { name: state.user.displayName })}</span>
              <button type="button" className="button button--on-dark" onClick={() => void logout()}>
                {t('app.logout')}
              </button>
            </div>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function Shell() {
  const { t } = useT();
  return (
    <>
      <a className="skip-link" href={`#${mainId}`}>
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id={mainId} className="site-main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** The whole app: language, session, and the page for the current path. */
export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </I18nProvider>
  );
}
