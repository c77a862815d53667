/** "Who has seen my data": every access to the resident's data, newest first. */
import { useTranslation } from 'react-i18next';
import { fetchAccessLog } from '../api/audit.resource';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { AccessLogRow } from './AccessLogRow';

export function AccessLog() {
  const { t } = useTranslation();
  const user = useUser();
  const log = useAsync(() => fetchAccessLog(user.fhirUser), [user.fhirUser]);

  return (
    <>
      <PageHeading title={t('accessLog.title')}>{t('accessLog.title')}</PageHeading>
      <p className="lead">{t('accessLog.intro')}</p>
      {log.loading && !log.data && <Loading />}
      {log.error !== undefined && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {log.data && log.data.length === 0 && <p className="empty">{t('accessLog.empty')}</p>}
      {log.data && log.data.length > 0 && (
        <TableWrap labelledBy="access-log-caption">
          <table className="table table-stack" data-testid="access-log">
            <caption id="access-log-caption">{t('accessLog.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.when')}</th>
                <th scope="col">{t('accessLog.who')}</th>
                <th scope="col">{t('accessLog.what')}</th>
                <th scope="col">{t('accessLog.action')}</th>
                <th scope="col">{t('accessLog.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry) => (
                <AccessLogRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
