/** Above the free times: a time just taken by someone else, the search running, or its failure. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { AsyncState } from '../../components/useAsync';

interface Props {
  search: AsyncState<unknown>;
  taken: boolean;
  /** What to say when the chosen time was taken meanwhile (staff and residents are told differently). */
  takenText: string;
}

export function SearchStatus({ search, taken, takenText }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {taken && (
        <div role="alert" className="notice notice-error">
          <p>{takenText}</p>
        </div>
      )}
      {search.loading && (
        <p className="loading" role="status">
          {t('booking.searching')}
        </p>
      )}
      {search.error !== undefined && <ErrorMessage error={search.error} onRetry={search.reload} />}
    </>
  );
}
