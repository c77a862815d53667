/**
 * Skip link, banner with language and sign-out, navigation, the main landmark and a footer.
 * On a narrow screen (a phone at 200 % zoom) the language, sign-out and sections fold behind a
 * menu button so that the page itself and, for residents, "Call 112" stay in the first screen.
 */
import { useEffect, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { PATHS } from '../app/routes';
import { useSession } from '../auth/SessionContext';
import { LanguageSwitcher } from './LanguageSwitcher';
import { MainNav } from './MainNav';
import { MenuButton } from './MenuButton';

const MENU_PARTS = 'site-tools site-nav';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { navigate, path } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  // A chosen section replaces the menu with the page (also the section already shown).
  useEffect(() => setMenuOpen(false), [path]);
  const closeOnLink = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a')) setMenuOpen(false);
  };
  const logOut = () => {
    void signOut();
    navigate(PATHS.login);
  };
  // Residents and people not yet signed in may be in an emergency; staff are not the callers.
  const showCall112 = !user || user.roles.includes('resident');
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    document.querySelector<HTMLButtonElement>('.menu-button')?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header" data-menu={user ? (menuOpen ? 'open' : 'closed') : 'none'} onKeyDown={closeOnEscape} onClick={closeOnLink}>
        <div className="header-inner">
          <div className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" fill="#1f4e5f" />
              <path d="M10 6h12v20H10z" fill="none" stroke="#fff" strokeWidth="2.5" />
              <circle cx="19" cy="16" r="1.6" fill="#fff" />
            </svg>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <div className="header-actions">
            {showCall112 && (
              <a className="button button-emergency header-112" href="tel:112" data-testid="header-112">
                {t('emergency.call')}
              </a>
            )}
            {user && <MenuButton open={menuOpen} controls={MENU_PARTS} onToggle={() => setMenuOpen((o) => !o)} />}
          </div>
          <div className="header-tools" id="site-tools">
            <LanguageSwitcher />
            {user && (
              <div className="user-box">
                <span className="user-name">{t('app.signedInAs', { name: user.name })}</span>
                <button type="button" className="button button-quiet" onClick={logOut} data-testid="logout">
                  {t('app.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
        {user && <MainNav roles={user.roles} id="site-nav" />}
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
