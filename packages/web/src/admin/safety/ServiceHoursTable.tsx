/** When each queue has someone reading it; outside these hours residents are told where to turn. */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import { WEEKDAYS, type QueueHoursView } from '../../api/safetyScreen.resource';
import { TableWrap } from '../../components/TableWrap';
import { formatCalendarDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';

export function ServiceHoursTable({ queue }: { queue: QueueHoursView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const captionId = `hours-${queue.id}`;
  return (
    <div className="section" data-testid="safety-queue" data-queue-id={queue.id}>
      <TableWrap labelledBy={captionId}>
        <table className="table table-compact">
          <caption id={captionId}>{pickText(queue.label, lang) || queue.id}</caption>
          <tbody>
            {WEEKDAYS.map((day, i) => {
              const hours = queue.weekly[day] ?? [];
              return (
                <tr key={day}>
                  <th scope="row">{t(`weekday.${i + 1}`)}</th>
                  <td>{hours.length > 0 ? hours.map((h) => `${h.from}–${h.to}`).join(', ') : t('safety.closed')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted small">
        {queue.closedOnPublicHolidays ? t('safety.closedOnHolidays') : t('safety.openOnHolidays')}
        {queue.closedDates.length > 0 && <> {t('safety.closedDates', { dates: queue.closedDates.map((d) => formatCalendarDay(d, lang)).join(', ') })}</>}
      </p>
      {queue.services.length > 0 && (
        <p className="muted small">{t('safety.queueServices', { services: queue.services.map((s) => t(`service.${s}`, { defaultValue: s })).join(', ') })}</p>
      )}
    </div>
  );
}
