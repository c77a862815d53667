/** The demo accounts, explained; choosing one fills in the user name. */
import { Trans, useTranslation } from 'react-i18next';

const ACCOUNTS = ['resident', 'guidance', 'physician', 'physio', 'social', 'manager', 'admin'] as const;

export function DemoAccounts({ onPick }: { onPick: (username: string) => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel demo-accounts" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('login.demoTitle')}</h2>
      <p>
        <Trans i18nKey="login.demoIntro" components={{ code: <code /> }} />
      </p>
      <ul className="plain-list demo-list">
        {ACCOUNTS.map((username) => (
          <li key={username}>
            <button type="button" className="link-button" onClick={() => onPick(username)}>
              <code>{username}</code>
            </button>{' '}
            – {t(`login.demo.${username}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
