/** Sign-in with user name and password; explains the demo accounts. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Link, useRouter } from '../app/router';
import { PATHS } from '../app/routes';
import { errorKey } from '../components/errorText';
import { PageHeading } from '../components/PageHeading';
import { DemoAccounts } from './DemoAccounts';
import { useSession } from './SessionContext';
import { signInOptions, startRegionSignIn } from './codeFlow';

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn, expired, signInFailure } = useSession();
  const { navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [region, setRegion] = useState(false);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void signInOptions().then((options) => {
      if (!cancelled) setRegion(options.region);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const signInAtRegion = async () => {
    if (leaving) return;
    setLeaving(true);
    setError(undefined);
    try {
      // Back to the same screen afterwards (the query too, as after a password log-in).
      await startRegionSignIn(window.location.pathname + window.location.search);
    } catch (e) {
      setError(t(errorKey(e)));
      setLeaving(false);
    }
  };
  const shownError = error ?? (signInFailure ? t(`signIn.${signInFailure}`) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
      // Counts as a navigation, so the first screen's heading takes focus.
      // The query stays: a client path's "contact us" fills in the form after logging in.
      navigate(window.location.pathname + window.location.search, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('login.wrong'));
      else if (e instanceof ApiError && e.status === 429)
        setError(e.retryAfterSeconds ? t('login.locked', { seconds: e.retryAfterSeconds }) : t('login.lockedSoon'));
      else setError(t(errorKey(e)));
      setSubmitting(false);
    }
  };

  return (
    <div className="login-layout">
      <section className="panel login-panel" aria-labelledby="login-heading">
        <PageHeading title={t('login.title')}>
          <span id="login-heading">{t('login.title')}</span>
        </PageHeading>
        <p>{t('login.intro')}</p>
        <p>
          <Link to={PATHS.services} data-testid="login-services">
            {t('serviceFinder.loginLink')}
          </Link>
        </p>
        {expired && !shownError && (
          <p role="status" className="notice notice-info">
            {t('errors.unauthorized')}
          </p>
        )}
        <form noValidate onSubmit={(e) => void submit(e)} aria-busy={submitting}>
          {shownError && (
            <p id="login-error" role="alert" className="notice notice-error">
              {shownError}
            </p>
          )}
          <div className="field">
            <label htmlFor="login-username">{t('login.username')}</label>
            <input
              id="login-username"
              className="input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={shownError ? 'login-error' : undefined}
              data-testid="login-username"
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              id="login-password"
              ref={passwordRef}
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={shownError ? 'login-error' : undefined}
              data-testid="login-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary button-wide" disabled={submitting} data-testid="login-submit">
              {submitting ? t('login.submitting') : t('login.submit')}
            </button>
          </div>
        </form>
        {region && (
          <div className="region-sign-in">
            <p>{t('signIn.regionOr')}</p>
            <button type="button" className="button button-secondary button-wide" disabled={leaving} aria-busy={leaving} onClick={() => void signInAtRegion()} data-testid="login-region">
              {t('signIn.regionButton')}
            </button>
          </div>
        )}
      </section>
      <DemoAccounts
        onPick={(name) => {
          setUsername(name);
          passwordRef.current?.focus();
        }}
      />
    </div>
  );
}
