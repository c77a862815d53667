/** "My day": the professional's own visits, a day at a time or as a week, on Helsinki time. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { fetchPractitionerAppointments } from '../../api/appointment.resource';
import { useUser } from '../../auth/SessionContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { endOfDay, mondayOf, startOfDay, todayInHelsinki } from './scheduleDays';
import { ScheduleDay } from './ScheduleDay';
import { ScheduleWeek } from './ScheduleWeek';

type View = 'day' | 'week';

export function MySchedule() {
  const { t } = useTranslation();
  const user = useUser();
  const [day, setDay] = useState(todayInHelsinki);
  const [view, setView] = useState<View>('day');
  const monday = mondayOf(day);
  // From the start of the shown day (or week) to the end of its week.
  const from = view === 'day' ? day : monday;
  const to = addCalendarDays(monday, 6);
  const appointments = useAsync(() => fetchPractitionerAppointments(user.fhirUser, startOfDay(from), endOfDay(to)), [user.fhirUser, from, to]);
  const step = view === 'day' ? 1 : 7;

  return (
    <>
      <PageHeading title={t('schedule.title')}>{t('schedule.title')}</PageHeading>
      <p className="lead">{t('schedule.intro')}</p>
      <div className="toolbar schedule-toolbar">
        <div role="group" aria-label={t('schedule.view')} className="segmented">
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" className="segment" aria-pressed={view === v} data-testid={`schedule-view-${v}`} onClick={() => setView(v)}>
              {t(`schedule.${v}`)}
            </button>
          ))}
        </div>
        <div className="button-row schedule-steps">
          <button type="button" className="button button-secondary" data-testid="schedule-previous" onClick={() => setDay((d) => addCalendarDays(d, -step))}>
            <span aria-hidden="true">← </span>
            {view === 'day' ? t('schedule.previousDay') : t('schedule.previousWeek')}
          </button>
          <button type="button" className="button button-secondary" data-testid="schedule-today" onClick={() => setDay(todayInHelsinki())}>
            {t('schedule.today')}
          </button>
          <button type="button" className="button button-secondary" data-testid="schedule-next" onClick={() => setDay((d) => addCalendarDays(d, step))}>
            {view === 'day' ? t('schedule.nextDay') : t('schedule.nextWeek')}
            <span aria-hidden="true"> →</span>
          </button>
        </div>
      </div>
      {appointments.loading && <Loading />}
      {appointments.error !== undefined && <ErrorMessage error={appointments.error} onRetry={appointments.reload} />}
      {appointments.data &&
        !appointments.loading &&
        (view === 'day' ? (
          <ScheduleDay day={day} appointments={appointments.data} />
        ) : (
          <ScheduleWeek
            day={day}
            appointments={appointments.data}
            onOpenDay={(d) => {
              setDay(d);
              setView('day');
            }}
          />
        ))}
    </>
  );
}
