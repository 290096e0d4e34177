import { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppShell } from './layout/AppShell';
import { ActivatePage } from './pages/auth/ActivatePage';
import { LoginPage } from './pages/auth/LoginPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { Section } from './section';
import { canSee, SECTIONS, visibleSections } from './sections';
import { SessionProvider, useSession } from './session/session';
import { Page } from './ui/components';

/** A section's page: only for someone logged in with a role that sees the section. */
function Guarded({ section, children }: { section: Section; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (session.profile === undefined)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (session.profile === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!canSee(session, section))
    return (
      <Page title={t('common.noAccess.title')}>
        <p>{t('common.noAccess.text')}</p>
      </Page>
    );
  return <>{children}</>;
}

/** `/`: the first page of the user's first section, or the login page. */
function Home() {
  const session = useSession();
  const { t } = useI18n();
  if (session.profile === undefined)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (session.profile === null) return <Navigate to="/login" replace />;
  const first = visibleSections(session)[0];
  if (!first)
    return (
      <Page title={t('common.noAccess.title')}>
        <p>{t('common.noRoles')}</p>
      </Page>
    );
  return <Navigate to={first.nav[0].path} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('common.notFound.title')}>
      <p>{t('common.notFound.text')}</p>
    </Page>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <AppShell>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/activate" element={<ActivatePage />} />
              <Route path="/sign-up" element={<SignUpPage />} />
              {SECTIONS.flatMap((section) =>
                section.routes.map((route) => <Route key={`${section.id}:${route.path}`} path={route.path} element={<Guarded section={section}>{route.element}</Guarded>} />),
              )}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </AppShell>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
