/** `/services/paths/<id>`: a client path, open without logging in. */
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { fetchClientPath } from './clientPaths.resource';
import { ClientPathView } from './ClientPathView';

export function ClientPathPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const path = useAsync(() => fetchClientPath(id, lang), [id, lang]);
  const title = path.data?.title ?? t('clientPaths.heading');
  return (
    <>
      <p>
        <Link to={PATHS.services}>{t('clientPaths.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {path.loading && <Loading />}
      {path.error !== undefined && <ErrorMessage error={path.error} onRetry={path.reload} />}
      {path.data && <ClientPathView path={path.data} />}
    </>
  );
}
