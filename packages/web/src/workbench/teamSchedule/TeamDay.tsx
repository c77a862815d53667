/** One day: a column per professional on wide screens, one after another on phones. */
import { useTranslation } from 'react-i18next';
import type { TeamScheduleView } from '../../api/teamSchedule.resource';
import { modesText, timeRangeText, visitTypeLabel } from '../../components/appointment/visitLabels';
import { formatCalendarDay, formatClock } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { helsinkiDateOf } from '../schedule/scheduleDays';
import { countText, SlotState } from './SlotState';

export function TeamDay({ day, scopeName, view }: { day: string; scopeName: string; view: TeamScheduleView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const people = view.professionals.map((p) => ({ ...p, slots: p.slots.filter((s) => helsinkiDateOf(s.start) === day) }));
  const all = people.flatMap((p) => p.slots);
  return (
    <section className="team-schedule" aria-labelledby="team-day-title" data-testid="team-schedule" data-day={day}>
      <div className="toolbar">
        <h2 id="team-day-title">
          {formatCalendarDay(day, lang)}
          <span className="visually-hidden">, {scopeName}</span>
        </h2>
        {all.length > 0 && <p className="count">{countText(all, t)}</p>}
      </div>
      {people.length === 0 ? (
        <p className="empty">{t('teamSchedule.noProfessionals')}</p>
      ) : (
        <div className="team-day" role="region" aria-labelledby="team-day-title" tabIndex={0}>
          {people.map((p, index) => {
            const titleId = `team-pro-${index}`;
            return (
              <section key={p.practitioner || index} className="team-column" aria-labelledby={titleId} data-testid="team-schedule-professional" data-practitioner={p.practitioner}>
                <h3 id={titleId} className="team-column-title">
                  {p.name}
                </h3>
                <p className="muted small">{[p.profession ? t(`profession.${p.profession}`, { defaultValue: p.profession }) : '', p.locationName].filter(Boolean).join(' · ')}</p>
                {p.slots.length === 0 ? (
                  <p className="empty small">{t('teamSchedule.noTimes')}</p>
                ) : (
                  <>
                    <p className="small team-count">{countText(p.slots, t)}</p>
                    <ul className="team-slots">
                      {p.slots.map((s) => (
                        <li key={s.id} className={`team-slot team-slot-${s.status}`} data-testid="team-schedule-slot" data-slot-id={s.id} data-status={s.status}>
                          <time dateTime={s.start} className="team-slot-time">
                            {timeRangeText(formatClock(s.start, lang), formatClock(s.end, lang), t)}
                          </time>
                          <SlotState status={s.status} />
                          <span className="team-slot-what">{[visitTypeLabel(s.visitType, lang), modesText(s.modes, t)].filter(Boolean).join(' · ')}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
