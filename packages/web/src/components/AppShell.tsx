/** Skip link, banner with language and sign-out, navigation, the main landmark and a footer. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';
import { PATHS } from '../app/routes';
import { useSession } from '../auth/SessionContext';
import { LanguageSwitcher } from './LanguageSwitcher';
import { MainNav } from './MainNav';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { navigate } = useRouter();
  const logOut = () => {
    void signOut();
    navigate(PATHS.login);
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header">
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
          <div className="header-tools">
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
        {user && <MainNav roles={user.roles} />}
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
