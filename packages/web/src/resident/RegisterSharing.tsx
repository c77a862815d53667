/**
 * "Sharing my information": social-welfare and health data are kept apart; the resident gives
 * or withdraws their consent for the professionals who help them to see both (a Consent with
 * category register-sharing). Shows when it was given and withdrawn.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSharingConsents, giveSharingConsent, withdrawSharingConsent } from '../api/consent.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';

const POINTS = ['apart', 'withoutConsent', 'withConsent', 'whoSees', 'anyTime'] as const;

export function RegisterSharing() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const user = useUser();
  const consents = useAsync(() => fetchSharingConsents(user.fhirUser), [user.fhirUser]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const all = consents.data ?? [];
  const active = all.filter((c) => c.active);
  const given = active[0];
  const lastWithdrawn = all.find((c) => !c.active);

  const act = async () => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      if (given) {
        for (const consent of active) await withdrawSharingConsent(consent.id);
        setDone(t('sharing.withdrawDone'));
      } else {
        await giveSharingConsent(user.fhirUser);
        setDone(t('sharing.giveDone'));
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      consents.reload();
    }
  };

  return (
    <>
      <PageHeading title={t('sharing.title')}>{t('sharing.title')}</PageHeading>
      <p className="lead">{t('sharing.intro')}</p>
      <section className="panel" aria-labelledby="sharing-what-title">
        <h2 id="sharing-what-title">{t('sharing.whatTitle')}</h2>
        <ul className="sharing-points">
          {POINTS.map((point) => (
            <li key={point}>{t(`sharing.points.${point}`)}</li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="sharing-now-title" data-testid="sharing-status" data-state={consents.data ? (given ? 'given' : 'not-given') : 'loading'}>
        <h2 id="sharing-now-title">{t('sharing.nowTitle')}</h2>
        {consents.loading && !consents.data && <Loading />}
        {consents.error !== undefined && !consents.data && <ErrorMessage error={consents.error} onRetry={consents.reload} />}
        {consents.data && (
          <>
            <p className="sharing-state">
              <strong>
                {given
                  ? t('sharing.given', { when: formatDateTime(given.givenAt, lang) })
                  : lastWithdrawn
                    ? t('sharing.withdrawn', { when: formatDateTime(lastWithdrawn.withdrawnAt, lang) })
                    : t('sharing.notGiven')}
              </strong>
            </p>
            <p>{given ? t('sharing.givenMeans') : t('sharing.notGivenMeans')}</p>
            {failure !== undefined && <ErrorMessage error={failure} />}
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              aria-describedby="sharing-change-hint"
              data-testid={given ? 'sharing-withdraw' : 'sharing-give'}
              onClick={() => void act()}
            >
              {busy ? t('sharing.saving') : given ? t('sharing.withdraw') : t('sharing.give')}
            </button>
            <p id="sharing-change-hint" className="hint sharing-hint">
              {given ? t('sharing.withdrawHint') : t('sharing.giveHint')}
            </p>
          </>
        )}
        <StatusMessage tone="success" testId="sharing-done">
          {done}
        </StatusMessage>
      </section>
      {all.length > 0 && (
        <section className="panel" aria-labelledby="sharing-history-title">
          <h2 id="sharing-history-title">{t('sharing.historyTitle')}</h2>
          <ul className="plain-list sharing-history">
            {all.map((c) => (
              <li key={c.id} data-testid="sharing-history-item" data-state={c.active ? 'active' : 'withdrawn'}>
                {t('sharing.historyGiven', { when: formatDateTime(c.givenAt, lang) })}
                {c.active ? ` ${t('sharing.historyActive')}` : c.withdrawnAt ? ` ${t('sharing.historyWithdrawn', { when: formatDateTime(c.withdrawnAt, lang) })}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
