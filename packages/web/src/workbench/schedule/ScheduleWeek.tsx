/**
 * The week as a grid of days × hours; each visit sits in the hour it starts. Weekend days show
 * only when they have visits. A day's heading opens that day; a client's name opens the visit.
 */
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { Link } from '../../app/router';
import { visitPath } from '../../app/routes';
import { TableWrap } from '../../components/TableWrap';
import { formatClock, formatShortDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { WeekDayHeaders } from './WeekDayHeaders';
import { helsinkiDateOf, helsinkiHour, isoWeekNumber, todayInHelsinki, weekOf } from './scheduleDays';

const FIRST_HOUR = 8;
const LAST_HOUR = 15;

interface Props {
  day: string;
  appointments: AppointmentView[];
  onOpenDay: (day: string) => void;
}

export function ScheduleWeek({ day, appointments, onOpenDay }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const week = weekOf(day);
  const today = todayInHelsinki();
  const placed = appointments.flatMap((a) => {
    const date = helsinkiDateOf(a.start);
    const hour = helsinkiHour(a.start);
    return date && hour !== undefined && week.includes(date) ? [{ a, date, hour }] : [];
  });
  const days = week.filter((d, i) => i < 5 || placed.some((p) => p.date === d));
  const hours = placed.map((p) => p.hour);
  const from = Math.min(FIRST_HOUR, ...hours);
  const to = Math.max(LAST_HOUR, ...hours);
  const rows = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const first = week[0] ?? day;
  const last = week[6] ?? day;

  return (
    <section className="schedule-week" aria-labelledby="schedule-week-caption" data-testid="schedule-week">
      {placed.length === 0 && <p className="empty">{t('schedule.weekEmpty')}</p>}
      <TableWrap labelledBy="schedule-week-caption">
        <table className="table week-grid">
          <caption id="schedule-week-caption">
            {t('schedule.weekCaption', { week: isoWeekNumber(day), from: formatShortDay(first, lang), to: formatShortDay(last, lang) })}
          </caption>
          <thead>
            <WeekDayHeaders firstColumn={t('schedule.hour')} days={days} today={today} onOpenDay={onOpenDay} />
          </thead>
          <tbody>
            {rows.map((hour) => (
              <tr key={hour}>
                <th scope="row" className="week-hour">
                  {String(hour).padStart(2, '0')}
                </th>
                {days.map((d) => {
                  const here = placed.filter((p) => p.date === d && p.hour === hour);
                  return (
                    <td key={d} className={d === today ? 'week-today' : undefined}>
                      {here.length > 0 && (
                        <ul className="week-cell">
                          {here.map(({ a }) => (
                            <li
                              key={a.id}
                              className={a.status === 'cancelled' ? 'week-item week-item-cancelled' : 'week-item'}
                              data-testid="schedule-appointment"
                              data-appointment-id={a.id}
                            >
                              {/* The visit opens from the client's name, as in the day list. */}
                              <time dateTime={a.start}>{formatClock(a.start, lang)}</time>{' '}
                              <Link to={visitPath(a.id)} data-testid="schedule-open-visit">
                                {a.patientName || t('appointment.clientFallback')}
                              </Link>
                              {a.status === 'cancelled' && <> ({t('appointmentStatus.cancelled')})</>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
