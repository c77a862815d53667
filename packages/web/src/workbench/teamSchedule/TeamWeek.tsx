/**
 * The week in figures: free and taken times per professional per day. A table (scrolls
 * sideways on phones); weekend days show only when they have times. A day's heading opens it.
 */
import { useTranslation } from 'react-i18next';
import type { TeamScheduleView } from '../../api/teamSchedule.resource';
import { TableWrap } from '../../components/TableWrap';
import { formatShortDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { WeekDayHeaders } from '../schedule/WeekDayHeaders';
import { helsinkiDateOf, isoWeekNumber, todayInHelsinki, weekOf } from '../schedule/scheduleDays';

interface Props {
  day: string;
  scopeName: string;
  view: TeamScheduleView;
  onOpenDay: (day: string) => void;
}

function Counts({ slots }: { slots: Array<{ status: 'free' | 'busy' }> }) {
  const { t } = useTranslation();
  if (slots.length === 0) return <span className="muted">{t('teamSchedule.noTimesShort')}</span>;
  const free = slots.filter((s) => s.status === 'free').length;
  return (
    <span className="week-counts">
      <span className="slot-count slot-count-free">
        <span aria-hidden="true">○ </span>
        {t('teamSchedule.freeCount', { count: free })}
      </span>
      <span className="slot-count slot-count-busy">
        <span aria-hidden="true">■ </span>
        {t('teamSchedule.takenCount', { count: slots.length - free })}
      </span>
    </span>
  );
}

export function TeamWeek({ day, scopeName, view, onOpenDay }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const week = weekOf(day);
  const today = todayInHelsinki();
  const dated = view.professionals.map((p) => ({ ...p, slots: p.slots.map((s) => ({ ...s, date: helsinkiDateOf(s.start) })) }));
  const days = week.filter((d, i) => i < 5 || dated.some((p) => p.slots.some((s) => s.date === d)));
  const first = week[0] ?? day;
  const last = week[6] ?? day;
  return (
    <section className="team-schedule" aria-labelledby="team-week-caption" data-testid="team-schedule" data-week={first}>
      {dated.length === 0 ? (
        <p className="empty">{t('teamSchedule.noProfessionals')}</p>
      ) : (
        <TableWrap labelledBy="team-week-caption">
          <table className="table team-week">
            <caption id="team-week-caption">
              {t('teamSchedule.weekCaption', { name: scopeName, week: isoWeekNumber(day), from: formatShortDay(first, lang), to: formatShortDay(last, lang) })}
            </caption>
            <thead>
              <WeekDayHeaders firstColumn={t('teamSchedule.professional')} days={days} today={today} onOpenDay={onOpenDay} />
            </thead>
            <tbody>
              {dated.map((p, index) => (
                <tr key={p.practitioner || index} data-testid="team-schedule-professional" data-practitioner={p.practitioner}>
                  <th scope="row">
                    {p.name}
                    {p.profession && <span className="muted small block">{t(`profession.${p.profession}`, { defaultValue: p.profession })}</span>}
                  </th>
                  {days.map((d) => (
                    <td key={d} className={d === today ? 'week-today' : undefined}>
                      <Counts slots={p.slots.filter((s) => s.date === d)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('teamSchedule.total')}</th>
                {days.map((d) => (
                  <td key={d} className={d === today ? 'week-today' : undefined}>
                    <Counts slots={dated.flatMap((p) => p.slots.filter((s) => s.date === d))} />
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
