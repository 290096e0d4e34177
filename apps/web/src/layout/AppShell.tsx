import { ReactNode, useEffect, useState } from 'react';
import { NavLink, useLocation, useNavigate, useNavigationType } from 'react-router';
import { LOCALES, useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { visibleSections } from '../sections';

/** The frame of every page: a skip link, the header with the user's sections, the language switch and logout. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = visibleSections(session);
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }
  // After the user follows a link within the app, focus moves to the new page's heading so that screen readers
  // announce it and Tab goes on from there. Not on the first page (the skip link comes first), nor after a
  // redirect (to the login page and back), which replace the entry instead of pushing one.
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== 'PUSH') return;
    const frame = requestAnimationFrame(() => (document.getElementById('page-title') ?? document.getElementById('main'))?.focus());
    return () => cancelAnimationFrame(frame);
  }, [location.pathname, navigationType]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <NavLink to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" /> Buurtcoop
          </NavLink>
          <div className="site-header__tools">
            <div role="group" aria-label={t('common.language')} className="language-switch">
              {LOCALES.map((option) => (
                <button key={option} type="button" className="link-button" aria-pressed={locale === option} onClick={() => setLocale(option)} lang={option}>
                  {option === 'nl' ? 'Nederlands' : 'English'}
                </button>
              ))}
            </div>
            {session.profile && (
              <>
                <span className="site-header__user">{session.profile.displayName}</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    void session.logout().then(() => navigate('/login'));
                  }}
                >
                  {t('common.logout')}
                </button>
              </>
            )}
            {sections.length > 0 && (
              <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen(!menuOpen)}>
                {t('common.menu')}
              </button>
            )}
          </div>
        </div>
        {sections.length > 0 && (
          <nav id="site-nav" className={menuOpen ? 'site-nav site-nav--open' : 'site-nav'} aria-label={t('common.mainNavigation')}>
            {sections.map((section) => (
              <div key={section.id} className="site-nav__group">
                <h2 className="site-nav__title">{t(section.title)}</h2>
                <ul>
                  {section.nav.map((item) => (
                    <li key={item.path}>
                      <NavLink to={item.path}>{t(item.label)}</NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('common.footer')}</p>
      </footer>
    </>
  );
}
