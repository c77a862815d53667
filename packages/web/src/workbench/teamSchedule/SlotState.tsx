/** Free or taken, in words and with a mark, never by colour alone. */
import { useTranslation } from 'react-i18next';

export function SlotState({ status }: { status: 'free' | 'busy' }) {
  const { t } = useTranslation();
  return (
    <span className={`slot-state slot-state-${status}`}>
      <span aria-hidden="true" className="slot-mark">
        {status === 'free' ? '○' : '■'}
      </span>{' '}
      {t(`teamSchedule.${status}`)}
    </span>
  );
}

/** "3 free, 2 taken" */
export function countText(slots: Array<{ status: 'free' | 'busy' }>, t: ReturnType<typeof useTranslation>['t']): string {
  const free = slots.filter((s) => s.status === 'free').length;
  return t('teamSchedule.counts', { free, taken: slots.length - free });
}
