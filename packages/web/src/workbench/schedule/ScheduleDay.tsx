/** The visits of one day, in time order. */
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { formatCalendarDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { helsinkiDateOf } from './scheduleDays';
import { ScheduleItem } from './ScheduleItem';

export function ScheduleDay({ day, appointments }: { day: string; appointments: AppointmentView[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const today = appointments.filter((a) => helsinkiDateOf(a.start) === day);
  const active = today.filter((a) => a.status !== 'cancelled' && a.status !== 'entered-in-error');
  return (
    <section className="schedule-day" aria-labelledby="schedule-day-title" data-testid="schedule-day" data-day={day}>
      <div className="toolbar">
        <h2 id="schedule-day-title">{formatCalendarDay(day, lang)}</h2>
        {active.length > 0 && <p className="count">{t('schedule.count', { count: active.length })}</p>}
      </div>
      {today.length === 0 ? (
        <p className="empty">{t('schedule.empty')}</p>
      ) : (
        <ul className="card-list">
          {today.map((a) => (
            <ScheduleItem key={a.id} appointment={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
