/** Previous / next page of the queue, and where one is ("page 2 of 29"). */
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}

export function QueuePager({ page, pages, onPage }: Props) {
  const { t } = useTranslation();
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="queue-pager" aria-label={t('queue.pages')} data-testid="queue-pager">
      <button type="button" className="button button-secondary" disabled={page <= 1} data-testid="queue-previous" onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">← </span>
        {t('queue.previousPage')}
      </button>
      <p className="muted" data-testid="queue-page">
        {t('queue.pageOf', { page, pages })}
      </p>
      <button type="button" className="button button-secondary" disabled={page >= pages} data-testid="queue-next" onClick={() => onPage(page + 1)}>
        {t('queue.nextPage')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}
