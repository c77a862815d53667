/** One kind of directory entry as a list of cards; each name opens its form. */
import { useTranslation } from 'react-i18next';
import { fetchDirectoryList, type DirectoryKind, type DirectoryListItem } from '../../api/directory.resource';
import { Link } from '../../app/router';
import { directoryPath } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';

function Detail({ detail }: { detail: NonNullable<DirectoryListItem['detail']> }) {
  const { t } = useTranslation();
  const value = detail.kind === 'profession' ? t(`profession.${detail.value}`, { defaultValue: detail.value }) : detail.value;
  if (detail.kind === 'members') return <p className="muted">{t('directory.detail.members', { count: Number(detail.value) })}</p>;
  return (
    <p className="muted">
      {t(`directory.detail.${detail.kind}`)}: {value}
    </p>
  );
}

export function DirectoryList({ kind }: { kind: DirectoryKind }) {
  const { t } = useTranslation();
  const list = useAsync(() => fetchDirectoryList(kind), [kind]);
  const titleId = `directory-${kind}-title`;
  return (
    <section aria-labelledby={titleId}>
      <div className="toolbar">
        <h2 id={titleId}>{t(`directory.kinds.${kind}`)}</h2>
        <Link to={directoryPath(kind, 'new')} className="button button-primary" data-testid="directory-new">
          <span aria-hidden="true">+ </span>
          {t(`directory.new.${kind}`)}
        </Link>
      </div>
      <p className="hint">{t(`directory.intro.${kind}`)}</p>
      {list.loading && !list.data && <Loading />}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="empty">{t('directory.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card-list directory-list" data-testid="directory-list">
          {list.data.map((item) => (
            <li key={item.id} className="card directory-item" data-id={item.id}>
              <div className="card-head">
                <h3 className="card-title">
                  <Link to={directoryPath(kind, item.id)}>{item.name || t('directory.unnamed')}</Link>
                </h3>
                {item.inactive && <span className="status status-cancelled">{t('directory.inactive')}</span>}
              </div>
              {item.detail && <Detail detail={item.detail} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
