/**
 * "Who has seen my data": professionals' accesses first (who, when, why; those without a care
 * relationship flagged), then those who acted for the resident (a guardian, an authorised
 * representative), and the resident's own actions last, folded away. Cards, not a table, so it
 * fits a phone.
 */
import { useTranslation } from 'react-i18next';
import { fetchAccessLog, type AccessEntry } from '../api/audit.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { AccessLogRow } from './AccessLogRow';

/** Long words (a reason typed without spaces) wrap instead of widening the page. */
const WRAP = { overflowWrap: 'anywhere' } as const;
/** The fold's summary is a 44 px target like every other control. */
const SUMMARY = { padding: '0.65rem 0' } as const;

function EntryList({ entries }: { entries: AccessEntry[] }) {
  return (
    <ul className="card-list" style={WRAP}>
      {entries.map((entry) => (
        <AccessLogRow key={entry.id} entry={entry} />
      ))}
    </ul>
  );
}

export function AccessLog() {
  const { t } = useTranslation();
  const user = useUser();
  const log = useAsync(() => fetchAccessLog(user.fhirUser), [user.fhirUser]);
  const entries = log.data ?? [];
  const professionals = entries.filter((e) => e.actor === 'professional' || e.actor === 'other');
  const proxies = entries.filter((e) => e.actor === 'proxy');
  const own = entries.filter((e) => e.actor === 'self');
  const flagged = professionals.filter((e) => e.byRecordedReason).length;

  return (
    <>
      <PageHeading title={t('accessLog.title')}>{t('accessLog.title')}</PageHeading>
      <p className="lead">{t('portal.log.intro')}</p>
      {log.loading && !log.data && <Loading />}
      {log.error !== undefined && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {log.data && log.data.length === 0 && <p className="empty">{t('accessLog.empty')}</p>}
      {log.data && log.data.length > 0 && (
        <div data-testid="access-log">
          <section className="section" aria-labelledby="access-professionals-title" data-testid="access-group-professionals">
            <h2 id="access-professionals-title">{t('portal.log.professionals')}</h2>
            <p className="hint">{t('portal.log.professionalsIntro')}</p>
            {professionals.length === 0 ? (
              <p className="empty">{t('portal.log.noProfessionals')}</p>
            ) : (
              <>
                <p data-testid="access-summary">
                  {t('portal.log.summary', { count: professionals.length })}{' '}
                  {flagged > 0 && <strong>{t('portal.log.flaggedSummary', { count: flagged })}</strong>}
                </p>
                <EntryList entries={professionals} />
              </>
            )}
          </section>
          {proxies.length > 0 && (
            <section className="section" aria-labelledby="access-proxies-title" data-testid="access-group-proxies">
              <h2 id="access-proxies-title">{t('portal.log.proxies')}</h2>
              <p className="hint">{t('portal.log.proxiesIntro')}</p>
              <EntryList entries={proxies} />
            </section>
          )}
          {own.length > 0 && (
            <section className="section" aria-labelledby="access-own-title" data-testid="access-group-own">
              <h2 id="access-own-title">{t('portal.log.own')}</h2>
              <details>
                <summary style={SUMMARY}>{t('portal.log.ownShow', { count: own.length })}</summary>
                <EntryList entries={own} />
              </details>
            </section>
          )}
        </div>
      )}
    </>
  );
}
