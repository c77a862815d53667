/**
 * Admin: the organisation directory (organisations, units, services, professionals, teams).
 * `/admin/directory/<kind>` lists, `/admin/directory/<kind>/new` creates, `/<kind>/<id>` edits.
 */
import { useTranslation } from 'react-i18next';
import { DIRECTORY_KINDS, isDirectoryKind } from '../../api/directory.resource';
import { Link, useRouter } from '../../app/router';
import { PATHS, directoryPath } from '../../app/routes';
import { PageHeading } from '../../components/PageHeading';
import { DirectoryEditor } from './DirectoryEditor';
import { DirectoryList } from './DirectoryList';

export function DirectoryPage({ path }: { path: string }) {
  const { t } = useTranslation();
  const { state } = useRouter();
  const [first, second] = path.slice(PATHS.directory.length).split('/').filter(Boolean);
  const kind = isDirectoryKind(first) ? first : 'organizations';
  const id = second && second !== 'new' ? decodeURIComponent(second) : undefined;
  const editing = second !== undefined;
  const justCreated = (state as { flash?: string } | null)?.flash === 'directory-saved';

  return (
    <>
      <PageHeading title={t('directory.title')}>{t('directory.title')}</PageHeading>
      <p className="lead">{t('directory.lead')}</p>
      <nav aria-label={t('directory.sections')} className="sub-nav">
        <ul>
          {DIRECTORY_KINDS.map((k) => (
            <li key={k}>
              <Link to={directoryPath(k)} aria-current={k === kind ? (editing ? 'true' : 'page') : undefined}>
                {t(`directory.kinds.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {editing ? <DirectoryEditor key={`${kind}/${id ?? 'new'}`} kind={kind} id={id} justCreated={justCreated} /> : <DirectoryList kind={kind} />}
    </>
  );
}
